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
    /// <summary>Metric name (stable JSON key, e.g. <c>rolloutSeconds</c>) to its statistics, in a fixed order.</summary>
    public required IReadOnlyList<KeyValuePair<string, MetricSummary>> Metrics { get; init; }
    /// <summary>Lifecycle event to the statistics of its mean duration per instance.</summary>
    public required IReadOnlyList<KeyValuePair<LifecycleEvent, MetricSummary>> PhaseSeconds { get; init; }

    public MetricSummary this[string metric] => Metrics.First(m => m.Key == metric).Value;

    /// <summary>The metric keys in their stable order.</summary>
    public static readonly string[] MetricNames =
    [
        "rolloutSeconds", "minServingCapacityPct", "unservedRequests", "failedRequests", "peakInstances", "instanceHours",
        "peakMemoryPct", "oomKills", "launches", "abandonedLaunches", "staleInstances", "eventsProcessed",
    ];

    /// <summary>Metrics reported only when the scenario has a bad revision or a worker fleet.</summary>
    public static readonly string[] ConditionalMetricNames = ["timeToDetectSeconds", "timeToRecoverSeconds", "badRevisionFailedRequests", "peakBacklog"];

    public static RunSummary From(Scenario scenario, IReadOnlyList<ReplicationResult> results)
    {
        static MetricSummary S(IEnumerable<double> xs) => MetricSummary.Of(xs);
        var metrics = new List<KeyValuePair<string, MetricSummary>>
        {
            new("rolloutSeconds", S(results.Select(r => r.RolloutSeconds))),
            new("minServingCapacityPct", S(results.Select(r => r.MinServingCapacityPct))),
            new("unservedRequests", S(results.Select(r => r.UnservedRequests))),
            new("failedRequests", S(results.Select(r => r.FailedRequests))),
            new("peakInstances", S(results.Select(r => (double)r.PeakInstances))),
            new("instanceHours", S(results.Select(r => r.InstanceHours))),
            new("peakMemoryPct", S(results.Select(r => r.PeakMemoryPct))),
            new("oomKills", S(results.Select(r => (double)r.OomKills))),
            new("launches", S(results.Select(r => (double)r.Launches))),
            new("abandonedLaunches", S(results.Select(r => (double)r.AbandonedLaunches))),
            new("staleInstances", S(results.Select(r => (double)r.StaleInstances))),
            new("eventsProcessed", S(results.Select(r => (double)r.EventsProcessed))),
        };
        if (scenario.Deployment.BadRevision is not null)
        {
            metrics.Add(new("timeToDetectSeconds", S(results.Select(r => r.TimeToDetectSeconds))));
            metrics.Add(new("timeToRecoverSeconds", S(results.Select(r => r.TimeToRecoverSeconds))));
            metrics.Add(new("badRevisionFailedRequests", S(results.Select(r => r.BadRevisionFailedRequests))));
        }
        if (scenario.Kind == FleetKind.Worker) metrics.Add(new("peakBacklog", S(results.Select(r => r.PeakBacklog))));
        var phases = Enum.GetValues<LifecycleEvent>()
            .Where(e => results.Any(r => r.PhaseSeconds.ContainsKey(e)))
            .Select(e => new KeyValuePair<LifecycleEvent, MetricSummary>(e,
                S(results.Where(r => r.PhaseSeconds.ContainsKey(e)).Select(r => r.PhaseSeconds[e]))))
            .ToList();
        return new RunSummary
        {
            Scenario = scenario.Name,
            Strategy = scenario.Deployment.Strategy,
            Seed = scenario.Seed,
            Replications = results.Count,
            Outcome = new OutcomeCounts(
                results.Count(r => r.Outcome == DeploymentOutcome.Succeeded),
                results.Count(r => r.Outcome == DeploymentOutcome.Failed),
                results.Count(r => r.Outcome == DeploymentOutcome.Stopped),
                results.Count(r => r.Outcome == DeploymentOutcome.RolledBack),
                results.Count(r => r.Outcome == DeploymentOutcome.Unfinished)),
            Metrics = metrics,
            PhaseSeconds = phases,
        };
    }
}
