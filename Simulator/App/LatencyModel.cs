using DeploySim.App.Queueing;
using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.App;

/// <summary>The latency model in a world (issue 17, docs/model.md#latency-model): turns each integration interval of
/// <see cref="Traffic"/> into queue advances per traffic class (fast mode, <see cref="LatencyTracker"/>), and answers
/// whether an overloaded instance answers its health checks.</summary>
/// <remarks>An interval is cut at the deployment window's ends (so each piece belongs to the window or to steady state)
/// and into sub-steps along which demand changes by at most 2 % (a profile ramp), each at its average demand.</remarks>
public sealed class LatencyModel
{
    private const int MaxSubSteps = 64;
    private readonly Model.World _world;
    private readonly Xoshiro256 _rng = new(0);

    private double _peakQueued;

    public LatencyModel(Model.World world, LatencySpec spec)
    {
        _world = world;
        Spec = spec;
        Tracker = new LatencyTracker(spec);
        if (spec.Mode == LatencyMode.Requests) Reference = new RequestSimulator(Tracker.Settings, 0);
    }

    public LatencySpec Spec { get; }
    public LatencyTracker Tracker { get; }
    /// <summary><c>traffic.mode: requests</c>: every request simulated (the reference); null in fast mode.</summary>
    public RequestSimulator? Reference { get; }

    public void Reset()
    {
        Tracker.Reset();
        Reference?.Reset(_world.Scenario.Seed, _world.Replication);
        _peakQueued = 0;
        _world.Reseed(_rng, "latency.healthchecks");
    }

    /// <summary>The <paramref name="q"/> quantile (ms) of the answered requests' latency in the window or in steady state (NaN: none).</summary>
    public double Quantile(bool window, double q)
    {
        if (Reference is null) return (window ? Tracker.Window : Tracker.Steady).Quantile(q, Tracker.Settings.Service);
        var values = window ? Reference.WindowLatencies : Reference.Latencies;
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    }

    /// <summary>502 and 504 responses over the run.</summary>
    public (double Http502, double Http504) Errors => Reference is null
        ? (Tracker.AllCounts.Http502, Tracker.AllCounts.Http504)
        : (Reference.Counts.Http502, Reference.Counts.Http504);

    /// <summary>The largest fluid (fast) or actual (requests) queue over the fleet at the end of an interval.</summary>
    public double PeakQueued => Reference is null ? Tracker.PeakQueued : _peakQueued;

    /// <summary>The SLO's budget burned in the window (percent); NaN without an SLO.</summary>
    public double BudgetBurnedPct => Spec.Slo is null ? double.NaN
        : Reference is null ? Tracker.BudgetBurnedPct : Tracker.BudgetBurned(Reference.WindowCounts);

    /// <summary>Minutes of the window that violated the SLO (in requests mode from the simulated requests' outcomes, each
    /// counted in the interval it completed in); NaN without an SLO.</summary>
    public double ViolatedMinutes => Spec.Slo is null ? double.NaN : Tracker.ViolatedMinutes;

    /// <summary>Advances the queues over [<paramref name="fromMs"/>, <paramref name="toMs"/>), demand going linearly from
    /// <paramref name="d0"/> to <paramref name="d1"/> rps, <paramref name="unroutedShare"/> of it finding no target.</summary>
    internal void Integrate(TrafficClasses classes, long fromMs, long toMs, double d0, double d1, double unroutedShare)
    {
        long start = _world.Recorder.RolloutStart?.Milliseconds ?? long.MaxValue;
        long end = _world.Recorder.RolloutEnd?.Milliseconds ?? long.MaxValue;
        long a = fromMs;
        while (a < toMs)
        {
            long b = toMs;
            if (a < start && start < b) b = start;
            else if (a < end && end < b) b = end;
            bool inWindow = a >= start && a < end;
            double da = d0 + ((d1 - d0) * (a - fromMs) / (toMs - fromMs)), db = d0 + ((d1 - d0) * (b - fromMs) / (toMs - fromMs));
            Piece(classes, a, b, da, db, unroutedShare, inWindow);
            a = b;
        }
    }

    private void Piece(TrafficClasses classes, long fromMs, long toMs, double d0, double d1, double unroutedShare, bool inWindow)
    {
        double change = Math.Abs(d1 - d0) / Math.Max(1e-9, Math.Max(d0, d1));
        int steps = (int)Math.Clamp(Math.Ceiling(change / 0.02), 1, Math.Min(MaxSubSteps, toMs - fromMs));
        for (int k = 0; k < steps; k++)
        {
            long t0 = fromMs + ((toMs - fromMs) * k / steps), t1 = fromMs + ((toMs - fromMs) * (k + 1) / steps);
            double demand = d0 + ((d1 - d0) * ((t0 + t1) / 2.0 - fromMs) / (toMs - fromMs));
            Step(classes, t0, t1, demand, unroutedShare, inWindow);
        }
    }

