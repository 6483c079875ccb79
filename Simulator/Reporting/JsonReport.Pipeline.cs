using System.Text.Json;
using DeploySim.Pipelines;
using DeploySim.Running;
using DeploySim.Scenarios;

namespace DeploySim.Reporting;

// The JSON of multi-fleet and pipeline runs: a run object as for one fleet (its metrics the fleets combined, with
// mergeToLiveSeconds first when there is a pipeline), then `stages` and `criticalPath` (with a pipeline) and `fleets`.
public static partial class JsonReport
{
    /// <summary>One multi-fleet or pipeline run: <c>{ scenario, strategy, seed, replications, outcome, metrics,
    /// stages, criticalPath, fleets }</c>. <c>metrics</c> combine the fleets (sums of requests, launches,
    /// instance-hours and peak instances; maxima of rollout time, phases and peak memory; minimum capacity) and, with a
    /// pipeline, start with <c>mergeToLiveSeconds</c>. <c>stages</c>: <c>[{ name, ran, succeeded, failed, unfinished, durationSeconds,
    /// actions: [{ name, kind, fleet, succeeded, failed, unfinished, notRun, durationSeconds }] }]</c>.
    /// <c>criticalPath</c>: <c>{ fleet, counts: { fleet: replications }, stopped }</c>. <c>fleets</c>:
    /// <c>[{ name, kind, strategy, outcome, metrics }]</c>. <c>stages</c> and <c>criticalPath</c> appear only with a
    /// pipeline.</summary>
    public static string PipelineRun(ScenarioRun run) => Build(w => WritePipelineRun(w, run));

    /// <summary><c>{ "results": [ one multi-fleet or pipeline run object per strategy ] }</c>.</summary>
    public static string PipelineCompare(IReadOnlyList<ScenarioRun> runs) =>
        Build(w => WriteResults(w, runs, r => WritePipelineRun(w, r)));

    private static void WritePipelineRun(Utf8JsonWriter w, ScenarioRun run) =>
        WriteRun(w, run.Summary, parameters: null, extra: _ =>
        {
            if (run.CriticalPath is { } critical)
            {
                w.WriteStartArray("stages");
                foreach (var stage in run.Stages) WriteStage(w, stage);
                w.WriteEndArray();
                WriteCriticalPath(w, critical);
            }
            w.WriteStartArray("fleets");
            foreach (var fleet in run.Fleets)
            {
                w.WriteStartObject();
                w.WriteString("name", fleet.Name);
                w.WriteString("kind", KindName(fleet.Kind));
                w.WriteString("strategy", ReportNames.Of(fleet.Summary.Strategy));
                WriteOutcomeAndMetrics(w, fleet.Summary);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private static void WriteStage(Utf8JsonWriter w, StageSummary stage)
    {
        w.WriteStartObject();
        w.WriteString("name", stage.Name);
        w.WriteNumber("ran", stage.Ran);
        w.WriteNumber("succeeded", stage.Succeeded);
        w.WriteNumber("failed", stage.Failed);
        w.WriteNumber("unfinished", stage.Unfinished);
        WriteStats(w, "durationSeconds", stage.DurationSeconds);
        w.WriteStartArray("actions");
        foreach (var a in stage.Actions)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("kind", KindName(a.Kind));
            if (a.Fleet is null) w.WriteNull("fleet");
            else w.WriteString("fleet", a.Fleet);
            w.WriteNumber("succeeded", a.Succeeded);
            w.WriteNumber("failed", a.Failed);
            w.WriteNumber("unfinished", a.Unfinished);
            w.WriteNumber("notRun", a.NotRun);
            WriteStats(w, "durationSeconds", a.DurationSeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>web</c>, <c>worker</c>.</summary>
    internal static string KindName(FleetKind kind) => kind == FleetKind.Worker ? "worker" : "web";

    /// <summary><c>source</c>, <c>approval</c>, <c>wait</c>, <c>deploy</c>.</summary>
    internal static string KindName(PipelineActionKind kind) => kind switch
    {
        PipelineActionKind.Source => "source",
        PipelineActionKind.Approval => "approval",
        PipelineActionKind.Wait => "wait",
        _ => "deploy",
    };

    /// <summary><c>succeeded</c>, <c>failed</c>, <c>unfinished</c>, <c>notRun</c>.</summary>
    internal static string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.Succeeded => "succeeded",
        ActionStatus.Failed => "failed",
        ActionStatus.Unfinished => "unfinished",
        _ => "notRun",
    };

    /// <summary><c>criticalPath: { fleet, counts: { fleet: replications }, stopped }</c>.</summary>
    private static void WriteCriticalPath(Utf8JsonWriter w, CriticalPathSummary critical)
    {
        w.WriteStartObject("criticalPath");
        if (critical.Fleet is null) w.WriteNull("fleet");
        else w.WriteString("fleet", critical.Fleet);
        w.WriteStartObject("counts");
        foreach (var (fleet, count) in critical.Counts) w.WriteNumber(fleet, count);
        w.WriteEndObject();
        w.WriteNumber("stopped", critical.Stopped);
        w.WriteEndObject();
    }
}
