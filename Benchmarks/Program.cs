using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DeploySim.Benchmarks.Gate;
using DeploySim.Benchmarks.Reports;

namespace DeploySim.Benchmarks;

/// <summary>Runs the benchmarks (BenchmarkDotNet's command line), or one of this project's modes:
/// <list type="bullet">
/// <item><c>--check [--baseline FILE] [--filter ...] [--artifacts DIR]</c>: the gate's fixed job, ratios and allocations
/// compared with <c>Benchmarks/baseline.json</c>; exits 1 on a regression, a failed benchmark or an empty run.</item>
/// <item><c>--update-baseline [same options]</c>: the same run, written to the baseline (merged into it under a filter).</item>
/// <item><c>--check-deterministic [--all] [--baseline FILE] [--filter GLOB...]</c>: the gate's deterministic part (CI): exact
/// bytes and events per operation against the baseline, no timing (<see cref="DeterministicGate"/>).</item>
/// <item><c>--update-deterministic [same options]</c>: the same run, its bytes and events written to the baseline (ratios kept).</item>
/// <item><c>--measure [same options]</c>: the same run, no comparison (for the performance table).</item>
/// <item><c>--perf-table [DIR]</c>: the README's performance table, in Markdown, from what <c>scripts/perf-table.sh</c> wrote under DIR.</item>
/// <item><c>--scale CASE INSTANCES [GROUPS] [--detail] [--warm]</c>: one replication of a scale case (<see cref="Scale.ScaleTable"/>).</item>
/// <item><c>--self-test</c>: checks the gate's comparison on synthetic numbers.</item>
/// <item><c>--available-cores</c>: prints how many cores the process gets right now (spinning one thread per core for 2 s).</item>
/// </list>
/// Exits non-zero when any benchmark fails or the filter matches nothing (BenchmarkDotNet itself exits 0 in both cases).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return args.FirstOrDefault() switch
        {
            "--self-test" => SelfTest.Run(Console.Out) == 0 ? 0 : 1,
            "--perf-table" => PerfTable.Print(args.Length > 1 ? args[1] : PerfTable.DefaultDirectory, Console.Out, Console.Error),
            "--check" => GateCommand.Run(GateMode.Check, args),
            "--update-baseline" => GateCommand.Run(GateMode.UpdateBaseline, args),
            "--measure" => GateCommand.Run(GateMode.Measure, args),
            "--check-deterministic" => DeterministicGate.Run(update: false, args),
            "--update-deterministic" => DeterministicGate.Run(update: true, args),
            "--available-cores" => PrintAvailableCores(),
            "--scale" => Scale.ScaleTable.Run(args),
            _ => Failed(BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray()) ? 1 : 0,
        };
    }

    private static int PrintAvailableCores()
    {
        Console.WriteLine(MachineInfo.AvailableCores(TimeSpan.FromSeconds(2)).ToString("F2", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>True (after saying why on stderr) when nothing ran, a summary has validation errors or a case failed.</summary>
    public static bool Failed(IReadOnlyCollection<Summary> summaries)
    {
        if (summaries.Count == 0 || summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            Console.Error.WriteLine("benchmarks: no benchmark matched");
            return true;
        }
        bool failed = false;
        foreach (var s in summaries)
        {
            if (s.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine($"benchmarks: {s.Title}: validation errors");
                failed = true;
            }
            foreach (var r in s.Reports.Where(r => !r.Success || r.ExecuteResults.Any(e => e.ExitCode != 0)))
            {
                Console.Error.WriteLine($"benchmarks: {r.BenchmarkCase.DisplayInfo} failed");
                failed = true;
            }
        }
        return failed;
    }
}
