using DeploySim.Scenarios;

namespace DeploySim.Metrics;

/// <summary>Packing density for one strategy and instance size: the largest worker count whose rollout is safe in every
/// replication (succeeded, no OOM kill, peak memory under the headroom), and what serving the demand then costs.
/// <see cref="RolloutSeconds"/> summarises the successes; <see cref="PeakMemoryPct"/> is from the rollout's start to its
/// end plus the settle time; <see cref="SuccessRate"/> (0–1) and <see cref="Outcome"/> ("safe", or why not) are of the
/// chosen fleet's replications, or of one worker's when no count is safe.</summary>
public sealed record PlanRow(
    StrategyKind Strategy,
    long InstanceMemoryMiB,
    int MaxSafeWorkers,
    int InstancesNeeded,
    MetricSummary PeakInstances,
    MetricSummary InstanceHoursPerRollout,
    MetricSummary RolloutSeconds,
    MetricSummary PeakMemoryPct,
    double SuccessRate,
    string Outcome);
