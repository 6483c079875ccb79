using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DeploySim.Benchmarks.Gate;
using DeploySim.Benchmarks.Reports;

namespace DeploySim.Benchmarks;

/// <summary>Runs the benchmarks (BenchmarkDotNet's command line), or one of this project's modes:
/// <list type="bullet">
/// <item><c>--check [--baseline FILE] [BDN options]</c>: the gate's fixed job, ratios and allocations compared with
/// <c>Benchmarks/baseline.json</c>; exits 1 on a regression, a failed benchmark or an empty run.</item>
/// <item><c>--update-baseline [--baseline FILE] [BDN options]</c>: the same run, written to the baseline (merged into it under a filter).</item>
/// <item><c>--perf-table [DIR]</c>: the README's performance table, in Markdown, from the JSON results under DIR.</item>
/// <item><c>--self-test</c>: checks the gate's comparison on synthetic numbers.</item>
/// </list>
/// Exits non-zero when any benchmark fails or the filter matches nothing (BenchmarkDotNet itself exits 0 in both cases).</summary>
public static class Program
{
    public const string DefaultGateArtifacts = "BenchmarkDotNet.Artifacts/gate";

    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return args.FirstOrDefault() switch
        {
            "--self-test" => SelfTest.Run(Console.Out) == 0 ? 0 : 1,
            "--perf-table" => PerfTable.Print(args.Length > 1 ? args[1] : "BenchmarkDotNet.Artifacts", Console.Out, Console.Error),
            "--check" => WithoutDynamicPgo(args) ?? Gate(args[1..], update: false),
            "--update-baseline" => WithoutDynamicPgo(args) ?? Gate(args[1..], update: true),
            _ => Failed(BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray()) ? 1 : 0,
        };
    }

    /// <summary>The gate measures without dynamic PGO: with it, the code the JIT settles on for the same benchmark differs
    /// from process to process (measured: the event queue's hold at 1,000 pending events took 30 ns in one process and 40 ns
    /// in the next, 31 then 57 ns within one), which no tolerance can absorb. The runtime reads the setting at start-up,
    /// so the gate runs itself again with <c>DOTNET_TieredPGO=0</c> and returns that run's exit code; null when it is
    /// already that run.</summary>
    private static int? WithoutDynamicPgo(string[] args)
    {
        const string variable = "DOTNET_TieredPGO";
        if (Environment.GetEnvironmentVariable(variable) == "0") return null;
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {host}");
        child.WaitForExit();
        return child.ExitCode;
    }

    private static int Gate(string[] args, bool update)
    {
        var watch = Stopwatch.StartNew();
        string mode = update ? "--update-baseline" : "--check";
        if (SelfTest.Run(Console.Error, verbose: false) != 0)
        {
            Console.Error.WriteLine($"{mode}: the comparer's self-test failed");
            return 1;
        }
        var rest = new List<string>(args);
        string baselinePath = Take(rest, "--baseline") ?? RepositoryPaths.Baseline;
        if (rest.Any(a => a is "--job" or "-j" or "--inProcess" or "-i" or "--runtimes" or "-r"))
        {
            Console.Error.WriteLine($"{mode}: the gate's job is fixed ({GateJob.Description}); do not pass --job, --inProcess or --runtimes");
            return 2;
        }
        bool filtered = rest.Any(a => a is "--filter" or "-f" or "--anyCategories" or "--allCategories");
        if (!filtered) rest.AddRange(["--filter", "*"]);
        string artifacts = Take(rest, "--artifacts") ?? Take(rest, "-a") ?? DefaultGateArtifacts;

        Baseline? baseline = null;
        if (File.Exists(baselinePath)) baseline = Baseline.Read(baselinePath);
        else if (!update)
        {
            Console.Error.WriteLine($"--check: no baseline at {baselinePath}: create one with --update-baseline");
            return 1;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], GateJob.Config(artifacts)).ToArray();
        bool failed = Failed(summaries);
        Console.WriteLine("// allocation probe: exact bytes per warm operation, every case");
        var measured = GateRun.Measure(summaries, Console.Out);
        var results = GateRun.Results(measured);
        Console.WriteLine();
        Console.WriteLine($"// benchmark gate ({GateJob.Description}); JSON results in {Path.GetFullPath(artifacts)}/results");

        if (update)
        {
            if (failed || results.Count == 0 || results.Any(r => r.Failed))
            {
                Console.Error.WriteLine("--update-baseline: a benchmark failed or none ran: baseline not written");
                return 1;
            }
            var written = GateRun.ToBaseline(results, baseline, merge: filtered, MachineInfo.Describe(), DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            written.Write(baselinePath);
            foreach (var r in results) Console.WriteLine($"  {r.Name}: {(r.Ratio is double x ? $"ratio {BaselineComparer.F(x)}, " : "")}{r.BytesPerOperation} B/op");
            Console.WriteLine($"--update-baseline: wrote {results.Count} benchmarks to {baselinePath} in {watch.Elapsed.TotalSeconds:F0} s");
            return 0;
        }

        var comparison = BaselineComparer.Compare(baseline!, results, requireAll: !filtered);
        var slower = comparison.Findings.Where(f => f.Kind == FindingKind.Slower).Select(f => f.Benchmark).ToHashSet(StringComparer.Ordinal);
        if (slower.Count > 0)
        {
            // A slower ratio must be confirmed by a second measurement of the case and its reference: on a shared machine one
            // measurement can be unlucky, a real regression shows twice. The better of the two ratios counts.
            Console.WriteLine($"// confirming {slower.Count} slower case(s) with a second measurement: {string.Join(", ", slower)}");
            var again = Remeasure(measured.Where(m => slower.Contains(m.Name)), Path.Combine(artifacts, "confirm"));
            failed |= again.Failed;
            var second = again.Results.Where(r => slower.Contains(r.Name)).ToDictionary(r => r.Name, StringComparer.Ordinal);
            foreach (var r in results.Where(r => second.ContainsKey(r.Name)))
                Console.WriteLine($"//   {r.Name}: ratio {BaselineComparer.F(r.Ratio ?? double.NaN)}, then {BaselineComparer.F(second[r.Name].Ratio ?? double.NaN)}");
            results = [.. results.Select(r => second.TryGetValue(r.Name, out var s2) ? BaselineComparer.BetterOf(r, s2) : r)];
            comparison = BaselineComparer.Compare(baseline!, results, requireAll: !filtered);
        }
        Console.WriteLine($"// against {baselinePath} (measured {baseline!.Measured} on {baseline.Machine}; ratio tolerance -{baseline.RatioTolerance:P0}, allocation tolerance +{baseline.AllocationToleranceBytes} B/op)");
        foreach (var f in comparison.Findings.OrderBy(f => f.IsFailure).ThenBy(f => f.Benchmark, StringComparer.Ordinal))
        {
            var line = $"  {(f.IsFailure ? "FAIL" : f.Kind.ToString().ToLowerInvariant()),-8} {f}";
            if (f.IsFailure) Console.Error.WriteLine(line);
            else Console.WriteLine(line);
        }
        bool passed = comparison.Passed && !failed;
        string verdict = passed ? "passed" : "FAILED";
        Console.WriteLine($"--check: {verdict}: {results.Count} benchmarks, {comparison.Failures.Count()} failing, in {watch.Elapsed.TotalSeconds:F0} s");
        return passed ? 0 : 1;
    }

    /// <summary>Runs the given cases and their references again with the gate's job (results under <paramref name="artifacts"/>).</summary>
    private static (IReadOnlyList<GateResult> Results, bool Failed) Remeasure(IEnumerable<GateRun.Measured> cases, string artifacts)
    {
        var wanted = cases.SelectMany(m => new[] { m.Reference, m.Case }).OfType<BenchmarkCase>().Select(c => BenchmarkId.Of(c).Name).ToHashSet(StringComparer.Ordinal);
        var types = cases.Select(m => m.Case.Descriptor.Type).Distinct();
        var config = GateJob.Config(artifacts);
        var runInfos = types
            .Select(t => BenchmarkConverter.TypeToBenchmarks(t, config))
            .Select(info => new BenchmarkRunInfo([.. info.BenchmarksCases.Where(c => wanted.Contains(BenchmarkId.Of(c).Name))], info.Type, info.Config))
            .ToArray();
        var summaries = BenchmarkRunner.Run(runInfos);
        return (GateRun.Results(GateRun.Measure(summaries, Console.Out)), Failed(summaries));
    }

    private static string? Take(List<string> args, string option)
    {
        int i = args.IndexOf(option);
        if (i < 0 || i + 1 >= args.Count) return null;
        string value = args[i + 1];
        args.RemoveRange(i, 2);
        return value;
    }

    internal static bool Failed(IReadOnlyCollection<Summary> summaries)
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
