using System.Diagnostics;
using System.Globalization;

namespace DeploySim.Benchmarks.Scale;

/// <summary><c>--scale CASE INSTANCES [TARGET_GROUPS] [--detail] [--warm [N]]</c>: after a warm-up replication of the same case on at
/// most 1,000 instances (so that JIT compilation is not counted), runs replications of a <see cref="ScaleCase"/> in a
/// fresh world (CPU time of the whole process: the runs and their garbage collections) and prints one tab-separated line:
/// case, instances, groups, events per replication, CPU seconds per replication, ns per event, bytes allocated per
/// replication, bytes live per instance after the runs (GC heap with the world alive, after a full collection), peak
/// working set in MiB. Below 100,000 instances it runs 100,000 / instances replications (replication 0, 1, ... in the
/// same world, as a Monte Carlo run does), so that a small fleet's CPU time is not lost in the clock's resolution.
/// With <c>--warm</c>, N unmeasured replications (default 1, each number 1) run in the measured world first, so that its
/// arrays, event pool and the GC heap have already grown, as for the later replications of a Monte Carlo run (a fleet
/// whose ids went beyond its reserved storage needs two: the second replication still moves into the larger arrays).
/// One case per process, so that the peak working set is the case's own (scripts/scale-table.sh).</summary>
public static class ScaleTable
{
    public static int Run(string[] args)
    {
        if (args.Length < 3 || !Enum.TryParse<ScaleCase>(args[1], ignoreCase: true, out var scaleCase) || !int.TryParse(args[2], out int instances))
        {
            Console.Error.WriteLine($"usage: --scale {{{string.Join('|', Enum.GetNames<ScaleCase>())}}} INSTANCES [TARGET_GROUPS] [--detail] [--warm [N]]");
            return 2;
        }
        int groups = args.Length > 3 && int.TryParse(args[3], out int g) ? g : 1;
        bool detail = args.Contains("--detail");
        var scenario = ScaleCases.Build(scaleCase, instances, groups);
        WarmUp(scaleCase, Math.Min(instances, 1_000), groups, detail);
        long liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        var world = new DeploySim.Model.World();
        for (int w = WarmReplications(args); w > 0; w--)
        {
            world.Reset(scenario, 1, recordDetail: false);
            world.Run();
        }
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        int repeats = Math.Max(1, 100_000 / instances);
        DeploySim.Metrics.ReplicationResult result = null!;
        long events = 0;
        for (int r = 0; r < repeats; r++)
        {
            world.Reset(scenario, r, detail && r == 0);
            result = world.Run();
            events += result.EventsProcessed;
        }
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds / repeats;
        long allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / repeats;
        long live = GC.GetTotalMemory(forceFullCollection: true) - liveBefore;
        GC.KeepAlive(world);
        process.Refresh();
        long peakMiB = process.PeakWorkingSet64 >> 20;
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Join('\t', scaleCase, instances.ToString(ci), groups.ToString(ci), (events / repeats).ToString(ci),
            cpuSeconds.ToString("F4", ci), (cpuSeconds * 1e9 * repeats / Math.Max(1, events)).ToString("F0", ci), allocated.ToString(ci),
            (live / (double)instances).ToString("F0", ci), peakMiB.ToString(ci), result.Outcome, result.StopReason));
        return 0;
    }

    /// <summary>The N of <c>--warm [N]</c>: 0 without the option, 1 when no count follows it.</summary>
    private static int WarmReplications(string[] args)
    {
        int at = Array.IndexOf(args, "--warm");
        if (at < 0) return 0;
        return at + 1 < args.Length && int.TryParse(args[at + 1], out int n) && n >= 0 ? n : 1;
    }

    /// <summary>JIT-compiles the model on a small fleet (not measured).</summary>
    private static void WarmUp(ScaleCase scaleCase, int instances, int groups, bool detail)
    {
        var world = new DeploySim.Model.World();
        world.Reset(ScaleCases.Build(scaleCase, instances, groups), 0, detail);
        world.Run();
    }
}
