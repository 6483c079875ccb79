using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>docs/model.md#health-checks ranges: interval 5 to 300 s, timeout 2 to 120 s, thresholds 2 to 10.</summary>
public sealed record HealthCheckSpec
{
    public SimDuration Interval { get; init; } = SimDuration.FromSeconds(30);
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(5);
    public int HealthyThreshold { get; init; } = 5;
    public int UnhealthyThreshold { get; init; } = 2;
    /// <summary>How the simulator runs the checks (docs/model.md#health-check-scheduling); both give the same target states.</summary>
    public HealthCheckMode Mode { get; init; } = HealthCheckMode.Crossings;
}

/// <summary>docs/model.md#health-check-scheduling: how target health checks are simulated.</summary>
public enum HealthCheckMode
{
    /// <summary>One event at the check that crosses a threshold, recomputed when the application's serving state changes.</summary>
    Crossings,
    /// <summary>One event per check (the reference).</summary>
    Events,
}
