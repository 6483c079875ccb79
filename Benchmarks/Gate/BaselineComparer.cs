using System.Globalization;

namespace DeploySim.Benchmarks.Gate;

/// <summary>What the comparison found for one benchmark.</summary>
public enum FindingKind
{
    /// <summary>Within tolerance.</summary>
    Ok,
    /// <summary>Faster than the baseline by more than the tolerance: the baseline could be updated (not a failure).</summary>
    Improved,
    /// <summary>Not in the baseline (a new benchmark or scenario): not a failure, but not gated until the baseline is updated.</summary>
    New,
    /// <summary>In the baseline but not run, when every benchmark was asked for.</summary>
    Missing,
    /// <summary>Threw or gave no result.</summary>
    Failed,
    /// <summary>Its ratio fell by more than the tolerance.</summary>
    Slower,
    /// <summary>Allocates more bytes per operation than the baseline plus the tolerance.</summary>
    Allocates,
    /// <summary>Dispatches a different number of events per operation than the baseline (any difference).</summary>
    Events,
}

public sealed record Finding(string Benchmark, FindingKind Kind, string Message)
{
    public bool IsFailure => Kind is FindingKind.Missing or FindingKind.Failed or FindingKind.Slower or FindingKind.Allocates or FindingKind.Events;

    public override string ToString() => $"{Benchmark}: {Message}";
}

public sealed record Comparison(IReadOnlyList<Finding> Findings)
{
    public bool Passed => Findings.Count > 0 && !Findings.Any(f => f.IsFailure);

    public IEnumerable<Finding> Failures => Findings.Where(f => f.IsFailure);
}

/// <summary>Compares a run of the gate with the baseline. A benchmark fails when it threw, when its throughput ratio to
/// its reference fell by more than <see cref="Baseline.RatioTolerance"/> (new &lt; old × (1 − tolerance)), or when its
/// allocated bytes per operation exceed the baseline's by more than the allocation tolerance, or when its events per
/// operation differ from the baseline's at all. An empty run fails. Without ratios (the deterministic part of the gate,
/// <see cref="DeterministicGate"/>) only bytes and events are compared.</summary>
/// <remarks>Pure: no I/O, no clock. Thread-safe.</remarks>
public static class BaselineComparer
{
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="results">This run's results.</param>
    /// <param name="requireAll">True when every benchmark was run (no filter): a baseline entry that did not run fails.</param>
    /// <param name="compareRatios">False for a run that measured no time (allocations and events only).</param>
    public static Comparison Compare(Baseline baseline, IReadOnlyList<GateResult> results, bool requireAll, bool compareRatios = true)
    {
        var findings = new List<Finding>();
        if (results.Count == 0)
        {
            findings.Add(new Finding("(run)", FindingKind.Failed, "no benchmark ran (nothing matched the filter?)"));
            return new Comparison(findings);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            seen.Add(r.Name);
            findings.Add(Check(baseline, r, compareRatios));
        }
        if (requireAll)
        {
            foreach (var name in baseline.Benchmarks.Keys.Where(n => !seen.Contains(n)))
                findings.Add(new Finding(name, FindingKind.Missing, "in the baseline but did not run (renamed or removed? run --update-baseline)"));
        }
        return new Comparison(findings);
    }

    /// <summary>A case measured twice (a slower ratio being confirmed): the first result with the better of the two
    /// ratios, so that the case fails only when both measurements are slower.</summary>
    public static GateResult BetterOf(GateResult first, GateResult second) =>
        second.Failed || second.Ratio is not double r2 || (first.Ratio is double r1 && r1 >= r2)
            ? first
            : first with { Ratio = r2, NanosecondsPerOperation = second.NanosecondsPerOperation };

    private static Finding Check(Baseline baseline, GateResult r, bool compareRatios)
    {
        if (r.Failed) return new Finding(r.Name, FindingKind.Failed, "failed: it (or its reference) threw or gave no result");
        if (!baseline.Benchmarks.TryGetValue(r.Name, out var old))
            return new Finding(r.Name, FindingKind.New, $"not in the baseline ({Describe(r)}): not gated until --update-baseline");

        var problems = new List<string>();
        var kind = FindingKind.Ok;
        string ratioText = "";
        if (compareRatios && old.Ratio is double oldRatio)
        {
            if (r.Ratio is not double newRatio)
            {
                return new Finding(r.Name, FindingKind.Failed, $"no ratio measured (baseline ratio {F(oldRatio)} to {old.Reference})");
            }
            double change = newRatio / oldRatio - 1;
            ratioText = $"ratio to {old.Reference} {F(oldRatio)} -> {F(newRatio)} ({P(change)})";
            if (newRatio < oldRatio * (1 - baseline.RatioTolerance))
            {
                kind = FindingKind.Slower;
                problems.Add($"slower: {ratioText}, more than the {P(-baseline.RatioTolerance)} allowed");
            }
            else if (newRatio > oldRatio * (1 + baseline.RatioTolerance))
            {
                kind = FindingKind.Improved;
            }
        }

        long tolerance = old.AllocationToleranceBytes ?? baseline.AllocationToleranceBytes;
        string bytesText = r.BytesPerOperation is long b ? $"{old.BytesPerOperation} -> {b} B/op" : "B/op not measured";
        if (r.BytesPerOperation is not long bytes)
        {
            problems.Add("allocations not measured (MemoryDiagnoser missing?)");
            kind = kind == FindingKind.Slower ? kind : FindingKind.Allocates;
        }
        else if (bytes > old.BytesPerOperation + tolerance)
        {
            problems.Add($"allocates more: {bytesText}, more than the +{tolerance} B allowed");
            if (kind != FindingKind.Slower) kind = FindingKind.Allocates;
        }

        string eventsText = "";
        if (old.EventsPerOperation is long oldEvents)
        {
            eventsText = r.EventsPerOperation is long e ? $"{oldEvents} -> {e} events/op" : "events not measured";
            if (r.EventsPerOperation != oldEvents)
            {
                problems.Add(r.EventsPerOperation is null
                    ? "events not measured (the method lost [ReturnsEventCount]?)"
                    : $"dispatches a different number of events: {eventsText} (the model's behaviour changed: if deliberate, update the baseline saying why)");
                if (kind is not (FindingKind.Slower or FindingKind.Allocates)) kind = FindingKind.Events;
            }
        }

        if (problems.Count > 0) return new Finding(r.Name, kind, string.Join("; ", problems));
        string summary = string.Join(", ", new[] { ratioText, bytesText, eventsText }.Where(s => s.Length > 0));
        return kind == FindingKind.Improved
            ? new Finding(r.Name, kind, $"faster: {summary} (consider --update-baseline)")
            : new Finding(r.Name, FindingKind.Ok, summary);
    }

    private static string Describe(GateResult r) =>
        (r.Ratio is double ratio ? $"ratio {F(ratio)} to {r.Reference}, " : "") + (r.BytesPerOperation is long b ? $"{b} B/op" : "B/op not measured")
        + (r.EventsPerOperation is long e ? $", {e} events/op" : "");

    /// <summary>A ratio with four significant digits.</summary>
    public static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string P(double fraction) => fraction.ToString("+0.0 %;-0.0 %", CultureInfo.InvariantCulture);
}
