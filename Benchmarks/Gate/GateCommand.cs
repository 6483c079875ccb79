using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Gate;

public enum GateMode
{
    Check,
    UpdateBaseline,
    Measure,
}

/// <summary><c>--check</c>, <c>--update-baseline</c> and <c>--measure</c>: runs the benchmarks with the <see cref="GateJob"/>,
/// probes allocations, writes <c>gate-results.json</c> under the artifacts directory, then compares with or writes the baseline.</summary>
public static class GateCommand
{
    public const string DefaultArtifacts = "BenchmarkDotNet.Artifacts/gate";

    /// <summary>A baseline is the median of this many runs: one run on the shared machine can be off by 25 %.</summary>
    public const int BaselineRuns = 3;

    public static int Run(GateMode mode, string[] args) => WithoutDynamicPgo(args) ?? RunHere(mode, args[0], args[1..]);

    /// <summary>The gate measures without dynamic PGO: with it, the code the JIT settles on for the same benchmark differs
    /// from process to process (measured: the event queue's hold at 1,000 pending events took 30 ns in one process and 40 ns
    /// in the next, 31 then 57 ns within one), which no tolerance can absorb. The runtime reads the setting at start-up,
    /// so the gate runs itself again with <c>DOTNET_TieredPGO=0</c> and returns that run's exit code; null when it is
    /// already that run.</summary>
    internal static int? WithoutDynamicPgo(string[] args)
    {
        const string variable = "DOTNET_TieredPGO";
        if (Environment.GetEnvironmentVariable(variable) == "0") return null;
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(GateCommand).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {host}");
        child.WaitForExit();
        return child.ExitCode;
    }

    private static int RunHere(GateMode mode, string option, string[] args)
    {
        var watch = Stopwatch.StartNew();
        if (SelfTest.Run(Console.Error, verbose: false) != 0)
        {
            Console.Error.WriteLine($"{option}: the comparer's self-test failed");
            return 1;
        }
        var rest = new List<string>(args);
        string baselinePath = Take(rest, "--baseline") ?? RepositoryPaths.Baseline;
        if (rest.Any(a => a is "--job" or "-j" or "--inProcess" or "-i" or "--runtimes" or "-r"))
        {
            Console.Error.WriteLine($"{option}: the gate's job is fixed ({GateJob.Description}); do not pass --job, --inProcess or --runtimes");
            return 2;
        }
        bool filtered = rest.Any(a => a is "--filter" or "-f" or "--anyCategories" or "--allCategories");
        if (!filtered) rest.AddRange(["--filter", "*"]);
        string artifacts = Take(rest, "--artifacts") ?? Take(rest, "-a") ?? DefaultArtifacts;

        Baseline? baseline = null;
        if (mode != GateMode.Measure)
        {
            if (File.Exists(baselinePath)) baseline = Baseline.Read(baselinePath);
            else if (mode == GateMode.Check)
            {
                Console.Error.WriteLine($"{option}: no baseline at {baselinePath}: create one with --update-baseline");
                return 1;
            }
        }

        string loadBefore = MachineInfo.LoadAverage();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(GateCommand).Assembly).Run([.. rest], GateJob.Config(artifacts)).ToArray();
        bool failed = Program.Failed(summaries);
        Console.WriteLine("// allocation probe: exact bytes per warm operation, every case");
        var measured = GateRun.Measure(summaries, Console.Out);
        var results = GateRun.Results(measured);
        if (mode == GateMode.UpdateBaseline && !failed)
        {
            var runs = new List<IReadOnlyList<GateResult>> { results };
            for (int run = 2; run <= BaselineRuns && !failed; run++)
            {
                Console.WriteLine($"// baseline run {run} of {BaselineRuns} (each benchmark keeps its median ratio)");
                var again = BenchmarkSwitcher.FromAssembly(typeof(GateCommand).Assembly).Run([.. rest], GateJob.Config(Path.Combine(artifacts, $"run{run}"))).ToArray();
                failed |= Program.Failed(again);
                runs.Add(GateRun.Results(GateRun.Measure(again, Console.Out)));
            }
            results = GateRun.MedianRatios(runs);
        }
        Console.WriteLine();
        Console.WriteLine($"// benchmark gate ({GateJob.Description}); BenchmarkDotNet's JSON in {Path.GetFullPath(artifacts)}/results");
        if (failed || results.Count == 0 || results.Any(r => r.Failed))
        {
            failed = true;
            Console.Error.WriteLine($"{option}: a benchmark failed or none ran");
        }

