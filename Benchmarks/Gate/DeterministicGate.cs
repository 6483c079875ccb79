using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Gate;

/// <summary>Limits which cases of a benchmark class the deterministic gate runs by default (in CI): cases whose
/// <see cref="Parameter"/> exceeds <see cref="Max"/> run only with <c>--all</c> (and always in <c>--check</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DeterministicGateLimitAttribute(string parameter, int max) : Attribute
{
    public string Parameter { get; } = parameter;
    public int Max { get; } = max;
}

/// <summary>The deterministic part of the gate (<c>--check-deterministic</c>, run by <c>.ci/run</c>): every benchmark case
/// invoked directly, without BenchmarkDotNet and without timing, its exact allocated bytes and events per operation
/// (<see cref="AllocationProbe"/>) compared with <c>Benchmarks/baseline.json</c>. Neither depends on the machine or its
/// load, so this runs on every submission; the timing ratios stay in <c>--check</c>. <c>--update-deterministic</c> rewrites
/// the baseline's bytes and events (never its ratios) from such a run.</summary>
/// <remarks>Options: <c>--all</c> (also the cases beyond a <see cref="DeterministicGateLimitAttribute"/>), <c>--baseline FILE</c>,
/// <c>--filter GLOB...</c> (on the case name, <c>*</c> and <c>?</c>). Runs in the gate's process settings (no dynamic PGO, whose
/// code choices could differ in what they allocate).</remarks>
public static class DeterministicGate
{
    public static int Run(bool update, string[] args) => GateCommand.WithoutDynamicPgo(args) ?? RunHere(update, args[1..]);

