using DeploySim.Pipelines;
using DeploySim.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DeploySim.Reporting;

// Console tables of multi-fleet and pipeline runs.
public static partial class ConsoleTables
{
    /// <summary>A multi-fleet or pipeline run: the combined run (as <see cref="Run"/>), then the pipeline's stages and
    /// actions with the critical path, then one row per fleet.</summary>
    public static void PipelineRun(IAnsiConsole console, ScenarioRun run)
    {
        Run(console, run.Summary);
        if (run.CriticalPath is { } critical)
        {
            var stages = NewTable("stage: action", ["kind", "fleet", "p50 (s)", "p90 (s)", "max (s)", "succeeded", "failed", "unfinished", "not run"]);
            foreach (var s in run.Stages)
            {
                stages.AddRow(Cells(s.Name, "", "", NumberOrNa(s.DurationSeconds.P50), NumberOrNa(s.DurationSeconds.P90), NumberOrNa(s.DurationSeconds.Max),
                    Count(s.Succeeded), Count(s.Failed), Count(s.Unfinished), Count(run.ReplicationRuns.Count - s.Ran)));
                foreach (var a in s.Actions)
                    stages.AddRow(Cells($"  {a.Name}", JsonReport.KindName(a.Kind), a.Fleet ?? "", NumberOrNa(a.DurationSeconds.P50),
                        NumberOrNa(a.DurationSeconds.P90), NumberOrNa(a.DurationSeconds.Max), Count(a.Succeeded), Count(a.Failed), Count(a.Unfinished), Count(a.NotRun)));
            }
            console.Write(stages);
            string counts = string.Join(", ", critical.Counts.Select(c => $"{c.Key} {Count(c.Value)}"));
            console.Write(new Text($"critical path: {critical.Fleet ?? "none (the pipeline never completed)"} ({counts}; stopped {Count(critical.Stopped)})\n"));
        }
        var fleets = NewTable("fleet", ["kind", "strategy", "succeeded", "failed", "success rate", "rollout p50 (s)", "rollout p90 (s)", "min capacity (%)", "failed requests, mean", "instance-hours, mean"]);
        foreach (var f in run.Fleets)
        {
            var s = f.Summary;
            fleets.AddRow(Cells(f.Name, JsonReport.KindName(f.Kind), ReportNames.Of(s.Strategy), Count(s.Outcome.Succeeded),
                Count(s.Outcome.Failed + s.Outcome.RolledBack + s.Outcome.Stopped + s.Outcome.Unfinished), Percent(s.SuccessRate),
                NumberOrNa(s["rolloutSeconds"].P50), NumberOrNa(s["rolloutSeconds"].P90), NumberOrNa(s["minServingCapacityPct"].Min),
                NumberOrNa(s["failedRequests"].Mean), NumberOrNa(s["instanceHours"].Mean)));
        }
        console.Write(fleets);
    }

    /// <summary>A compare of a multi-fleet or pipeline scenario: the combined runs side by side (as
    /// <see cref="Compare"/>), then the merge-to-live time and the critical path per strategy.</summary>
    public static void PipelineCompare(IAnsiConsole console, IReadOnlyList<ScenarioRun> runs)
    {
        Compare(console, runs.Select(r => r.Summary).ToList());
        if (runs.Count == 0 || runs[0].CriticalPath is null) return;
        var table = NewTable("pipeline", runs.Select(r => ReportNames.Of(r.Summary.Strategy)).ToArray());
        void Add(string label, Func<ScenarioRun, string> cell) =>
            table.AddRow(runs.Select(r => (IRenderable)new Text(cell(r))).Prepend(new Text(label)).ToArray());
        Add("merge to live (s), p50", r => NumberOrNa(r.Summary[ScenarioRun.MergeToLiveMetric].P50));
        Add("merge to live (s), p90", r => NumberOrNa(r.Summary[ScenarioRun.MergeToLiveMetric].P90));
        Add("critical path", r => r.CriticalPath!.Fleet ?? "none");
        Add("pipeline stopped", r => Count(r.CriticalPath!.Stopped));
        console.Write(table);
    }

    private static IRenderable[] Cells(params string[] texts) => texts.Select(t => (IRenderable)new Text(t)).ToArray();
}
