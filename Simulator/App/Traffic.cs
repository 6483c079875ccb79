using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.App;

/// <summary>Demand and how the load balancers spread it over the fleet, integrated exactly between state changes.</summary>
/// <remarks>
/// Demand D(t) is constant or piecewise linear (a breakpoint event at each profile point). Each target group carries
/// its share of the demand (<see cref="TrafficSpec.Share"/>, default equal shares) and spreads it over the targets it
/// routes to (healthy ones, or every registered one when none is healthy: fail-open, docs/model.md#health-checks; slow-start targets
/// by their ramp weight, docs/model.md#deregistration-delay-and-slow-start). A fleet with no target group spreads demand over its in-service instances. An instance
/// serves up to its serving workers × requests per second per worker; the excess is unserved. Requests routed to an
/// instance whose application is not serving fail. A target group with nothing to route to leaves its share unserved.
/// Each group's part of an instance's unserved and failed requests is its part of the instance's load.
/// The fleet is kept in classes of instances with the same rates (<see cref="TrafficClasses"/>), moved on every change
/// in O(target groups); a change integrates the elapsed interval with the old classes first. Integration and the
/// capacity totals cost O(classes × groups), independent of the fleet's size.
/// </remarks>
public sealed partial class Traffic(Model.World world)
{
    private readonly TrafficClasses _classes = new();
    private double[] _groupShare = [1];            // demand share per group (the pseudo-group of a fleet without groups: 1)
    private double[] _groupWeight = [0];           // per group: total routing weight, as of the last integration
    private double[] _groupCapacity = [0];         // per group: serving capacity of the targets it routes to (rps)
    private double[] _groupUnserved = [0], _groupFailed = [0];
    private double _backlog, _peakBacklog, _workerBadFraction, _badRate, _perWorker;
    private Queueing.JobWaits? _jobWaits;         // worker fleets only, made at their first replication
    private double _stalledJobs;                   // worker fleets: jobs that arrived while nothing served
    private long _stallFromMs, _stallToMs;
    private long _drainToken;
    private bool _dirty, _hasGroups;
    private long _lastMs;
    private int _segment;                          // index of the profile point at or before now
    private double _served, _unserved, _failed, _demand, _badFailed;
    private LatencyModel? _latency;                // issue 17: only with traffic.serviceTime
    private int _routedTargets;                    // instances some group routes to, as of the last rebuild
    private int[] _surePass = new int[64];         // per class: the rates version at which a health check surely passes
    private int _ratesVersion = 1;                 // bumped whenever rates or queues may have changed

    /// <summary>The latency model (queues, 502/504, SLO); null unless <c>traffic.serviceTime</c> is set.</summary>
    public LatencyModel? Latency => _latency;

    public double ServedRequests => _served;
    public double BadRevisionFailedRequests => _badFailed;
    /// <summary>Worker fleets: jobs waiting, as of the last integration.</summary>
    public double Backlog => _backlog;
    public double PeakBacklog => _peakBacklog;
    /// <summary>Worker fleets: how long jobs waited in the queue (docs/model.md#job-waits).</summary>
    public Queueing.JobWaits JobWaits => _jobWaits ??= new();

    /// <summary>The job waits, with jobs still waiting for capacity to return counted as waiting until <paramref name="ms"/>
    /// (a lower bound of their wait).</summary>
    public Queueing.JobWaits JobWaitsUntil(long ms)
    {
        if (_stalledJobs > 0) JobWaits.Add(_stalledJobs, (ms - _stallToMs) / 1000.0, (ms - _stallFromMs) / 1000.0);
        _stalledJobs = 0;
        return JobWaits;
    }
    public double UnservedRequests => _unserved;
    public double FailedRequests => _failed;
    public double DemandRequests => _demand;

    /// <summary>Serving capacity (rps) of the instances that receive traffic, as of the last rebuild.</summary>
    public double ServingCapacity { get; private set; }

    /// <summary>Serving capacity (rps) of the targets group <paramref name="g"/> routes to, as of the last rebuild.</summary>
    public double GroupServingCapacity(int g) => _groupCapacity[g];

    /// <summary>Every group's serving capacity (rps), indexed by group (sent to the recorder with each change).</summary>
    public ReadOnlySpan<double> GroupServingCapacities => _groupCapacity;
    public double GroupUnservedRequests(int g) => _groupUnserved[g];
    public double GroupFailedRequests(int g) => _groupFailed[g];

    /// <summary>Extra requests failed by events (a worker killed mid-request).</summary>
    public void AddFailed(double requests) => _failed += requests;

