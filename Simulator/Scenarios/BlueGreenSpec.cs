using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Blue/green with a copied Auto Scaling group (§2).</summary>
public sealed record BlueGreenSpec
{
    /// <summary>§2.4: 0 to 2880 minutes; console default 60 minutes.</summary>
    public SimDuration TerminationWait { get; init; } = SimDuration.FromMinutes(60);
    /// <summary>§2.4 KEEP_ALIVE: originals leave the load balancer but keep running.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>§2.3: null reroutes immediately (CONTINUE_DEPLOYMENT); a wait models STOP_DEPLOYMENT with a manual continue.</summary>
    public SimDuration? RerouteWait { get; init; }
}
