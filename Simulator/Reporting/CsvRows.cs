using CsvHelper;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Reporting;

// The row types of the CSV files. CsvHelper's source generator writes their (reflection-free) record writers; the
// column names are a contract with scripts, so every one is spelled out.

/// <summary>Statistics over replications: <c>mean,p50,p90,p99,min,max</c>.</summary>
[CsvRecord]
internal sealed partial record StatsColumns(
    [property: CsvColumn("mean")] double? Mean,
    [property: CsvColumn("p50")] double? P50,
    [property: CsvColumn("p90")] double? P90,
    [property: CsvColumn("p99")] double? P99,
    [property: CsvColumn("min")] double? Min,
    [property: CsvColumn("max")] double? Max)
{
    /// <summary>The statistics; every field empty when the metric has no value (a rollout time with no success).</summary>
    public static StatsColumns Of(MetricSummary m) => m.IsNone ? new(null, null, null, null, null, null) : new(m.Mean, m.P50, m.P90, m.P99, m.Min, m.Max);

    /// <summary>A single figure (the success rate) in the mean column, the others empty.</summary>
    public static StatsColumns Single(double value) => new(double.IsFinite(value) ? value : null, null, null, null, null, null);
}

/// <summary>A row of <c>summary.csv</c>: <c>metric,mean,p50,p90,p99,min,max</c>.</summary>
[CsvRecord]
internal sealed partial record SummaryRow(
    [property: CsvColumn("metric")] string Metric,
    [property: CsvColumn(Prefix = "")] StatsColumns Stats);

/// <summary>A row of a compare's <c>summary.csv</c>: <c>strategy,metric,mean,p50,p90,p99,min,max</c>.</summary>
[CsvRecord]
internal sealed partial record StrategySummaryRow(
    [property: CsvColumn("strategy")] string Strategy,
    [property: CsvColumn(Prefix = "")] SummaryRow Row);

/// <summary>Mean duration per instance of each lifecycle event, empty when the event did not run.
/// One property per <see cref="LifecycleEvent"/>, named after it (a test keeps the two in step).</summary>
[CsvRecord]
internal sealed partial record PhaseColumns
{
    public double? BeforeBlockTraffic { get; init; }
    public double? BlockTraffic { get; init; }
    public double? AfterBlockTraffic { get; init; }
    public double? ApplicationStop { get; init; }
    public double? DownloadBundle { get; init; }
    public double? BeforeInstall { get; init; }
    public double? Install { get; init; }
    public double? AfterInstall { get; init; }
    public double? ApplicationStart { get; init; }
    public double? ValidateService { get; init; }
    public double? BeforeAllowTraffic { get; init; }
    public double? AllowTraffic { get; init; }
    public double? AfterAllowTraffic { get; init; }

    public static PhaseColumns Of(IReadOnlyDictionary<LifecycleEvent, double> p)
    {
        double? Get(LifecycleEvent e) => p.TryGetValue(e, out var v) ? v : null;
        return new PhaseColumns
        {
            BeforeBlockTraffic = Get(LifecycleEvent.BeforeBlockTraffic),
            BlockTraffic = Get(LifecycleEvent.BlockTraffic),
            AfterBlockTraffic = Get(LifecycleEvent.AfterBlockTraffic),
            ApplicationStop = Get(LifecycleEvent.ApplicationStop),
            DownloadBundle = Get(LifecycleEvent.DownloadBundle),
            BeforeInstall = Get(LifecycleEvent.BeforeInstall),
            Install = Get(LifecycleEvent.Install),
            AfterInstall = Get(LifecycleEvent.AfterInstall),
            ApplicationStart = Get(LifecycleEvent.ApplicationStart),
            ValidateService = Get(LifecycleEvent.ValidateService),
            BeforeAllowTraffic = Get(LifecycleEvent.BeforeAllowTraffic),
            AllowTraffic = Get(LifecycleEvent.AllowTraffic),
            AfterAllowTraffic = Get(LifecycleEvent.AfterAllowTraffic),
        };
    }
}

