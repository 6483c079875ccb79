namespace DeploySim.App.Queueing;

/// <summary>How the load balancer picks a target for a request (docs/model.md#overload-and-queueing).</summary>
public enum Routing
{
    /// <summary>Strict rotation over the routable targets: each target sees every n-th arrival of a Poisson stream
    /// (Erlang-n gaps, squared coefficient of variation 1/n).</summary>
    RoundRobin,
    /// <summary>The target with the fewest outstanding requests (in service + queued), ties by rotation. The fast model
    /// treats the group as one pooled queue (all workers, all backlogs): exact when every target has an idle worker or a
    /// queue, an approximation in between (its error is measured against the request mode).</summary>
    LeastOutstandingRequests,
}

/// <summary>The queueing parameters shared by the fast model and the request-level reference.</summary>
/// <param name="Service">Service time of one request on one worker (<c>traffic.serviceTime</c>).</param>
/// <param name="Backlog">Listen-queue length per target: min(<c>unicorn.backlog</c>, somaxconn) (docs/model.md#overload-and-queueing to docs/model.md#blue-green-deployments).
/// A request arriving at a full queue fails at once as 502 (docs/model.md#overload-and-queueing, docs/model.md#overload-and-queueing).</param>
/// <param name="TimeoutMs">The first of the load balancer's idle timeout and nginx's read timeout (60 s each by default,
/// docs/model.md#overload-and-queueing, docs/model.md#overload-and-queueing): a response later than this is a 504. The worker still runs the request (unicorn's
/// <c>check_client_connection</c> is off by default, docs/model.md#overload-and-queueing).</param>
/// <param name="Routing">Round robin or least outstanding requests.</param>
/// <param name="SlowMs">Latency above which an answered request counts as slow (<see cref="RequestCounts.Slow"/>): the SLO's target.</param>
public sealed record QueueSettings(ServiceTime Service, int Backlog, double TimeoutMs, Routing Routing, double SlowMs = double.PositiveInfinity)
{
    /// <summary>A wait beyond this makes the response late (the request's mean service time is added to it).</summary>
    public double WaitLimitMs => Math.Max(0, TimeoutMs - Service.MeanMs);
}

/// <summary>Requests by outcome, accumulated by the fast model and by the request mode.</summary>
public struct RequestCounts
{
    /// <summary>Requests that arrived at a serving target.</summary>
    public double Arrived;
    /// <summary>Answered in time.</summary>
    public double Succeeded;
    /// <summary>Refused: the listen queue was full (docs/model.md#overload-and-queueing, docs/model.md#overload-and-queueing).</summary>
    public double Http502;
    /// <summary>Answered after the timeout (docs/model.md#overload-and-queueing, docs/model.md#overload-and-queueing).</summary>
    public double Http504;
    /// <summary>Answered, but later than <see cref="QueueSettings.SlowMs"/>.</summary>
    public double Slow;

    public readonly double Errors => Http502 + Http504;
}
