using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>docs/model.md#health-checks ranges: interval 5 to 300 s, timeout 2 to 120 s, thresholds 2 to 10.</summary>
public sealed record HealthCheckSpec
{
    public SimDuration Interval { get; init; } = SimDuration.FromSeconds(30);
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(5);
    public int HealthyThreshold { get; init; } = 5;
    public int UnhealthyThreshold { get; init; } = 2;
}