        if (mode == GateMode.UpdateBaseline)
        {
            if (failed)
            {
                Console.Error.WriteLine($"{option}: baseline not written");
                return 1;
            }
            GateResults.Write(artifacts, results, loadBefore);
            var written = GateRun.ToBaseline(results, baseline, merge: filtered, MachineInfo.Describe(), Now());
            written.Write(baselinePath);
            foreach (var r in results) Console.WriteLine($"  {r.Name}: {(r.Ratio is double x ? $"ratio {BaselineComparer.F(x)}, " : "")}{r.BytesPerOperation} B/op");
            Console.WriteLine($"{option}: wrote {results.Count} benchmarks to {baselinePath} in {watch.Elapsed.TotalSeconds:F0} s");
            return 0;
        }
        if (mode == GateMode.Measure)
        {
            GateResults.Write(artifacts, results, loadBefore);
            Console.WriteLine($"{option}: {results.Count} benchmarks in {watch.Elapsed.TotalSeconds:F0} s; results in {Path.GetFullPath(Path.Combine(artifacts, GateResults.FileName))}");
            return failed ? 1 : 0;
        }

        var comparison = BaselineComparer.Compare(baseline!, results, requireAll: !filtered);
        var slower = comparison.Findings.Where(f => f.Kind == FindingKind.Slower).Select(f => f.Benchmark).ToHashSet(StringComparer.Ordinal);
        if (slower.Count > 0)
        {
            // On a shared machine one measurement can be unlucky; a real regression shows twice. The better ratio counts.
            Console.WriteLine($"// confirming {slower.Count} slower case(s) with a second measurement: {string.Join(", ", slower)}");
            var again = Remeasure(measured.Where(m => slower.Contains(m.Name)), Path.Combine(artifacts, "confirm"));
            failed |= again.Failed;
            var second = again.Results.Where(r => slower.Contains(r.Name)).ToDictionary(r => r.Name, StringComparer.Ordinal);
            foreach (var r in results.Where(r => second.ContainsKey(r.Name)))
                Console.WriteLine($"//   {r.Name}: ratio {BaselineComparer.F(r.Ratio ?? double.NaN)}, then {BaselineComparer.F(second[r.Name].Ratio ?? double.NaN)}");
            results = [.. results.Select(r => second.TryGetValue(r.Name, out var s2) ? BaselineComparer.BetterOf(r, s2) : r)];
            comparison = BaselineComparer.Compare(baseline!, results, requireAll: !filtered);
        }
        GateResults.Write(artifacts, results, loadBefore);
        Console.WriteLine($"// against {baselinePath} (measured {baseline!.Measured} on {baseline.Machine}; ratio tolerance -{baseline.RatioTolerance:P0}, allocation tolerance +{baseline.AllocationToleranceBytes} B/op)");
        foreach (var f in comparison.Findings.OrderBy(f => f.IsFailure).ThenBy(f => f.Benchmark, StringComparer.Ordinal))
        {
            var line = $"  {(f.IsFailure ? "FAIL" : f.Kind.ToString().ToLowerInvariant()),-8} {f}";
            if (f.IsFailure) Console.Error.WriteLine(line);
            else Console.WriteLine(line);
        }
        bool passed = comparison.Passed && !failed;
        Console.WriteLine($"{option}: {(passed ? "passed" : "FAILED")}: {results.Count} benchmarks, {comparison.Failures.Count()} failing, in {watch.Elapsed.TotalSeconds:F0} s");
        return passed ? 0 : 1;
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Runs the given cases and their references again with the gate's job (results under <paramref name="artifacts"/>).</summary>
    private static (IReadOnlyList<GateResult> Results, bool Failed) Remeasure(IEnumerable<GateRun.Measured> cases, string artifacts)
    {
        var chosen = cases.ToList();
        var wanted = chosen.SelectMany(m => new[] { m.Reference, m.Case }).OfType<BenchmarkCase>().Select(c => BenchmarkId.Of(c).Name).ToHashSet(StringComparer.Ordinal);
        var config = GateJob.Config(artifacts);
        var runInfos = chosen.Select(m => m.Case.Descriptor.Type).Distinct()
            .Select(t => BenchmarkConverter.TypeToBenchmarks(t, config))
            .Select(info => new BenchmarkRunInfo([.. info.BenchmarksCases.Where(c => wanted.Contains(BenchmarkId.Of(c).Name))], info.Type, info.Config))
            .ToArray();
        var summaries = BenchmarkRunner.Run(runInfos);
        return (GateRun.Results(GateRun.Measure(summaries, Console.Out)), Program.Failed(summaries));
    }

    private static string? Take(List<string> args, string option)
    {
        int i = args.IndexOf(option);
        if (i < 0 || i + 1 >= args.Count) return null;
        string value = args[i + 1];
        args.RemoveRange(i, 2);
        return value;
    }
}
