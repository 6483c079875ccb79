using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Gate;

/// <summary>Turns BenchmarkDotNet's summaries into <see cref="GateResult"/>s and results into a <see cref="Baseline"/>.</summary>
public static class GateRun
{
    /// <summary>One case measured: the least of its measured iterations' time per operation (interference from other
    /// processes only ever slows an iteration down, so the fastest one is the best estimate of the code's own cost) and
    /// the probe's allocation.</summary>
    public sealed record Measured(BenchmarkCase Case, BenchmarkCase? Reference, double NanosecondsPerOperation, long? BytesPerOperation, bool Failed,
        long? EventsPerOperation = null)
    {
        public string Name => BenchmarkId.Of(Case).Name;
    }

    /// <summary>Every case of <paramref name="summaries"/>, with its reference (its class's baseline with the same
    /// parameters) and, unless it failed, its exact allocation per operation from <see cref="AllocationProbe"/>.</summary>
    public static List<Measured> Measure(IEnumerable<Summary> summaries, TextWriter log)
    {
        var measured = new List<Measured>();
        foreach (var summary in summaries)
        {
            var cases = summary.BenchmarksCases;
            foreach (var c in cases)
            {
                var reference = c.Descriptor.Baseline ? null : cases.FirstOrDefault(o =>
                    o.Descriptor.Baseline && o.Descriptor.Type == c.Descriptor.Type && o.Parameters.ValueInfo == c.Parameters.ValueInfo);
                var report = summary[c];
                bool failed = report is null || !report.Success || report.ResultStatistics is null || report.ExecuteResults.Any(e => e.ExitCode != 0)
                    || !(report.ResultStatistics.Min > 0);
                double ns = failed ? double.NaN : report!.ResultStatistics!.Min;
                long? bytes = null, events = null;
                if (!failed)
                {
                    try
                    {
                        var probe = AllocationProbe.Measure(c, ns);
                        bytes = probe.BytesPerOperation;
                        events = probe.EventsPerOperation;
                    }
#pragma warning disable CA1031 // a benchmark that throws fails the gate, with its message
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        log.WriteLine($"// allocation probe: {BenchmarkId.Of(c)} threw: {(ex.InnerException ?? ex).Message}");
                        failed = true;
                    }
                }
                measured.Add(new Measured(c, reference, ns, bytes, failed, events));
            }
            if (summary.HasCriticalValidationErrors)
                log.WriteLine($"// {summary.Title}: validation errors");
        }
        return measured;
    }

    /// <summary>Ratios: each case's reference time per operation over its own. The <see cref="Engine.ReferenceWorkload"/>
    /// does not depend on its class's parameters, so where a class runs it several times (once per scenario) the least
    /// of those times is its time for the whole class.</summary>
    public static List<GateResult> Results(IReadOnlyList<Measured> measured)
    {
        var byCase = measured.ToDictionary(m => m.Case);
        var pooled = measured
            .Where(m => m.Case.Descriptor.WorkloadMethod.Name == Engine.ReferenceWorkload.MethodName && !m.Failed)
            .GroupBy(m => m.Case.Descriptor.Type)
            .ToDictionary(g => g.Key, g => g.Min(m => m.NanosecondsPerOperation));
        var results = new List<GateResult>();
        foreach (var m in measured)
        {
            bool failed = m.Failed;
            double? ratio = null;
            if (m.Reference is not null)
            {
                if (!byCase.TryGetValue(m.Reference, out var reference) || reference.Failed) failed = true;
                else if (!failed)
                {
                    double referenceNs = m.Reference.Descriptor.WorkloadMethod.Name == Engine.ReferenceWorkload.MethodName
                        ? pooled[m.Reference.Descriptor.Type]
                        : reference.NanosecondsPerOperation;
                    ratio = referenceNs / m.NanosecondsPerOperation;
                }
            }
            results.Add(new GateResult(m.Name, m.Reference is null ? null : BenchmarkId.Of(m.Reference).Name, m.NanosecondsPerOperation, ratio, m.BytesPerOperation, failed,
                m.EventsPerOperation));
        }
        return results;
    }

    /// <summary>Several runs' results combined for a baseline: per benchmark the run with the median ratio (the lower
    /// middle one for an even count), so that neither an unlucky nor a lucky run sets it, and the largest allocation;
    /// failed if it failed or is missing in any run.</summary>
    public static List<GateResult> MedianRatios(IReadOnlyList<IReadOnlyList<GateResult>> runs)
    {
        var byName = runs.Select(run => run.ToDictionary(r => r.Name, StringComparer.Ordinal)).ToList();
        var names = runs.SelectMany(run => run.Select(r => r.Name)).Distinct(StringComparer.Ordinal);
        var combined = new List<GateResult>();
        foreach (var name in names)
        {
            var all = byName.Select(d => d.GetValueOrDefault(name)).ToList();
            var present = all.OfType<GateResult>().ToList();
            long? bytes = present.Max(r => r.BytesPerOperation);
            if (present.Count < runs.Count || present.Any(r => r.Failed))
            {
                combined.Add(present[0] with { Failed = true });
                continue;
            }
            var ordered = present.OrderBy(r => r.Ratio ?? 0).ToList();
            combined.Add(ordered[(ordered.Count - 1) / 2] with { BytesPerOperation = bytes });
        }
        return combined;
    }

    /// <summary>A baseline from <paramref name="results"/>, keeping <paramref name="previous"/>'s tolerances and
    /// per-benchmark overrides; with <paramref name="merge"/> its other entries are kept too (a filtered update).</summary>
    public static Baseline ToBaseline(IReadOnlyList<GateResult> results, Baseline? previous, bool merge, string machine, string measured)
    {
        var entries = new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal);
        if (merge && previous is not null)
        {
            foreach (var (name, entry) in previous.Benchmarks) entries[name] = entry;
        }
        foreach (var r in results)
        {
            if (r.Failed) throw new InvalidOperationException($"{r.Name} failed: no baseline written");
            BaselineEntry? old = null;
            previous?.Benchmarks.TryGetValue(r.Name, out old);
            entries[r.Name] = new BaselineEntry
            {
                Reference = r.Reference,
                Ratio = r.Ratio is double ratio ? Significant(ratio, 5) : null,
                NanosecondsPerOperation = Significant(r.NanosecondsPerOperation, 5),
                BytesPerOperation = r.BytesPerOperation ?? 0,
                EventsPerOperation = r.EventsPerOperation,
                AllocationToleranceBytes = old?.AllocationToleranceBytes,
            };
        }
        var template = previous ?? new Baseline();
        return template with
        {
            Machine = machine,
            Job = GateJob.Description,
            Measured = measured,
            Note = DefaultNote,
            Benchmarks = entries,
        };
    }

    /// <summary><paramref name="value"/> rounded to <paramref name="digits"/> significant digits.</summary>
    public static double Significant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        int decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (decimals >= 0) return Math.Round(value, Math.Min(decimals, 15));
        double scale = Math.Pow(10, -decimals);
        return Math.Round(value / scale) * scale;
    }

    public const string DefaultNote =
        "Written by `dotnet run -c Release --project Benchmarks -- --update-baseline`, compared by `-- --check` (see Benchmarks/Gate/GateJob.cs for the job). " +
        "ratio: the reference's CPU time per operation over this benchmark's, both the least of their measured iterations in the same run " +
        "(the fixed reference workload: the least over its class), so throughput relative to the reference, higher is faster. " +
        "bytesPerOperation: managed bytes allocated per warm operation, exact (Gate/AllocationProbe.cs). " +
        "eventsPerOperation: simulated events dispatched per operation, compared exactly. `-- --check-deterministic` (CI) compares bytes and events only; `-- --update-deterministic` rewrites them alone. " +
        "Each entry is the median of three runs. The gate fails when a ratio falls by more than ratioTolerance in two measurements, or bytesPerOperation exceeds the baseline by more than " +
        "allocationToleranceBytes (or the entry's own allocationToleranceBytes), or eventsPerOperation differs at all. nanosecondsPerOperation is for information only.";
}
