using System.Globalization;
using CsvHelper;
using DeploySim.Metrics;

namespace DeploySim.Reporting;

/// <summary>The CSV files of <c>--out</c>, written with CsvHelper's generated record writers.</summary>
/// <remarks>UTF-8 without a byte order mark, a header row, <c>"\n"</c> line endings, invariant culture, numbers in
/// their shortest round-trip form, an empty field for a missing value. Each method writes to a stream that it leaves
/// open. Thread-safe.</remarks>
public static class CsvReport
{
    private static readonly CsvWriterOptions s_options = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary><c>summary.csv</c> of a run: <c>successRate</c> (its value under <c>mean</c>), one row per metric (a
    /// metric with no value, such as <c>rolloutSeconds</c> when no replication succeeded, has empty fields), then one per lifecycle event that ran
    /// (<c>phaseSeconds.AllowTraffic</c>): <c>metric,mean,p50,p90,p99,min,max</c>.</summary>
    public static void Summary(Stream output, RunSummary summary) => Write(output, SummaryRows(summary));

    /// <summary><c>summary.csv</c> of a compare: <c>strategy</c>, then the columns of a run's summary.</summary>
    public static void CompareSummary(Stream output, IReadOnlyList<RunSummary> summaries) =>
        Write(output, summaries.SelectMany(s => SummaryRows(s).Select(r => new StrategySummaryRow(ReportNames.Of(s.Strategy), r))));

    /// <summary><c>summary.csv</c> of a sweep: one column per varied parameter (in the order of the first
    /// combination), then the columns of a run's summary; one row per combination and metric. With a pipeline, the
    /// metrics start with <c>mergeToLiveSeconds</c> and end with the critical path: <c>criticalPath.FLEET</c> (the
    /// replications in which that fleet decided merge-to-live) and <c>criticalPath.stopped</c>, counts in <c>mean</c>.</summary>
    public static void SweepSummary(Stream output, IReadOnlyList<SweepRow> rows)
    {
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        var rowWriter = CsvRecordWriter.Create<SummaryRow>();
        using var csv = CsvWriter.Create(output, s_options, leaveOpen: true);
        foreach (var path in paths) csv.WriteField(path);
        rowWriter.WriteHeader(csv);
        csv.EndRecord();
        foreach (var row in rows)
        {
            var values = paths.Select(p => row.Parameters.FirstOrDefault(kv => kv.Key == p).Value ?? "").ToArray();
            foreach (var r in SummaryRows(row.Summary).Concat(CriticalPathRows(row.CriticalPath)))
            {
                foreach (var v in values) csv.WriteField(v);
                rowWriter.Write(csv, r);
                csv.EndRecord();
            }
        }
    }

    /// <summary><c>summary.csv</c> of a plan: <c>strategy,instanceMemoryMiB,maxSafeWorkers,instancesNeeded</c>, then
    /// <c>mean,p50,p90,p99,min,max</c> of <c>peakInstances.</c>, <c>instanceHoursPerRollout.</c>,
    /// <c>rolloutSeconds.</c> (the successes) and <c>peakMemoryPct.</c> (the rollout window), then <c>successRate</c> and
    /// <c>outcome</c>.</summary>
    public static void Plan(Stream output, IReadOnlyList<PlanRow> rows) =>
        Write(output, rows.Select(r => new PlanCsvRow(ReportNames.Of(r.Strategy), r.InstanceMemoryMiB, r.MaxSafeWorkers,
            r.InstancesNeeded, StatsColumns.Of(r.PeakInstances), StatsColumns.Of(r.InstanceHoursPerRollout),
            StatsColumns.Of(r.RolloutSeconds), StatsColumns.Of(r.PeakMemoryPct), r.SuccessRate, r.Outcome)));

    /// <summary><c>replications.csv</c>: one row per replication (numbered from 1) with every field of <see cref="ReplicationResult"/>,
    /// the phases as <c>phaseSeconds.&lt;LifecycleEvent&gt;</c> columns (one per event, empty when it did not run).</summary>
    public static void Replications(Stream output, IEnumerable<ReplicationResult> results) =>
        Write(output, results.Select(ReplicationRowOf));

    /// <summary>Writes <c>replications.csv</c> one row at a time, as replications finish (for runs too large to keep).</summary>
    public sealed class ReplicationWriter : IDisposable
    {
        private readonly CsvWriter _csv;

        public ReplicationWriter(Stream output)
        {
            _csv = CsvWriter.Create(output, s_options, leaveOpen: true);
            _csv.WriteHeader<ReplicationRow>();
        }

        public void Write(ReplicationResult r) => _csv.WriteRecord(ReplicationRowOf(r));

        public void Dispose() => _csv.Dispose();
    }

    private static ReplicationRow ReplicationRowOf(ReplicationResult r) => new()
        {
            Replication = r.Replication + 1,
            Outcome = ReportNames.Of(r.Outcome),
            FailureReason = r.FailureReason,
            RolloutSeconds = r.RolloutSeconds,
            TimeToFailureSeconds = double.IsFinite(r.TimeToFailureSeconds) ? r.TimeToFailureSeconds : null,
            MinServingCapacityPct = r.MinServingCapacityPct,
            UnservedRequests = r.UnservedRequests,
            FailedRequests = r.FailedRequests,
            ServedRequests = r.ServedRequests,
            DemandRequests = r.DemandRequests,
            PeakInstances = r.PeakInstances,
            InstanceHours = r.InstanceHours,
            RolloutInstanceHours = r.RolloutInstanceHours,
            PeakMemoryPct = r.PeakMemoryPct,
            OomKills = r.OomKills,
            RolloutPeakMemoryPct = r.RolloutPeakMemoryPct,
            RolloutOomKills = r.RolloutOomKills,
            Launches = r.Launches,
            AbandonedLaunches = r.AbandonedLaunches,
            StaleInstances = r.StaleInstances,
            UnfinishedInstances = r.UnfinishedInstances,
            TimeToDetectSeconds = Value(r.TimeToDetectSeconds),
            TimeToRecoverSeconds = Value(r.TimeToRecoverSeconds),
            BadRevisionFailedRequests = r.BadRevisionFailedRequests,
            PeakBacklog = r.PeakBacklog,
            JobWaitP50Seconds = r.JobWaitP50Seconds,
            JobWaitP99Seconds = r.JobWaitP99Seconds,
            MaxJobWaitSeconds = r.MaxJobWaitSeconds,
            ScaleOutToServingP50Seconds = r.ScaleOutToServingP50Seconds,
            MaxScaleOutToServingSeconds = r.MaxScaleOutToServingSeconds,
            WarmPoolInstanceHours = r.WarmPoolInstanceHours,
            EventsProcessed = r.EventsProcessed,
            TraceFingerprint = r.TraceFingerprint.ToString("x16", CultureInfo.InvariantCulture),
            StopReason = ReportNames.Of(r.StopReason),
            PhaseSeconds = PhaseColumns.Of(r.PhaseSeconds),
            TargetGroups = TargetGroupsColumn(r.TargetGroups),
        };

    private static string TargetGroupsColumn(TargetGroupResults groups)
    {
        var parts = new List<string>(groups.Count);
        foreach (var g in groups)
            parts.Add(string.Join('/', new[] { g.MinServingCapacityPct, g.FinalServingCapacityPct, g.UnservedRequests, g.FailedRequests }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return string.Join(';', parts);
    }

    /// <summary><c>timeline.csv</c>: <c>replication,instance,lane,name,startSeconds,endSeconds,status</c>, ordered by
    /// instance and start (ties keep the model's order). Replications are numbered from 1 in every file.</summary>
    public static void Timeline(Stream output, ReplicationDetail detail) =>
        Write(output, detail.Timeline
            .OrderBy(s => s.Instance).ThenBy(s => s.Start.Milliseconds)
            .Select(s => new TimelineRow(detail.Replication + 1, s.Instance, s.Lane, s.Name, s.Start.TotalSeconds, s.End.TotalSeconds, s.Status)));

    /// <summary><c>series.csv</c>: <c>replication,timeSeconds,servingCapacityRps,demandRps,instances,inServiceInstances,
    /// maxMemoryPct,meanMemoryPct,medianMemoryPct,backlog,queuedRequests,latencyP50Ms,latencyP99Ms,failedRequests</c> (memory over
    /// the running instances), one row per change; each value
    /// holds until the next row (the backlog of a worker fleet changes linearly between rows); queuedRequests and the
    /// latencies only with the latency model (empty otherwise): requests queued at the row, latency percentiles until the
    /// next row; failedRequests: requests failed from the start up to the row.</summary>
    public static void Series(Stream output, ReplicationDetail detail) =>
        Write(output, detail.Series.Select(p => new SeriesRow(detail.Replication + 1, p.Time.TotalSeconds, p.ServingCapacityRps, p.DemandRps,
            p.Instances, p.InServiceInstances, p.MaxMemoryPct, p.MeanMemoryPct, p.MedianMemoryPct, p.Backlog, Value(p.QueuedRequests), Value(p.LatencyP50Ms), Value(p.LatencyP99Ms), p.FailedRequests)));

    /// <summary>An empty field for a value that does not exist (NaN).</summary>
    private static double? Value(double v) => double.IsNaN(v) ? null : v;

    /// <summary><c>memory.csv</c>: <c>replication,timeSeconds,instance,memoryMiB</c>, one row per sample of one instance.</summary>
    public static void Memory(Stream output, ReplicationDetail detail) =>
        Write(output, detail.Memory.Select(m => new MemoryRow(detail.Replication + 1, m.Time.TotalSeconds, m.Instance, m.MemoryMiB)));

    private static IEnumerable<SummaryRow> CriticalPathRows(Pipelines.CriticalPathSummary? critical) =>
        critical is null ? [] :
        [
            .. critical.Counts.Select(c => new SummaryRow($"criticalPath.{c.Key}", StatsColumns.Single(c.Value))),
            new SummaryRow("criticalPath.stopped", StatsColumns.Single(critical.Stopped)),
        ];

    /// <summary><c>capacity-band.csv</c>: <c>targetGroup,timeSeconds,p10Rps,p50Rps,p90Rps,replication,replicationRps,demandRps</c>,
    /// the capacity band's grid (percentiles over the replications drawn) and the highlighted replication (1-based: the
    /// worst, or the one <c>--replication</c> chose) with its capacity.</summary>
    internal static void CapacityBand(Stream output, Plots.CapacityBand band) =>
        Write(output, band.Groups.SelectMany(g => band.Times.Select((t, i) => new CapacityBandRow(g.Name, t, g.P10[i], g.P50[i], g.P90[i], band.HighlightedReplication, g.Highlighted[i], g.Demand[i]))));

    /// <summary><c>recovery.csv</c> of a compare with a bad revision: <c>strategy,replication,timeSeconds,failedRequests,
    /// failedRequestsPerSecond,phase</c>, each strategy's replication drawn at every point of its series: requests failed
    /// since the start, the rate until the next point (empty at the last), and the story's phase (before the bad revision, bad revision serving
    /// with no alarm yet, alarm fired and recovering, recovered).</summary>
    internal static void Recovery(Stream output, IReadOnlyList<Plots.RecoveryStory> stories) =>
        Write(output, stories.SelectMany(st => st.Times.Select((t, i) =>
            new RecoveryRow(st.Strategy, st.Replication, t, st.FailedCumulative[i], Value(st.FailedPerSecond[i]), st.PhaseAt(t)))));

    private static IEnumerable<SummaryRow> SummaryRows(RunSummary s) =>
        s.Metrics.Select(m => new SummaryRow(m.Key, StatsColumns.Of(m.Value)))
            .Prepend(new SummaryRow("successRate", StatsColumns.Single(s.SuccessRate)))
            .Concat(s.PhaseSeconds.Select(p => new SummaryRow($"{ReportNames.PhaseSeconds}.{ReportNames.Of(p.Key)}", StatsColumns.Of(p.Value))))
            .Concat(s.TargetGroups.SelectMany(g => g.Value.Select(m => new SummaryRow($"targetGroups.{g.Key}.{m.Key}", StatsColumns.Of(m.Value)))));

    private static void Write<T>(Stream output, IEnumerable<T> rows)
    {
        using var csv = CsvWriter.Create(output, s_options, leaveOpen: true);
        csv.WriteHeader<T>();
        foreach (var row in rows) csv.WriteRecord(row);
    }
}
