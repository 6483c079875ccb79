using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Strategies;
using DeploySim.World;

namespace DeploySim.App;

/// <summary>Demand and how the load balancers spread it over the fleet, integrated exactly between state changes.</summary>
/// <remarks>
/// Demand D(t) is constant or piecewise linear (a breakpoint event at each profile point). Each target group carries
/// an equal share of the demand (assumption) and spreads it evenly over the targets it routes to (healthy ones, or
/// every registered one when none is healthy: fail-open, domain.md §5.1; slow-start targets by their ramp weight, §5.3).
/// A fleet with no target group spreads demand over its in-service instances. An instance serves up to its serving
/// workers × requests per second per worker; the excess is unserved. Requests routed to an instance whose application
/// is not serving fail. A target group with nothing to route to leaves its share unserved.
/// Rates are cached per instance; a change integrates the elapsed interval with the cached rates first, then the
/// cache is rebuilt once at the end of the event (O(instances)).
/// </remarks>
public sealed class Traffic(World.World world)
{
    private double[] _share = new double[64];     // fraction of demand routed to the instance
    private double[] _capacity = new double[64];  // rps it can serve; negative: not serving (requests fail)
    private double[] _bad = new double[64];       // fraction of what it serves that fails because of a bad revision
    private double _unroutedShare;
    private double _backlog, _peakBacklog, _workerBadFraction;
    private long _drainToken;
    private bool _dirty;
    private long _lastMs;
    private int _segment;                          // index of the profile point at or before now
    private double _served, _unserved, _failed, _demand, _badFailed;

    public double ServedRequests => _served;
    public double BadRevisionFailedRequests => _badFailed;
    /// <summary>Worker fleets: jobs waiting, as of the last integration.</summary>
    public double Backlog => _backlog;
    public double PeakBacklog => _peakBacklog;
    public double UnservedRequests => _unserved;
    public double FailedRequests => _failed;
    public double DemandRequests => _demand;

    /// <summary>Serving capacity (rps) of the instances that receive traffic, as of the last rebuild.</summary>
    public double ServingCapacity { get; private set; }

    /// <summary>Extra requests failed by events (a worker killed mid-request).</summary>
    public void AddFailed(double requests) => _failed += requests;

    public void Reset()
    {
        _dirty = true;
        _lastMs = 0;
        _segment = 0;
        _unroutedShare = 0;
        _served = _unserved = _failed = _demand = _badFailed = 0;
        _backlog = _peakBacklog = 0;
        _drainToken = 0;
        ServingCapacity = 0;
        Array.Clear(_share);
        Array.Clear(_capacity);
        Array.Clear(_bad);
    }

    public void Start()
    {
        var profile = world.Fleet.Traffic.Profile;
        for (int k = 0; k < profile.Count; k++)
            if (profile[k].At.Milliseconds > 0) world.Schedule(SimTime.At(profile[k].At), EventKind.DemandBreakpoint, k);
        Rebuild();
    }

    public void Handle(in Event e)
    {
        if ((EventKind)e.Kind == EventKind.BacklogDrained)
        {
            if (e.Arg == _drainToken) Invalidate();                  // a series point where the backlog reaches zero
            return;
        }
        Integrate(e.Time);
        _segment = e.Target;
        if (world.Fleet.Kind == FleetKind.Worker) Invalidate();
    }

    /// <summary>Worker fleets: when the backlog is draining, schedule the moment it empties (for the time series).</summary>
    private void ScheduleDrain()
    {
        _drainToken++;
        if (_backlog <= 1e-9) return;
        double n0 = Demand(world.NowMs) - ServingCapacity;
        if (n0 >= 0) return;
        var at = world.Now + SimDuration.FromSecondsRounded(_backlog / -n0);
        if (at > world.Now) world.Schedule(at, EventKind.BacklogDrained, 0, _drainToken);
    }

    /// <summary>Demand in requests per second at time <paramref name="ms"/>.</summary>
    public double Demand(long ms)
    {
        var t = world.Fleet.Traffic;
        var p = t.Profile;
        if (p.Count == 0) return t.RequestsPerSecond;
        if (ms <= p[0].At.Milliseconds) return p[0].RequestsPerSecond;
        int k = Math.Min(_segment, p.Count - 1);
        while (k + 1 < p.Count && p[k + 1].At.Milliseconds <= ms) k++;
        while (k > 0 && p[k].At.Milliseconds > ms) k--;
        if (k + 1 >= p.Count) return p[k].RequestsPerSecond;
        var (a, b) = (p[k], p[k + 1]);
        double f = (ms - a.At.Milliseconds) / (double)(b.At.Milliseconds - a.At.Milliseconds);
        return a.RequestsPerSecond + (f * (b.RequestsPerSecond - a.RequestsPerSecond));
    }

    /// <summary>Something that routing or capacity depend on is about to change or has changed: account for the time
    /// elapsed with the old rates, and rebuild the rates at the end of the event.</summary>
    public void Invalidate()
    {
        Integrate(world.NowMs);
        _dirty = true;
    }

    /// <summary>True when the instance received traffic as of the last rebuild.</summary>
    public bool IsRouted(int id) => id < _share.Length && _share[id] > 0;

    /// <summary>Rebuilds the cached rates if anything changed during the event. Called by the world after each event.</summary>
    public bool FlushIfDirty()
    {
        if (!_dirty) return false;
        Integrate(world.NowMs);
        Rebuild();
        return true;
    }

