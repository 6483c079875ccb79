using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>How the load balancer picks a target (ALB's <c>load_balancing.algorithm.type</c>, docs/model.md#overload-and-queueing).</summary>
public enum LoadBalancing { RoundRobin, LeastOutstandingRequests }

/// <summary>How requests are simulated: the fast queueing model, or every request as events (the reference).</summary>
public enum LatencyMode { Fast, Requests }

/// <summary>The latency model (issue 17, docs/model.md#latency-model): present only when <c>traffic.serviceTime</c>
/// is given, so a scenario without it runs exactly as before.</summary>
public sealed record LatencySpec
{
    /// <summary>Service time of one request on one unicorn worker (<c>traffic.serviceTime</c>).</summary>
    public required Distribution ServiceTime { get; init; }
    /// <summary>The first of the ALB idle timeout and nginx's read timeout, 60 s each (docs/model.md#overload-and-queueing).</summary>
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(60);
    /// <summary>ALB routing: round robin (the default) or least outstanding requests (docs/model.md#overload-and-queueing).</summary>
    public LoadBalancing Routing { get; init; } = LoadBalancing.RoundRobin;
    /// <summary><c>traffic.mode</c>: fast (the queueing model) or requests (every request simulated: small fleets only).</summary>
    public LatencyMode Mode { get; init; } = LatencyMode.Fast;
    /// <summary>Health checks queue behind requests, so overload can fail them (the cascade); on by default.</summary>
    public bool OverloadFailsHealthChecks { get; init; } = true;
    /// <summary>unicorn's listen backlog (<c>unicorn.backlog</c>, default 1024); the queue is min(backlog, somaxconn 4096).</summary>
    public int Backlog { get; init; } = 1024;
    /// <summary>The latency and availability objective (<c>slo:</c>); null: no SLO metrics.</summary>
    public SloSpec? Slo { get; init; }
}

/// <summary><c>slo: { latencyMs, percentile, availability }</c>: <c>percentile</c> % of requests answered within
/// <c>latencyMs</c>, <c>availability</c> % answered without a 5xx.</summary>
public sealed record SloSpec(double LatencyMs, double Percentile, double Availability);
