using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>An ALB target group (docs/model.md#target-groups).</summary>
public sealed record TargetGroupSpec
{
    public required string Name { get; init; }
    public HealthCheckSpec HealthCheck { get; init; } = new();
    /// <summary>docs/model.md#deregistration-delay-and-slow-start: 0 to 3600 s, default 300 s.</summary>
    public SimDuration DeregistrationDelay { get; init; } = SimDuration.FromSeconds(300);
    /// <summary>docs/model.md#deregistration-delay-and-slow-start: 0 (off) or 30 to 900 s.</summary>
    public SimDuration SlowStart { get; init; }
    /// <summary>Passes a newly registered target needs; null means the healthy threshold (docs/model.md#blocktraffic-and-allowtraffic-timing records the conflict).</summary>
    public int? InitialHealthyChecks { get; init; }
    /// <summary>docs/model.md#deregistration-delay-and-slow-start: deregistration completes at once when the target has no in-flight requests.</summary>
    public bool DrainImmediatelyWhenIdle { get; init; } = true;
    /// <summary>docs/model.md#deregistration-delay-and-slow-start: false (default) means the load balancer's idle keep-alive
    /// connections to a target that served traffic stay open, so its draining lasts the full delay; true means they close
    /// when idle, so draining ends with the in-flight requests.</summary>
    public bool ConnectionsCloseWhenIdle { get; init; }
}
