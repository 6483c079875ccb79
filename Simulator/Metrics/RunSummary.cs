using DeploySim.Scenarios;

namespace DeploySim.Metrics;

/// <summary>Counts of deployment outcomes over replications.</summary>
public sealed record OutcomeCounts(int Succeeded, int Failed, int Stopped, int RolledBack, int Unfinished);

/// <summary>The aggregate of a run: one scenario, one strategy, all replications.</summary>
public sealed record RunSummary
{
    public required string Scenario { get; init; }
    public required StrategyKind Strategy { get; init; }
    public ulong Seed { get; init; }
    public int Replications { get; init; }
    public required OutcomeCounts Outcome { get; init; }
    /// <summary>Failed, stopped and rolled-back replications per reason (<see cref="Metrics.FailureReasons"/>), most
    /// frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> FailureReasons { get; init; } = [];
    /// <summary>Succeeded replications over replications that started a rollout (0–1; NaN when none did).</summary>
    public double SuccessRate { get; init; } = double.NaN;
    /// <summary>Metric name (stable JSON key, e.g. <c>rolloutSeconds</c>) to its statistics, in a fixed order.</summary>
    public required IReadOnlyList<KeyValuePair<string, MetricSummary>> Metrics { get; init; }
    /// <summary>Lifecycle event to the statistics of its mean duration per instance.</summary>
    public required IReadOnlyList<KeyValuePair<LifecycleEvent, MetricSummary>> PhaseSeconds { get; init; }

    /// <summary>Per target group (scenario order): its name and its metrics (<see cref="TargetGroupMetricNames"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<KeyValuePair<string, MetricSummary>>>> TargetGroups { get; init; } = [];

    /// <summary>The keys of <c>metrics.targetGroups.&lt;name&gt;</c>, in order.</summary>
    public static readonly string[] TargetGroupMetricNames = ["minServingCapacityPct", "finalServingCapacityPct", "unservedRequests", "failedRequests"];

    public MetricSummary this[string metric] => Metrics.First(m => m.Key == metric).Value;

    /// <summary>The metric keys in their stable order.</summary>
    public static readonly string[] MetricNames =
    [
        "rolloutSeconds", "timeToFailureSeconds", "minServingCapacityPct", "unservedRequests", "failedRequests", "peakInstances", "instanceHours",
        "peakMemoryPct", "oomKills", "launches", "abandonedLaunches", "staleInstances", "eventsProcessed",
    ];

    /// <summary>Metrics reported only when the scenario has a bad revision, a worker fleet, or the latency model (and an SLO).</summary>
    public static readonly string[] ConditionalMetricNames = ["timeToDetectSeconds", "timeToRecoverSeconds", "badRevisionFailedRequests", "peakBacklog",
        "latency.p50Ms", "latency.p90Ms", "latency.p99Ms", "latency.p999Ms", "latency.steady.p50Ms", "latency.steady.p90Ms", "latency.steady.p99Ms",
        "latency.steady.p999Ms", "latency.peakQueuedRequests", "errors.http502", "errors.http504", "slo.budgetBurnedPct", "slo.violatedMinutes",
        "scaleOutToServingP50Seconds", "maxScaleOutToServingSeconds", "warmPoolInstanceHours"];

    /// <param name="scenario">The scenario (or one fleet's) whose metrics to report.</param>
    /// <param name="results">Its replications' results.</param>
    /// <param name="warmPoolMetrics">Report the warm pool's metrics although <paramref name="scenario"/> has no warm
    /// pool (a fleet of a scenario whose other fleet has one: the comparison of warm-pool.yaml).</param>
    public static RunSummary From(Scenario scenario, IReadOnlyList<ReplicationResult> results, bool warmPoolMetrics = false)
    {
        var builder = new SummaryBuilder(scenario, warmPoolMetrics);
        foreach (var r in results) builder.Add(r);
        return builder.Build();
    }
}