    /// <summary>Integrates served, unserved and failed requests from the last point to <paramref name="toMs"/>.</summary>
    public void Integrate(long toMs)
    {
        if (toMs <= _lastMs) return;
        long from = _lastMs;
        _lastMs = toMs;
        double d0 = Demand(from), d1 = Demand(toMs);
        double seconds = (toMs - from) / 1000.0;
        _demand += (d0 + d1) / 2 * seconds;
        if (world.Fleet.Kind == FleetKind.Worker)
        {
            IntegrateQueue(d0, d1, seconds);
            return;
        }
        _unserved += _unroutedShare * (d0 + d1) / 2 * seconds;
        int n = Math.Min(world.InstanceCount, _share.Length);   // instances launched since the last rebuild get nothing yet
        for (int i = 0; i < n; i++)
        {
            double s = _share[i];
            if (s <= 0) continue;
            double c = _capacity[i];
            double load = s * (d0 + d1) / 2 * seconds;
            if (c < 0)
            {
                _failed += load;
                continue;
            }
            double served = ServedIntegral(s * d0, s * d1, c, seconds);
            double bad = served * _bad[i];
            _served += served - bad;
            _failed += bad;
            _badFailed += bad;
            _unserved += Math.Max(0, load - served);             // equal integrals rounded two ways must not go negative
        }
    }

    /// <summary>Worker fleets: jobs arrive at D(t) into one queue that every serving worker pulls from at capacity C.
    /// The backlog B follows dB/dt = D − C, never below zero; with D linear and C constant over the interval, the net
    /// rate changes sign at most once, so each part is integrated exactly.</summary>
    private void IntegrateQueue(double d0, double d1, double seconds)
    {
        double c = ServingCapacity;
        double before = _backlog;
        double n0 = d0 - c, n1 = d1 - c;
        double cross = (n0 < 0) != (n1 < 0) && n0 != n1 ? -n0 / (n1 - n0) : 1;   // fraction of the interval where the sign flips
        _backlog = Math.Max(0, _backlog + ((n0 + (n0 + (cross * (n1 - n0)))) / 2 * cross * seconds));
        _peakBacklog = Math.Max(_peakBacklog, _backlog);
        if (cross < 1)
        {
            double nc = n0 + (cross * (n1 - n0));
            _backlog = Math.Max(0, _backlog + ((nc + n1) / 2 * (1 - cross) * seconds));
            _peakBacklog = Math.Max(_peakBacklog, _backlog);
        }
        double processed = ((d0 + d1) / 2 * seconds) - (_backlog - before);
        double bad = processed * _workerBadFraction;
        _served += processed - bad;
        _failed += bad;
        _badFailed += bad;
    }

    /// <summary>∫ min(load(t), c) over an interval where load goes linearly from l0 to l1.</summary>
    private static double ServedIntegral(double l0, double l1, double c, double seconds)
    {
        if (l0 <= c && l1 <= c) return (l0 + l1) / 2 * seconds;
        if (l0 >= c && l1 >= c) return c * seconds;
        double f = (c - l0) / (l1 - l0);             // fraction of the interval where the load crosses c
        double below = l0 < c ? f : 1 - f;
        double lowAvg = l0 < c ? (l0 + c) / 2 : (c + l1) / 2;
        return ((lowAvg * below) + (c * (1 - below))) * seconds;
    }

    private void Rebuild()
    {
        _dirty = false;
        int n = world.InstanceCount;
        if (_share.Length < n)
        {
            Array.Resize(ref _share, Math.Max(n, _share.Length * 2));
            Array.Resize(ref _capacity, _share.Length);
            Array.Resize(ref _bad, _share.Length);
        }
        Array.Clear(_share, 0, n);
        double perWorker = world.Fleet.Unicorn.RequestsPerSecondPerWorker;
        var tgs = world.TargetGroups;
        int groups = tgs.Count;
        _unroutedShare = 0;
        if (groups == 0)
        {
            int inService = 0;
            for (int i = 0; i < n; i++) if (world[i].Lifecycle == LifecycleState.InService) inService++;
            for (int i = 0; i < n; i++) if (world[i].Lifecycle == LifecycleState.InService) _share[i] = 1.0 / inService;
            if (inService == 0) _unroutedShare = 1;
        }
        else
        {
            double groupShare = 1.0 / groups;
            for (int g = 0; g < groups; g++)
            {
                double total = tgs.RoutedWeight(g);
                if (total <= 0)
                {
                    _unroutedShare += groupShare;
                    continue;
                }
                for (int i = 0; i < n; i++)
                {
                    double w = tgs.RoutingWeight(g, i);
                    if (w > 0) _share[i] += groupShare * w / total;
                }
            }
        }
        double capacity = 0, badCapacity = 0;
        double badRate = world.Fleet.Deployment.BadRevision?.RequestFailureRate ?? 0;
        int badServing = 0;
        for (int i = 0; i < n; i++)
        {
            int serving = world.Unicorn.ServingWorkers(i);
            _capacity[i] = serving > 0 ? serving * perWorker : -1;
            if (_share[i] > 0 && serving > 0) capacity += serving * perWorker;
            if (badRate <= 0) continue;
            int bad = serving > 0 ? world.Unicorn.ServingWorkers(i, Strategy.NewRevision) : 0;
            _bad[i] = bad == 0 ? 0 : badRate * bad / serving;
            if (_share[i] > 0 && bad > 0)
            {
                badServing++;
                badCapacity += bad * perWorker;
            }
        }
        ServingCapacity = capacity;
        _workerBadFraction = capacity > 0 ? badRate * badCapacity / capacity : 0;
        if (badRate > 0) world.Strategies.BadRevisionServing(badServing);
        if (world.Fleet.Kind == FleetKind.Worker) ScheduleDrain();
        world.Recorder.CapacityChanged(capacity, Demand(world.NowMs));
    }
}
