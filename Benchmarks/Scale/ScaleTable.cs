using System.Diagnostics;
using System.Globalization;

namespace DeploySim.Benchmarks.Scale;

/// <summary><c>--scale CASE INSTANCES [TARGET_GROUPS] [--detail]</c>: after a warm-up replication of the same case on at
/// most 1,000 instances (so that JIT compilation is not counted), runs one replication of a <see cref="ScaleCase"/> in a
/// fresh world (CPU time of the whole process: the run and its garbage collections) and prints one tab-separated line: case, instances, groups, events, CPU seconds, ns per event, bytes
/// allocated, bytes live per instance after the run (GC heap with the world alive, after a full collection), peak
/// working set in MiB. One case per process, so that the peak working set is the case's own (scripts/scale-table.sh).</summary>
public static class ScaleTable
{
    public static int Run(string[] args)
    {
        if (args.Length < 3 || !Enum.TryParse<ScaleCase>(args[1], ignoreCase: true, out var scaleCase) || !int.TryParse(args[2], out int instances))
        {
            Console.Error.WriteLine($"usage: --scale {{{string.Join('|', Enum.GetNames<ScaleCase>())}}} INSTANCES [TARGET_GROUPS] [--detail]");
            return 2;
        }
        int groups = args.Length > 3 && int.TryParse(args[3], out int g) ? g : 1;
        bool detail = args.Contains("--detail");
        var scenario = ScaleCases.Build(scaleCase, instances, groups);
        WarmUp(scaleCase, Math.Min(instances, 1_000), groups, detail);
        long liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        var world = new DeploySim.Model.World();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        world.Reset(scenario, 0, detail);
        var result = world.Run();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long live = GC.GetTotalMemory(forceFullCollection: true) - liveBefore;
        GC.KeepAlive(world);
        process.Refresh();
        long peakMiB = process.PeakWorkingSet64 >> 20;
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Join('\t', scaleCase, instances.ToString(ci), groups.ToString(ci), result.EventsProcessed.ToString(ci),
            cpuSeconds.ToString("F2", ci), (cpuSeconds * 1e9 / result.EventsProcessed).ToString("F0", ci), allocated.ToString(ci),
            (live / (double)instances).ToString("F0", ci), peakMiB.ToString(ci), result.Outcome, result.StopReason));
        return 0;
    }

    /// <summary>JIT-compiles the model on a small fleet (not measured).</summary>
    private static void WarmUp(ScaleCase scaleCase, int instances, int groups, bool detail)
    {
        var world = new DeploySim.Model.World();
        world.Reset(ScaleCases.Build(scaleCase, instances, groups), 0, detail);
        world.Run();
    }
}
