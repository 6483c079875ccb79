using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Blue/green with a copied Auto Scaling group (docs/model.md#blue-green-deployments).</summary>
public sealed record BlueGreenSpec
{
    /// <summary>docs/model.md#terminating-the-originals: 0 to 2880 minutes; console default 60 minutes.</summary>
    public SimDuration TerminationWait { get; init; } = SimDuration.FromMinutes(60);
    /// <summary>docs/model.md#terminating-the-originals KEEP_ALIVE: originals leave the load balancer but keep running.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>docs/model.md#rerouting-traffic: null reroutes immediately (CONTINUE_DEPLOYMENT); a wait models STOP_DEPLOYMENT with a manual continue.</summary>
    public SimDuration? RerouteWait { get; init; }
    /// <summary>docs/model.md#blue-green-deployments: the copied group's health-check type; EC2 as in the captured CreateAutoScalingGroup call.</summary>
    public HealthCheckType CopiedGroupHealthCheckType { get; init; } = HealthCheckType.EC2;
    /// <summary>docs/model.md#blue-green-deployments: the copied group's health-check grace period; 0 as in the captured call.</summary>
    public SimDuration CopiedGroupHealthCheckGracePeriod { get; init; } = SimDuration.Zero;
}
