using DeploySim.Running;
using Spectre.Console;

namespace DeploySim.Reporting;

// Tables of multi-fleet and pipeline runs: built as a TextReport, so that every --table-format and report.html show
// the same stages, critical path and fleets as the console.
public static partial class ConsoleTables
{
    /// <summary>A multi-fleet or pipeline run: the combined run (as <see cref="Run"/>), then the pipeline's stages and
    /// actions with the critical path, then one row per fleet (and, when a fleet has a warm pool, what a scale-out costs
    /// each fleet).</summary>
    public static void PipelineRun(IAnsiConsole console, ScenarioRun run, TableFormat format = TableFormat.Boxed) =>
        PipelineRunReport(run).Write(console, format);

    /// <summary>A compare of a multi-fleet or pipeline scenario: the combined runs side by side (as
    /// <see cref="Compare"/>), then the merge-to-live time and the critical path per strategy.</summary>
    public static void PipelineCompare(IAnsiConsole console, IReadOnlyList<ScenarioRun> runs, TableFormat format = TableFormat.Boxed) =>
        PipelineCompareReport(runs).Write(console, format);

    /// <inheritdoc cref="PipelineRun"/>
    public static TextReport PipelineRunReport(ScenarioRun run)
    {
        var report = RunReport(run.Summary);
        if (run.CriticalPath is { } critical)
        {
            var stages = new TextTable(["stage: action", "kind", "fleet", "p50 (s)", "p90 (s)", "max (s)", "succeeded", "failed", "unfinished", "not run"], 3);
            foreach (var s in run.Stages)
            {
                stages.AddRow(s.Name, "", "", NumberOrNa(s.DurationSeconds.P50), NumberOrNa(s.DurationSeconds.P90), NumberOrNa(s.DurationSeconds.Max),
                    Count(s.Succeeded), Count(s.Failed), Count(s.Unfinished), Count(run.ReplicationRuns.Count - s.Ran));
                foreach (var a in s.Actions)
                    stages.AddRow($"  {a.Name}", JsonReport.KindName(a.Kind), a.Fleet ?? "", NumberOrNa(a.DurationSeconds.P50),
                        NumberOrNa(a.DurationSeconds.P90), NumberOrNa(a.DurationSeconds.Max), Count(a.Succeeded), Count(a.Failed), Count(a.Unfinished), Count(a.NotRun));
            }
            report.Add(new TextReport.Table(stages));
            string counts = string.Join(", ", critical.Counts.Select(c => $"{c.Key} {Count(c.Value)}"));
            report.Add(new TextReport.Line($"critical path: {critical.Fleet ?? "none (the pipeline never completed)"} ({counts}; stopped {Count(critical.Stopped)})"));
        }
        var fleets = new TextTable(["fleet", "kind", "strategy", "succeeded", "failed", "success rate", "rollout p50 (s)", "rollout p90 (s)", "min capacity (%)",
            "failed requests, mean", "instance-hours, mean"], 3);
        foreach (var f in run.Fleets)
        {
            var s = f.Summary;
            fleets.AddRow(f.Name, JsonReport.KindName(f.Kind), ReportNames.Of(s.Strategy), Count(s.Outcome.Succeeded),
                Count(s.Outcome.Failed + s.Outcome.RolledBack + s.Outcome.Stopped + s.Outcome.Unfinished), Percent(s.SuccessRate),
                NumberOrNa(s["rolloutSeconds"].P50), NumberOrNa(s["rolloutSeconds"].P90), NumberOrNa(s["minServingCapacityPct"].Min),
                NumberOrNa(s["failedRequests"].Mean), NumberOrNa(s["instanceHours"].Mean));
        }
        report.Add(new TextReport.Table(fleets));
        if (run.Fleets.Any(f => f.Summary.Metrics.Any(m => m.Key == "warmPoolInstanceHours"))) report.Add(new TextReport.Table(ScaleOutTable(run)));
        return report;
    }

    /// <summary>Per fleet, what a scale-out costs (shown when a fleet has a warm pool, so that fleets with and without
    /// one read side by side): time from the group's ask to serving, unserved demand, launches, the pool's hours.</summary>
    private static TextTable ScaleOutTable(ScenarioRun run)
    {
        var table = new TextTable(["fleet: scale-out", "to serving p50 (s), median run", "longest to serving (s), worst run", "unserved requests, mean",
            "launches, mean", "abandoned launches, mean", "warm pool instance-hours, mean"]);
        foreach (var f in run.Fleets)
        {
            var s = f.Summary;
            table.AddRow(f.Name, NumberOrNa(s["scaleOutToServingP50Seconds"].P50), NumberOrNa(s["maxScaleOutToServingSeconds"].Max),
                NumberOrNa(s["unservedRequests"].Mean), NumberOrNa(s["launches"].Mean), NumberOrNa(s["abandonedLaunches"].Mean),
                NumberOrNa(s["warmPoolInstanceHours"].Mean));
        }
        return table;
    }

    /// <inheritdoc cref="PipelineCompare"/>
    public static TextReport PipelineCompareReport(IReadOnlyList<ScenarioRun> runs)
    {
        var report = CompareReport([.. runs.Select(r => r.Summary)]);
        if (runs.Count == 0 || runs[0].CriticalPath is null) return report;
        var table = new TextTable(["pipeline", .. runs.Select(r => ReportNames.Of(r.Summary.Strategy))]);
        void Add(string label, Func<ScenarioRun, string> cell) => table.AddRow([label, .. runs.Select(cell)]);
        Add("merge to live (s), p50", r => NumberOrNa(r.Summary[ScenarioRun.MergeToLiveMetric].P50));
        Add("merge to live (s), p90", r => NumberOrNa(r.Summary[ScenarioRun.MergeToLiveMetric].P90));
        Add("critical path", r => r.CriticalPath!.Fleet ?? "none");
        Add("pipeline stopped", r => Count(r.CriticalPath!.Stopped));
        return report.Add(new TextReport.Table(table));
    }
}