/// <summary>A row of <c>replications.csv</c>: every field of a <see cref="ReplicationResult"/>.</summary>
[CsvRecord]
internal sealed partial record ReplicationRow
{
    [CsvColumn("replication")] public int Replication { get; init; }
    [CsvColumn("outcome")] public required string Outcome { get; init; }
    /// <summary>Empty unless the replication failed, stopped or rolled back.</summary>
    [CsvColumn("failureReason")] public string? FailureReason { get; init; }
    [CsvColumn("rolloutSeconds")] public double RolloutSeconds { get; init; }
    [CsvColumn("timeToFailureSeconds")] public double? TimeToFailureSeconds { get; init; }
    [CsvColumn("minServingCapacityPct")] public double MinServingCapacityPct { get; init; }
    [CsvColumn("unservedRequests")] public double UnservedRequests { get; init; }
    [CsvColumn("failedRequests")] public double FailedRequests { get; init; }
    [CsvColumn("servedRequests")] public double ServedRequests { get; init; }
    [CsvColumn("demandRequests")] public double DemandRequests { get; init; }
    [CsvColumn("peakInstances")] public int PeakInstances { get; init; }
    [CsvColumn("instanceHours")] public double InstanceHours { get; init; }
    [CsvColumn("rolloutInstanceHours")] public double RolloutInstanceHours { get; init; }
    [CsvColumn("peakMemoryPct")] public double PeakMemoryPct { get; init; }
    [CsvColumn("oomKills")] public int OomKills { get; init; }
    [CsvColumn("rolloutPeakMemoryPct")] public double RolloutPeakMemoryPct { get; init; }
    [CsvColumn("rolloutOomKills")] public int RolloutOomKills { get; init; }
    [CsvColumn("launches")] public int Launches { get; init; }
    [CsvColumn("abandonedLaunches")] public int AbandonedLaunches { get; init; }
    [CsvColumn("staleInstances")] public int StaleInstances { get; init; }
    [CsvColumn("unfinishedInstances")] public int UnfinishedInstances { get; init; }
    [CsvColumn("timeToDetectSeconds")] public double? TimeToDetectSeconds { get; init; }
    [CsvColumn("timeToRecoverSeconds")] public double? TimeToRecoverSeconds { get; init; }
    [CsvColumn("badRevisionFailedRequests")] public double BadRevisionFailedRequests { get; init; }
    [CsvColumn("peakBacklog")] public double PeakBacklog { get; init; }
    [CsvColumn("jobWaitP50Seconds")] public double JobWaitP50Seconds { get; init; }
    [CsvColumn("jobWaitP99Seconds")] public double JobWaitP99Seconds { get; init; }
    [CsvColumn("maxJobWaitSeconds")] public double MaxJobWaitSeconds { get; init; }
    [CsvColumn("scaleOutToServingP50Seconds")] public double ScaleOutToServingP50Seconds { get; init; }
    [CsvColumn("maxScaleOutToServingSeconds")] public double MaxScaleOutToServingSeconds { get; init; }
    [CsvColumn("warmPoolInstanceHours")] public double WarmPoolInstanceHours { get; init; }
    [CsvColumn("eventsProcessed")] public long EventsProcessed { get; init; }
    /// <summary>Per target group in scenario order, separated by ';': minServingCapacityPct/finalServingCapacityPct/unservedRequests/failedRequests.</summary>
    [CsvColumn("targetGroups")] public required string TargetGroups { get; init; }
    /// <summary>16 lower-case hex digits.</summary>
    [CsvColumn("traceFingerprint")] public required string TraceFingerprint { get; init; }
    [CsvColumn("stopReason")] public required string StopReason { get; init; }
    [CsvColumn(Prefix = ReportNames.PhaseSeconds + ".")] public required PhaseColumns PhaseSeconds { get; init; }
}

