using System.Globalization;
using CsvHelper;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Running;

namespace DeploySim.Reporting;

/// <summary>The CSV files of a pipeline run's <c>--out</c>: <c>pipeline.csv</c> (every action of every replication)
/// and <c>stages.csv</c> (statistics per stage and action). Same conventions as <see cref="CsvReport"/>; a missing
/// value (an action that did not run or finish, statistics of none) is an empty field. Thread-safe.</summary>
public static class PipelineCsv
{
    private static readonly CsvWriterOptions s_options = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary><c>pipeline.csv</c>: <c>replication,stage,action,kind,fleet,status,outcome,startSeconds,endSeconds,
    /// durationSeconds</c>, in replication, stage and action order; <c>outcome</c> is a deploy action's deployment
    /// outcome (empty for other kinds).</summary>
    public static void Actions(Stream output, ScenarioRun run) =>
        Write(output, run.ReplicationRuns.SelectMany(r => r.Stages.SelectMany(s => s.Actions.Select(a => new PipelineActionRow(
            r.Replication, s.Name, a.Name, JsonReport.KindName(a.Kind), a.Fleet ?? "", JsonReport.StatusName(a.Status),
            a.Kind == Scenarios.PipelineActionKind.Deploy && a.Status != ActionStatus.NotRun ? ReportNames.Of(a.Outcome) : "",
            a.Start?.TotalSeconds, a.End?.TotalSeconds, Finite(a.DurationSeconds))))));

    /// <summary><c>stages.csv</c>: <c>stage,action,kind,fleet,ran,succeeded,failed,unfinished,notRun,mean,p50,p90,p99,
    /// min,max</c> of the duration in seconds; one row per stage (empty <c>action</c>, <c>kind</c> and <c>fleet</c>;
    /// <c>ran</c> counts the replications in which it started), then
    /// one per action of it.</summary>
    public static void Stages(Stream output, ScenarioRun run) =>
        Write(output, run.Stages.SelectMany(s =>
            new[] { new StageRow(s.Name, "", "", "", s.Ran, s.Succeeded, s.Failed, s.Unfinished, run.ReplicationRuns.Count - s.Ran, DurationColumns.Of(s.DurationSeconds)) }
                .Concat(s.Actions.Select(a => new StageRow(s.Name, a.Name, JsonReport.KindName(a.Kind), a.Fleet ?? "",
                    run.ReplicationRuns.Count - a.NotRun, a.Succeeded, a.Failed, a.Unfinished, a.NotRun, DurationColumns.Of(a.DurationSeconds))))));

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static void Write<T>(Stream output, IEnumerable<T> rows)
    {
        using var csv = CsvWriter.Create(output, s_options, leaveOpen: true);
        csv.WriteHeader<T>();
        foreach (var row in rows) csv.WriteRecord(row);
    }
}

/// <summary>A row of <c>pipeline.csv</c>.</summary>
[CsvRecord]
internal sealed partial record PipelineActionRow(
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("stage")] string Stage,
    [property: CsvColumn("action")] string Action,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("fleet")] string Fleet,
    [property: CsvColumn("status")] string Status,
    [property: CsvColumn("outcome")] string Outcome,
    [property: CsvColumn("startSeconds")] double? StartSeconds,
    [property: CsvColumn("endSeconds")] double? EndSeconds,
    [property: CsvColumn("durationSeconds")] double? DurationSeconds);

/// <summary>Duration statistics, empty when there were none: <c>mean,p50,p90,p99,min,max</c>.</summary>
[CsvRecord]
internal sealed partial record DurationColumns(
    [property: CsvColumn("mean")] double? Mean,
    [property: CsvColumn("p50")] double? P50,
    [property: CsvColumn("p90")] double? P90,
    [property: CsvColumn("p99")] double? P99,
    [property: CsvColumn("min")] double? Min,
    [property: CsvColumn("max")] double? Max)
{
    public static DurationColumns Of(MetricSummary m) => double.IsFinite(m.Mean)
        ? new(m.Mean, m.P50, m.P90, m.P99, m.Min, m.Max)
        : new(null, null, null, null, null, null);
}

/// <summary>A row of <c>stages.csv</c>.</summary>
[CsvRecord]
internal sealed partial record StageRow(
    [property: CsvColumn("stage")] string Stage,
    [property: CsvColumn("action")] string Action,
    [property: CsvColumn("kind")] string Kind,
    [property: CsvColumn("fleet")] string Fleet,
    [property: CsvColumn("ran")] int Ran,
    [property: CsvColumn("succeeded")] int Succeeded,
    [property: CsvColumn("failed")] int Failed,
    [property: CsvColumn("unfinished")] int Unfinished,
    [property: CsvColumn("notRun")] int NotRun,
    [property: CsvColumn(Prefix = "")] DurationColumns Duration);
