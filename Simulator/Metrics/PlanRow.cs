using DeploySim.Scenarios;

namespace DeploySim.Metrics;

/// <summary>Packing density for one strategy and instance size: the largest worker count whose rollout OOM-kills nothing
/// in any replication, and what serving the demand then costs.</summary>
public sealed record PlanRow(
    StrategyKind Strategy,
    long InstanceMemoryMiB,
    int MaxSafeWorkers,
    int InstancesNeeded,
    MetricSummary PeakInstances,
    MetricSummary InstanceHoursPerRollout,
    MetricSummary RolloutSeconds,
    MetricSummary PeakMemoryPct);