/// <summary>A row of <c>timeline.csv</c>: one lifecycle event or state of one instance.</summary>
[CsvRecord]
internal sealed partial record TimelineRow(
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("instance")] int Instance,
    [property: CsvColumn("lane")] string Lane,
    [property: CsvColumn("name")] string Name,
    [property: CsvColumn("startSeconds")] double StartSeconds,
    [property: CsvColumn("endSeconds")] double EndSeconds,
    [property: CsvColumn("status")] string Status);

/// <summary>A row of <c>series.csv</c>: the fleet at one change.</summary>
[CsvRecord]
internal sealed partial record SeriesRow(
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("timeSeconds")] double TimeSeconds,
    [property: CsvColumn("servingCapacityRps")] double ServingCapacityRps,
    [property: CsvColumn("demandRps")] double DemandRps,
    [property: CsvColumn("instances")] int Instances,
    [property: CsvColumn("inServiceInstances")] int InServiceInstances,
    [property: CsvColumn("maxMemoryPct")] double MaxMemoryPct,
    [property: CsvColumn("meanMemoryPct")] double MeanMemoryPct,
    [property: CsvColumn("medianMemoryPct")] double MedianMemoryPct,
    [property: CsvColumn("backlog")] double Backlog,
    [property: CsvColumn("queuedRequests")] double? QueuedRequests,
    [property: CsvColumn("latencyP50Ms")] double? LatencyP50Ms,
    [property: CsvColumn("latencyP99Ms")] double? LatencyP99Ms,
    [property: CsvColumn("failedRequests")] double FailedRequests);

/// <summary>A row of <c>capacity-band.csv</c>: one target group at one instant of the band's grid.</summary>
[CsvRecord]
internal sealed partial record CapacityBandRow(
    [property: CsvColumn("targetGroup")] string TargetGroup,
    [property: CsvColumn("timeSeconds")] double TimeSeconds,
    [property: CsvColumn("p10Rps")] double P10Rps,
    [property: CsvColumn("p50Rps")] double P50Rps,
    [property: CsvColumn("p90Rps")] double P90Rps,
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("replicationRps")] double ReplicationRps,
    [property: CsvColumn("demandRps")] double DemandRps);

/// <summary>A row of <c>memory.csv</c>: one memory sample of one instance.</summary>
[CsvRecord]
internal sealed partial record MemoryRow(
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("timeSeconds")] double TimeSeconds,
    [property: CsvColumn("instance")] int Instance,
    [property: CsvColumn("memoryMiB")] double MemoryMiB);

/// <summary>A row of a plan's <c>summary.csv</c>.</summary>
[CsvRecord]
internal sealed partial record PlanCsvRow(
    [property: CsvColumn("strategy")] string Strategy,
    [property: CsvColumn("instanceMemoryMiB")] long InstanceMemoryMiB,
    [property: CsvColumn("maxSafeWorkers")] int MaxSafeWorkers,
    [property: CsvColumn("instancesNeeded")] int InstancesNeeded,
    [property: CsvColumn(Prefix = "peakInstances.")] StatsColumns PeakInstances,
    [property: CsvColumn(Prefix = "instanceHoursPerRollout.")] StatsColumns InstanceHoursPerRollout,
    [property: CsvColumn(Prefix = "rolloutSeconds.")] StatsColumns RolloutSeconds,
    [property: CsvColumn(Prefix = "peakMemoryPct.")] StatsColumns PeakMemoryPct,
    [property: CsvColumn("successRate")] double SuccessRate,
    [property: CsvColumn("outcome")] string Outcome);

/// <summary>A row of <c>recovery.csv</c>: one strategy's replication at one point of its series.</summary>
[CsvRecord]
internal sealed partial record RecoveryRow(
    [property: CsvColumn("strategy")] string Strategy,
    [property: CsvColumn("replication")] int Replication,
    [property: CsvColumn("timeSeconds")] double TimeSeconds,
    [property: CsvColumn("failedRequests")] double FailedRequests,
    [property: CsvColumn("failedRequestsPerSecond")] double? FailedRequestsPerSecond,
    [property: CsvColumn("phase")] string Phase);