    private static int RunHere(bool update, string[] args)
    {
        var watch = Stopwatch.StartNew();
        string option = update ? "--update-deterministic" : "--check-deterministic";
        if (SelfTest.Run(Console.Error, verbose: false) != 0)
        {
            Console.Error.WriteLine($"{option}: the comparer's self-test failed");
            return 1;
        }
        var rest = new List<string>(args);
        bool all = rest.Remove("--all");
        string baselinePath = Take(rest, "--baseline") ?? RepositoryPaths.Baseline;
        var filters = TakeAll(rest, "--filter");
        if (rest.Count > 0)
        {
            Console.Error.WriteLine($"{option}: unknown arguments: {string.Join(' ', rest)} (expected --all, --baseline FILE, --filter GLOB...)");
            return 2;
        }
        if (!File.Exists(baselinePath))
        {
            Console.Error.WriteLine($"{option}: no baseline at {baselinePath}: create one with --update-baseline");
            return 1;
        }
        var baseline = Baseline.Read(baselinePath);
        var patterns = filters.Select(Glob).ToList();

        var cases = AllCases();
        var results = new List<GateResult>();
        int skipped = 0;
        foreach (var c in cases)
        {
            var id = BenchmarkId.Of(c);
            if (patterns.Count > 0 && !patterns.Any(p => p.IsMatch(id.Name))) continue;
            if (!all && BeyondLimit(c))
            {
                skipped++;
                continue;
            }
            var started = Stopwatch.StartNew();
            try
            {
                var probe = AllocationProbe.Measure(c, double.NaN, batches: ExpectedSlow(c) ? 1 : AllocationProbe.Batches);
                var reference = c.Descriptor.Baseline ? null : cases.FirstOrDefault(o =>
                    o.Descriptor.Baseline && o.Descriptor.Type == c.Descriptor.Type && o.Parameters.ValueInfo == c.Parameters.ValueInfo);
                results.Add(new GateResult(id.Name, reference is null ? null : BenchmarkId.Of(reference).Name, double.NaN, null, probe.BytesPerOperation,
                    EventsPerOperation: probe.EventsPerOperation));
                Console.WriteLine($"  {id.Name}: {probe.BytesPerOperation} B/op{(probe.EventsPerOperation is long e ? $", {e} events/op" : "")} ({started.Elapsed.TotalSeconds:F1} s)");
            }
#pragma warning disable CA1031 // a benchmark that throws fails the gate, with its message
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"  {id.Name}: threw: {(ex.InnerException ?? ex).Message}");
                results.Add(new GateResult(id.Name, null, double.NaN, null, null, Failed: true));
            }
        }

        if (update) return Update(option, baseline, baselinePath, results, watch);

        var comparison = BaselineComparer.Compare(baseline, results, requireAll: false, compareRatios: false);
        var findings = comparison.Findings.ToList();
        if (patterns.Count == 0)
        {
            // A baseline entry that is no benchmark case any more (renamed or removed) fails here too.
            var names = cases.Select(c => BenchmarkId.Of(c).Name).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(baseline.Benchmarks.Keys.Where(n => !names.Contains(n))
                .Select(n => new Finding(n, FindingKind.Missing, "in the baseline but no such benchmark case (renamed or removed? run --update-baseline)")));
        }
        foreach (var f in findings.Where(f => f.IsFailure || f.Kind == FindingKind.New))
        {
            var line = $"  {(f.IsFailure ? "FAIL" : f.Kind.ToString().ToLowerInvariant()),-8} {f}";
            if (f.IsFailure) Console.Error.WriteLine(line);
            else Console.WriteLine(line);
        }
        int failures = findings.Count(f => f.IsFailure);
        bool passed = results.Count > 0 && failures == 0;
        Console.WriteLine($"{option}: {(passed ? "passed" : "FAILED")}: {results.Count} cases (bytes and events against {Path.GetFileName(baselinePath)} of {baseline.Measured}), " +
            $"{failures} failing, {skipped} beyond the CI limit skipped{(skipped > 0 ? " (--all runs them)" : "")}, in {watch.Elapsed.TotalSeconds:F0} s");
        return passed ? 0 : 1;
    }

    private static int Update(string option, Baseline baseline, string path, List<GateResult> results, Stopwatch watch)
    {
        if (results.Count == 0 || results.Any(r => r.Failed))
        {
            Console.Error.WriteLine($"{option}: a case failed or none ran: baseline not written");
            return 1;
        }
        var entries = new SortedDictionary<string, BaselineEntry>(baseline.Benchmarks, StringComparer.Ordinal);
        int updated = 0;
        foreach (var r in results)
        {
            if (!entries.TryGetValue(r.Name, out var old))
            {
                // Gated on bytes and events from now on; its ratio comes with the next --update-baseline.
                Console.WriteLine($"  {r.Name}: added without a ratio (--update-baseline measures it)");
                old = new BaselineEntry { Reference = r.Reference };
            }
            entries[r.Name] = old with { BytesPerOperation = r.BytesPerOperation ?? 0, EventsPerOperation = r.EventsPerOperation };
            updated++;
        }
        (baseline with { Benchmarks = entries }).Write(path);
        Console.WriteLine($"{option}: bytes and events of {updated} benchmarks written to {path} (ratios unchanged) in {watch.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    /// <summary>Every benchmark case in this assembly, in a stable order.</summary>
    public static List<BenchmarkCase> AllCases()
    {
        var config = GateJob.Config(Path.Combine(Path.GetTempPath(), "deploysim-deterministic-gate"));
        return [.. typeof(DeterministicGate).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases)];
    }

    private static bool BeyondLimit(BenchmarkCase c) =>
        c.Descriptor.Type.GetCustomAttribute<DeterministicGateLimitAttribute>() is { } limit
        && c.Parameters.Items.FirstOrDefault(p => p.Name == limit.Parameter)?.Value is IConvertible value
        && value.ToInt64(CultureInfo.InvariantCulture) > limit.Max;

    /// <summary>Cases run once per iteration (the scale benchmarks) take seconds each: one measured batch.</summary>
    private static bool ExpectedSlow(BenchmarkCase c) => c.Descriptor.Type.GetCustomAttribute<RunOncePerIterationAttribute>() is not null;

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    private static string? Take(List<string> args, string option)
    {
        int i = args.IndexOf(option);
        if (i < 0 || i + 1 >= args.Count) return null;
        string value = args[i + 1];
        args.RemoveRange(i, 2);
        return value;
    }

    private static List<string> TakeAll(List<string> args, string option)
    {
        int i = args.IndexOf(option);
        if (i < 0) return [];
        int end = i + 1;
        while (end < args.Count && !args[end].StartsWith("--", StringComparison.Ordinal)) end++;
        var values = args.GetRange(i + 1, end - i - 1);
        args.RemoveRange(i, end - i);
        return values;
    }
}
