using System.Text.RegularExpressions;
using DeploySim.Pipelines;
using DeploySim.Running;
using DeploySim.Reporting.Html;
using DeploySim.Reporting.Plots;

namespace DeploySim.Reporting;

// The --out file sets of multi-fleet and pipeline runs.
public static partial class ReportWriter
{
    /// <summary>
    /// A multi-fleet or pipeline run: <c>summary.csv</c> and <c>replications.csv</c> of the fleets combined; with a
    /// pipeline <c>pipeline.csv</c>, <c>stages.csv</c> and the <c>pipeline</c> plot (the first replication's stages and
    /// actions); then, per fleet, the file set of a single run (<see cref="WriteRun"/>) under <c>fleets/NAME/</c>; then
    /// <c>summary.json</c> (<see cref="JsonReport.PipelineRun"/>).
    /// </summary>
    public static IReadOnlyList<string> WritePipelineRun(string dir, ScenarioRun run, ReportContext? context = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>
        {
            Csv(dir, "summary.csv", s => CsvReport.Summary(s, run.Summary)),
            Csv(dir, "replications.csv", s => CsvReport.Replications(s, run.Replications)),
        };
        if (run.Scenario.Pipeline is { } pipeline)
        {
            files.Add(Csv(dir, "pipeline.csv", s => PipelineCsv.Actions(s, run)));
            files.Add(Csv(dir, "stages.csv", s => PipelineCsv.Stages(s, run)));
            if (run.ReplicationRuns.Count > 0)
            {
                int drawn = run.ChosenReplication ?? 0;
                string which = run.ReplicationRuns.Count > 1 ? $" (replication {drawn + 1})" : "";
                var plot = PipelinePlot.Create($"Pipeline: {run.Scenario.Name}, {ReportNames.Of(run.Summary.Strategy)}{which}",
                    run.ReplicationRuns[drawn], pipeline.MergeAt, run.Scenario.Horizon);
                files.AddRange(PlotFiles.Save(plot, dir, "pipeline"));
            }
        }
        foreach (var fleet in run.Fleets)
            files.AddRange(WriteRun(Path.Combine(dir, "fleets", DirectoryName(fleet.Name)), fleet.Scenario, fleet.Summary, fleet.Results,
                run.ReplicationRuns.Count > 0 ? fleet.Detail : null, capacityBand: false, chosen: run.ChosenReplication));
        string name = $"{run.Scenario.Name}: {ReportNames.Of(run.Summary.Strategy)}";
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, name, Questions.Run(run), ConsoleTables.PipelineRunReport(run),
                [new(ReportNames.Of(run.Summary.Strategy), run.Summary, run.Replications)], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.PipelineRun(run), context)));
        return files;
    }

    /// <summary>
    /// A compare of a multi-fleet or pipeline scenario: <c>summary.csv</c> (a <c>strategy</c> column, then the combined
    /// summary's columns), the <c>compare-metrics</c> bar charts, a subdirectory per strategy with that run's full set
    /// (<see cref="WritePipelineRun"/>), then <c>summary.json</c> (<see cref="JsonReport.PipelineCompare"/>).
    /// </summary>
    public static IReadOnlyList<string> WritePipelineCompare(string dir, IReadOnlyList<ScenarioRun> runs, ReportContext? context = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        Directory.CreateDirectory(dir);
        var summaries = runs.Select(r => r.Summary).ToList();
        var files = new List<string> { Csv(dir, "summary.csv", s => CsvReport.CompareSummary(s, summaries)) };
        var comparison = ComparisonData.From([.. runs.Select(r => (ReportNames.Of(r.Summary.Strategy), r.Summary, r.Replications))]);
        files.AddRange(PlotFiles.Save(ComparePlots.Metrics(runs[0].Scenario.Name, comparison), dir, "compare-metrics", ComparePlots.MetricsHeight));
        if (RecoveryPlot.Lanes([.. runs.Select(r => (ReportNames.Of(r.Summary.Strategy), r.Replications))]) is { } lanes)
        {
            var stories = runs.SelectMany(r => r.Fleets.Select(f => RecoveryStory.From(
                r.Fleets.Count == 1 ? ReportNames.Of(r.Summary.Strategy) : $"{ReportNames.Of(r.Summary.Strategy)}, fleet {f.Name}", f.Detail)))
                .OfType<RecoveryStory>().ToList();
            if (stories.Count > 0) files.Add(Csv(dir, "recovery.csv", s => CsvReport.Recovery(s, stories)));
            files.AddRange(PlotFiles.Save(RecoveryPlot.Create($"Recovery from the bad revision: {runs[0].Scenario.Name}", lanes, stories), dir, "recovery",
                RecoveryPlot.Height(stories.Count)));
        }
        foreach (var run in runs)
            files.AddRange(WritePipelineRun(Path.Combine(dir, ReportNames.Of(run.Summary.Strategy)), run));
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, $"{runs[0].Scenario.Name}: strategies compared", Questions.Compare(summaries),
                ConsoleTables.PipelineCompareReport(runs), [.. runs.Select(r => new SharedReport.Outcomes(ReportNames.Of(r.Summary.Strategy), r.Summary, r.Replications))], files));
        files.Add(Json(dir, SharedReport.WithProvenance(JsonReport.PipelineCompare(runs), context)));
        return files;
    }

    /// <summary>A fleet's name as a directory name: characters other than letters, digits, '-', '_' and '.' become
    /// '_' (fleet names of a <c>fleets:</c> list need none of this; a single fleet is named after its scenario).</summary>
    internal static string DirectoryName(string name)
    {
        var safe = UnsafePathChars().Replace(name, "_");
        return safe.Length == 0 || safe.Trim('.').Length == 0 ? "fleet" : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafePathChars();
}
