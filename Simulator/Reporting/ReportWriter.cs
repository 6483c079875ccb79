using DeploySim.Metrics;
using DeploySim.Reporting.Html;
using DeploySim.Reporting.Plots;
using DeploySim.Scenarios;

namespace DeploySim.Reporting;

/// <summary>One strategy's run as a compare reports it.</summary>
/// <param name="Scenario">The scenario as run with this strategy.</param>
/// <param name="Summary">Its aggregate over replications.</param>
/// <param name="Results">Every replication's result, in replication order.</param>
/// <param name="Detail">The trace of the replication drawn (the first, or the one <c>--replication</c> chose); null when
/// it was not kept (then no timeline, series or plots of it are written).</param>
/// <param name="Chosen">The replication the user chose (0-based): the capacity band highlights it instead of the worst.</param>
public sealed record RunReport(Scenario Scenario, RunSummary Summary, IReadOnlyList<ReplicationResult> Results, ReplicationDetail? Detail, int? Chosen = null);

/// <summary>Writes the file set of <c>--out DIR</c> for each command. Every file is written atomically
/// (<see cref="AtomicFile"/>); <c>summary.json</c> is written last. Each method creates the directory if needed,
/// overwrites files of the same name and returns the paths it wrote, in the order written.</summary>
/// <remarks>Not thread-safe for the same directory. Plots are 1200 × 700 PNG and SVG drawn with the shipped fonts.
/// With a <see cref="ReportContext"/> (the command line always passes one) each method also writes
/// <c>scenario.resolved.yaml</c> and <c>report.html</c> before <c>summary.json</c>, which then ends with
/// <c>provenance</c>.</remarks>
public static partial class ReportWriter
{
    /// <summary>
    /// A run: <c>summary.csv</c>, <c>replications.csv</c>; with a detail <c>timeline.csv</c>, <c>series.csv</c>,
    /// <c>memory.csv</c>, <c>capacity</c>, <c>timeline</c> and <c>memory</c> plots, with a bad revision the
    /// <c>recovery</c> plot and <c>recovery.csv</c>; with several replications the <c>rollout-histogram</c> plot; then
    /// <c>summary.json</c>.
    /// </summary>
    public static IReadOnlyList<string> WriteRun(string dir, Scenario scenario, RunSummary summary,
        IReadOnlyList<ReplicationResult> results, ReplicationDetail? detail, ReportContext? context = null, bool capacityBand = true, int? chosen = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>
        {
            Csv(dir, "summary.csv", s => CsvReport.Summary(s, summary)),
            Csv(dir, "replications.csv", s => CsvReport.Replications(s, results)),
        };
        string name = ReportNames.RunTitle(scenario.Name, summary.Strategy);
        if (detail is not null)
        {
            string which = results.Count > 1 ? $" (replication {detail.Replication + 1})" : "";
            files.Add(Csv(dir, "timeline.csv", s => CsvReport.Timeline(s, detail)));
            files.Add(Csv(dir, "series.csv", s => CsvReport.Series(s, detail)));
            files.Add(Csv(dir, "memory.csv", s => CsvReport.Memory(s, detail)));
            files.AddRange(PlotFiles.Save(CapacityPlot.Create($"Serving capacity vs demand: {name}{which}", detail), dir, "capacity"));
            files.AddRange(PlotFiles.Save(TimelinePlot.Create($"Instance timeline: {name}{which}", detail), dir, "timeline"));
            files.AddRange(PlotFiles.Save(MemoryPlot.Create($"Memory across instances: {name}{which}", detail), dir, "memory"));
            if (capacityBand && results.Count > 1 && detail.Series.Count > 0)
            {
                var band = CapacityBand.From(BandReplications.Of(scenario, results, detail, chosen), chosen);
                files.Add(Csv(dir, "capacity-band.csv", s => CsvReport.CapacityBand(s, band)));
                files.AddRange(PlotFiles.Save(CapacityBandPlot.Create($"Capacity band, {ReportNames.Of(summary.Strategy)}", band), dir, "capacity-band", CapacityBandPlot.Height(band)));
            }
        }
        string strategy = ReportNames.Of(summary.Strategy);
        if (detail is not null && RecoveryPlot.Lanes([(strategy, results)]) is { } lanes)
        {
            RecoveryStory[] stories = RecoveryStory.From(strategy, detail) is { } story ? [story] : [];
            if (stories.Length > 0) files.Add(Csv(dir, "recovery.csv", s => CsvReport.Recovery(s, stories)));
            files.AddRange(PlotFiles.Save(RecoveryPlot.Create($"Recovery from the bad revision: {name}", lanes, stories), dir, "recovery", RecoveryPlot.Height(stories.Length)));
        }
        if (results.Count > 1)
            files.AddRange(PlotFiles.Save(RolloutHistogram.Create($"Rollout time: {name}", results, summary), dir, "rollout-histogram"));
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, $"{scenario.Name}: {ReportNames.Of(summary.Strategy)}",
                Questions.Run(summary), ConsoleTables.RunReport(summary), [new(ReportNames.Of(summary.Strategy), summary, results)], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.Run(summary), context)));
        return files;
    }

    /// <summary>
    /// A compare: <c>summary.csv</c> (a <c>strategy</c> column, then a run's summary columns), the
    /// <c>compare-capacity</c> plot (runs with a detail) and the <c>compare-metrics</c> bar charts, a subdirectory per
    /// strategy (<c>in-place/</c>, …) with that run's full set, then <c>summary.json</c>.
    /// </summary>
    public static IReadOnlyList<string> WriteCompare(string dir, IReadOnlyList<RunReport> runs, ReportContext? context = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        Directory.CreateDirectory(dir);
        var summaries = runs.Select(r => r.Summary).ToList();
        var files = new List<string> { Csv(dir, "summary.csv", s => CsvReport.CompareSummary(s, summaries)) };
        string scenario = runs[0].Scenario.Name;
        var withDetail = runs.Where(r => r.Detail is not null).Select(r => (ReportNames.Of(r.Summary.Strategy), r.Detail!)).ToList();
        if (withDetail.Count > 0)
            files.AddRange(PlotFiles.Save(ComparePlots.Capacity($"Serving capacity by strategy: {scenario}", withDetail), dir, "compare-capacity"));
        var comparison = ComparisonData.From([.. runs.Select(r => (ReportNames.Of(r.Summary.Strategy), r.Summary, r.Results))]);
        files.AddRange(PlotFiles.Save(ComparePlots.Metrics(scenario, comparison), dir, "compare-metrics", ComparePlots.MetricsHeight));
        if (RecoveryPlot.Lanes([.. runs.Select(r => (ReportNames.Of(r.Summary.Strategy), r.Results))]) is { } lanes)
        {
            var stories = withDetail.Select(r => RecoveryStory.From(r.Item1, r.Item2)).OfType<RecoveryStory>().ToList();
            if (stories.Count > 0) files.Add(Csv(dir, "recovery.csv", s => CsvReport.Recovery(s, stories)));
            files.AddRange(PlotFiles.Save(RecoveryPlot.Create($"Recovery from the bad revision: {scenario}", lanes, stories), dir, "recovery",
                RecoveryPlot.Height(stories.Count)));
        }
        foreach (var run in runs)
            files.AddRange(WriteRun(Path.Combine(dir, ReportNames.Of(run.Summary.Strategy)), run.Scenario, run.Summary, run.Results, run.Detail, capacityBand: true, chosen: run.Chosen));
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, $"{scenario}: strategies compared", Questions.Compare(summaries),
                ConsoleTables.CompareReport(summaries), [.. runs.Select(r => new SharedReport.Outcomes(ReportNames.Of(r.Summary.Strategy), r.Summary, r.Results))], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.Compare(summaries), context)));
        return files;
    }

    /// <summary>A sweep: <c>summary.csv</c> (one column per varied parameter, then a run's summary columns), the
    /// <c>sweep</c> plot when one or two parameters vary (the panels of <paramref name="metrics"/> when given, else
    /// the metrics that vary), then <c>summary.json</c>.</summary>
    public static IReadOnlyList<string> WriteSweep(string dir, IReadOnlyList<SweepRow> rows, ReportContext? context = null, IReadOnlyList<string>? metrics = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string> { Csv(dir, "summary.csv", s => CsvReport.SweepSummary(s, rows)) };
        if (rows.Count > 0 && SweepPlots.Create($"Sweep of {rows[0].Summary.Scenario}", rows, metrics) is { } plot)
            files.AddRange(PlotFiles.Save(plot, dir, "sweep", SweepPlots.Height(SweepPlots.Panels(rows, metrics).Count)));
        if (context is not null && rows.Count > 0)
            files.AddRange(SharedReport.Write(dir, context, $"{rows[0].Summary.Scenario}: sweep", Questions.Sweep(rows), ConsoleTables.SweepReport(rows),
                [.. rows.Select(r => new SharedReport.Outcomes(string.Join(", ", r.Parameters.Select(kv => kv.Value)), r.Summary, null))], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.Sweep(rows), context)));
        return files;
    }

    /// <summary>A plan: <c>summary.csv</c> (one row per strategy and instance size), the <c>plan</c> plot, then
    /// <c>summary.json</c>.</summary>
    public static IReadOnlyList<string> WritePlan(string dir, IReadOnlyList<PlanRow> rows, ReportContext? context = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string> { Csv(dir, "summary.csv", s => CsvReport.Plan(s, rows)) };
        if (rows.Count > 0)
            files.AddRange(PlotFiles.Save(PlanPlot.Create("Capacity plan", rows), dir, "plan"));
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, "Capacity plan", Questions.Plan, ConsoleTables.PlanReport(rows), [], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.Plan(rows), context)));
        return files;
    }

    private static string Csv(string dir, string name, Action<Stream> write)
    {
        var path = Path.Combine(dir, name);
        AtomicFile.Write(path, write);
        return path;
    }

    private static string Json(string dir, string json)
    {
        var path = Path.Combine(dir, "summary.json");
        AtomicFile.WriteAllText(path, json);
        return path;
    }
}