    private void Step(TrafficClasses classes, long fromMs, long toMs, double demand, double unroutedShare, bool inWindow)
    {
        var traffic = _world.Traffic;
        double seconds = (toMs - fromMs) / 1000.0;
        Tracker.BeginInterval();
        if (Reference is not null)
        {
            var before = Reference.Counts;
            RunRequests(classes, toMs - fromMs, demand * (1 - unroutedShare), inWindow);
            Tracker.Observed(before, Reference.Counts);
            Tracker.EndInterval(fromMs, toMs, unroutedShare * demand * seconds, inWindow);
            return;
        }
        int routed = 0, servers = 0, liveTargets = 0;
        double liveShare = 0;
        for (int c = 0; c < classes.Count; c++)
        {
            int n = classes.Members(c);
            if (n == 0 || traffic.Share(c) <= 0) continue;
            routed += n;
            if (classes.Serving(c) <= 0) continue;
            servers += n * classes.Serving(c);
            liveTargets += n;
            liveShare += n * traffic.Share(c);
        }
        for (int c = 0; c < classes.Count; c++)
        {
            int n = classes.Members(c), serving = classes.Serving(c);
            double s = n == 0 ? 0 : traffic.Share(c);
            if (s <= 0 || serving <= 0)
            {
                if (s > 0) Tracker.Refuse(n * s * demand * seconds);
                Tracker.Drop(c);                                   // an empty, unrouted or dead class keeps no backlog
                continue;
            }
            if (!Tracker.Pooled) Tracker.Advance(c, n, serving, s * demand, routed, seconds, inWindow);
        }
        if (Tracker.Pooled) Tracker.AdvancePooled(servers, liveTargets, liveShare * demand, seconds, inWindow);
        Tracker.EndInterval(fromMs, toMs, unroutedShare * demand * seconds, inWindow);
    }

    /// <summary>Requests mode: each instance is a target with its class's workers and routing weight; the routed demand
    /// arrives as a Poisson stream for <paramref name="ms"/>.</summary>
    private void RunRequests(TrafficClasses classes, long ms, double routedRps, bool inWindow)
    {
        var traffic = _world.Traffic;
        for (int i = 0; i < _world.InstanceCount; i++)
        {
            int c = classes.ClassOf(i);
            if (c < 0 || classes.Members(c) == 0) Reference!.SetTarget(i, 0, 0);
            else Reference!.SetTarget(i, classes.Serving(c), traffic.Share(c));
        }
        Reference!.Measuring = true;
        Reference.Window = inWindow;
        Reference.Run(ms, routedRps / 1000);
        _peakQueued = Math.Max(_peakQueued, Reference.QueuedRequests);
    }

    /// <summary>True when class <paramref name="cls"/> at <paramref name="rps"/> per member is below capacity with nothing
    /// queued anywhere (fast mode, round robin): its wait is stationary, and a health check needs no integration.</summary>
    internal bool IsStationary(int cls, int servers, double rps) =>
        Reference is null && !Tracker.Pooled && Tracker.Queued <= 0 && rps < servers * Tracker.Settings.Service.RatePerMs * 1000;

    /// <summary>A health check to a member of a stationary class: answered unless its drawn wait exceeds the timeout
    /// less the mean service time (the same test as <see cref="LatencyTracker.AnswersHealthCheck"/>, at the current load).</summary>
    internal HealthCheckAnswer AnswersStationary(int cls, int servers, double rps, int routedTargets, SimDuration timeout)
    {
        var wait = Tracker.StationaryWait(cls, servers, rps / 1000, 1.0 / Math.Max(1, routedTargets));
        double budget = timeout.Milliseconds - Tracker.Settings.Service.MeanMs;
        if (budget <= 0) return HealthCheckAnswer.Fail;
        double fail = wait.Tail(budget);
        if (fail < 1e-12) return HealthCheckAnswer.SurePass;                  // a negligible chance draws nothing
        return _rng.NextDouble() >= fail ? HealthCheckAnswer.Pass : HealthCheckAnswer.Fail;
    }

    /// <summary>Whether a health check to a member of class <paramref name="cls"/>, <paramref name="aheadMs"/> after the
    /// last integration at <paramref name="rps"/> per member, is answered within <paramref name="timeout"/>; false when
    /// only an integration can tell (requests mode, least outstanding requests).</summary>
    internal bool TryAnswerAhead(int cls, int servers, double rps, int routedTargets, long aheadMs, SimDuration timeout, out bool answered)
    {
        answered = true;
        if (Reference is not null || Tracker.Pooled) return false;
        answered = Tracker.AnswersHealthCheckAhead(cls, servers, rps / 1000, 1.0 / Math.Max(1, routedTargets), aheadMs, timeout.Milliseconds, _rng.NextDouble());
        return true;
    }

    /// <summary>Whether a health check to instance <paramref name="id"/>, a member of class <paramref name="cls"/>, is
    /// answered within <paramref name="timeout"/>.</summary>
    internal bool AnswersHealthCheck(int id, int cls, int servers, SimDuration timeout)
    {
        if (Reference is null) return Tracker.AnswersHealthCheck(cls, servers, timeout.Milliseconds, _rng.NextDouble());
        var (busy, queued) = Reference.Load(id);
        var service = Tracker.Settings.Service;
        if (servers <= 0 || busy < servers) return true;
        return queued < Tracker.Settings.Backlog && (queued / (servers * service.RatePerMs)) + service.MeanMs <= timeout.Milliseconds;
    }
}

/// <summary>A health check's answer at a stationary queue: failed, passed on a draw, or passed for sure (the chance of
/// failing is negligible, so the answer holds until the rates change).</summary>
internal enum HealthCheckAnswer { Fail, Pass, SurePass }