    public void Reset()
    {
        var scenario = world.Scenario;
        int groups = scenario.Fleet.TargetGroups.Count;
        _hasGroups = groups > 0;
        int slots = Math.Max(1, groups);
        if (_groupShare.Length < slots)
        {
            _groupShare = new double[slots];
            _groupWeight = new double[slots];
            _groupCapacity = new double[slots];
            _groupUnserved = new double[slots];
            _groupFailed = new double[slots];
        }
        Array.Clear(_groupShare);
        for (int g = 0; g < slots; g++) _groupShare[g] = groups == 0 ? 1 : TrafficShares.Of(scenario, g);
        Array.Clear(_groupWeight);
        Array.Clear(_groupCapacity);
        Array.Clear(_groupUnserved);
        Array.Clear(_groupFailed);
        _classes.Reset(groups, Math.Max(64, scenario.Fleet.AutoScaling.MaxSize * 2));
        _badRate = scenario.Fleet.Deployment.BadRevision?.RequestFailureRate ?? 0;
        _perWorker = scenario.Fleet.Unicorn.RequestsPerSecondPerWorker;
        var latency = world.Fleet.Traffic.Latency;
        if (latency is null) _latency = null;
        else
        {
            if (_latency?.Spec != latency) _latency = new LatencyModel(world, latency);
            _latency.Reset();
            _latency.Tracker.KeepRecent(world.Recorder.RecordsDetail);
            _perWorker = 1000 * _latency.Tracker.Settings.Service.RatePerMs;   // the fluid capacity agrees with the queues
        }
        _dirty = true;
        _lastMs = 0;
        _segment = 0;
        _served = _unserved = _failed = _demand = _badFailed = 0;
        _backlog = _peakBacklog = _stalledJobs = 0;
        if (world.Fleet.Kind == FleetKind.Worker) JobWaits.Clear();
        _drainToken = 0;
        ServingCapacity = 0;
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

    /// <summary>True when some target group routes to the instance.</summary>
    public bool IsRouted(int id)
    {
        int c = _classes.ClassOf(id);
        if (c < 0) return false;
        for (int g = 0; g < _classes.Groups; g++) if (_classes.Weight(c, g) > 0) return true;
        return false;
    }

    /// <summary>The instance's application changed (serving workers, revision): its rates change only if it is routed.</summary>
    public void ApplicationChanged(int id)
    {
        if (IsRouted(id)) Invalidate();
        Reclassify(id);
    }

    /// <summary>A target of the instance changed state or slow-start step; <paramref name="routingChanged"/> when its
    /// routing weight or its group's fail-open changed.</summary>
    public void TargetChanged(int id, bool routingChanged)
    {
        if (routingChanged) Invalidate();
        Reclassify(id);
    }

    /// <summary>The instance's lifecycle state changed (a fleet without target groups routes to in-service instances).</summary>
    public void LifecycleChanged(int id)
    {
        Invalidate();
        Reclassify(id);
    }

    /// <summary>Moves the instance to the class of its current state (the elapsed time is integrated before any change
    /// of rates, so the classes always describe the interval since the last integration).</summary>
    private void Reclassify(int id)
    {
        FillCodes(id, _classes.Codes);
        int serving = world.Unicorn.ServingWorkers(id);
        int bad = _badRate > 0 && serving > 0 ? world.Unicorn.ServingWorkers(id, Revision.New) : 0;
        int from = _classes.ClassOf(id);
        if (_classes.Move(id, serving, bad) && _latency is not null)
        {
            int to = _classes.ClassOf(id);
            _latency.Tracker.Moved(from, to, _classes.Members(to));
        }
    }

    /// <summary>Whether a health check sent now to the instance is answered within <paramref name="timeout"/>: always,
    /// unless the latency model is on with <c>traffic.overloadFailsHealthChecks</c> and the instance's queue delays it
    /// (docs/model.md#latency-model). Integrates up to now first, so the queue is current.</summary>
    public bool AnswersHealthCheck(int id, SimDuration timeout)
    {
        if (_latency is null || !_latency.Spec.OverloadFailsHealthChecks) return true;
        int c = _classes.ClassOf(id);
        if (c < 0 || _classes.Serving(c) <= 0) return true;
        if (c < _surePass.Length && _surePass[c] == _ratesVersion) return true;      // nothing changed since a sure pass
        double rps = Share(c) * Demand(world.NowMs);
        if (!_latency.IsStationary(c, _classes.Serving(c), rps))
        {
            // A queue is building or draining somewhere. At a flat demand this class's backlog is linear since the last
            // integration: read it ahead. Otherwise bring the queues up to now.
            if (Demand(_lastMs) == Demand(world.NowMs)
                && _latency.TryAnswerAhead(c, _classes.Serving(c), rps, _routedTargets, world.NowMs - _lastMs, timeout, out bool answered))
                return answered;
            Integrate(world.NowMs);
            return _latency.AnswersHealthCheck(id, c, _classes.Serving(c), timeout);
        }
        var answer = _latency.AnswersStationary(c, _classes.Serving(c), rps, _routedTargets, timeout);
        if (answer == HealthCheckAnswer.SurePass && world.Fleet.Traffic.Profile.Count == 0)
        {
            if (c >= _surePass.Length) Array.Resize(ref _surePass, Math.Max(c + 1, _surePass.Length * 2));
            _surePass[c] = _ratesVersion;
        }
        return answer != HealthCheckAnswer.Fail;
    }

    private void FillCodes(int id, Span<byte> codes)
    {
        if (!_hasGroups)
        {
            codes[0] = world[id].Lifecycle == LifecycleState.InService ? (byte)(TrafficClasses.HealthyBase + TrafficClasses.SlowStartSteps) : TrafficClasses.NotRouted;
            return;
        }
        for (int g = 0; g < codes.Length; g++) codes[g] = world.TargetGroups.RoutingCode(g, id);
    }

    /// <summary>Invariant check: the instance's class is not that of its current routing and serving state.</summary>
    public bool IsMisclassified(int i)
    {
        Span<byte> codes = stackalloc byte[_classes.Groups];
        FillCodes(i, codes);
        int c = _classes.ClassOf(i);
        int serving = world.Unicorn.ServingWorkers(i);
        int bad = _badRate > 0 && serving > 0 ? world.Unicorn.ServingWorkers(i, Revision.New) : 0;
        if (c < 0) return serving != 0 || codes.ContainsAnyExcept(TrafficClasses.NotRouted);
        if (_classes.Serving(c) != serving || _classes.BadServing(c) != bad) return true;
        for (int g = 0; g < codes.Length; g++) if (_classes.Code(c, g) != codes[g]) return true;
        return false;
    }
}
