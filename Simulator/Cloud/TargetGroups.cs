using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>ALB target groups: registration, per-target health checks, draining (docs/model.md#target-groups).</summary>
/// <remarks>
/// Each registered target is checked every interval at its own phase (drawn uniformly in [0, interval) when it is
/// registered; how the checks are scheduled is in TargetGroups.HealthChecks.cs); a check passes only if the application on the instance is serving (its timeout is not modelled: a
/// stopped application refuses at once). Thresholds (docs/model.md#health-checks): an initial target becomes healthy after
/// <see cref="TargetGroupSpec.InitialHealthyChecks"/> consecutive passes (default the healthy threshold, docs/model.md#blocktraffic-and-allowtraffic-timing), a healthy
/// one unhealthy after the unhealthy threshold of consecutive failures, an unhealthy one healthy after the healthy
/// threshold of passes. A deregistered target drains for the deregistration delay, or only until its in-flight
/// requests finish when <see cref="TargetGroupSpec.DrainImmediatelyWhenIdle"/> (docs/model.md#deregistration-delay-and-slow-start). Fail-open (docs/model.md#health-checks): with no healthy
/// target, traffic goes to every registered one. Slow start ramps a new healthy target's weight in eight steps (docs/model.md#deregistration-delay-and-slow-start).
/// </remarks>
public sealed partial class TargetGroups(Model.World world)
{
    private const int SlowStartSteps = 8;
    private TargetGroupSpec[] _specs = [];
    private int _groups;
    private TargetState[] _state = new TargetState[64];
    private byte[] _passes = new byte[64];
    private byte[] _fails = new byte[64];
    private byte[] _ramp = new byte[64];           // slow-start steps done (SlowStartSteps = full weight)
    private int[] _generation = new int[64];
    private long[] _healthyCount = [];
    private readonly Xoshiro256 _rng = new(0);

    public int Count => _groups;
    public TargetGroupSpec Spec(int g) => _specs[g];

    public int IndexOf(string name)
    {
        for (int g = 0; g < _groups; g++) if (_specs[g].Name == name) return g;
        return -1;
    }

    public void Reset()
    {
        _specs = [.. world.Fleet.TargetGroups];
        _groups = _specs.Length;
        _healthyCount = new long[_groups];
        EnsureCapacity(64);
        Array.Clear(_state);
        Array.Clear(_passes);
        Array.Clear(_fails);
        Array.Clear(_ramp);
        Array.Clear(_generation);
        ResetChecks();
        world.Reseed(_rng, "targetgroups");
    }

    public void EnsureCapacity(int instances)
    {
        int size = Math.Max(1, _groups) * instances;
        if (_state.Length >= size) return;
        Array.Resize(ref _state, size);
        Array.Resize(ref _passes, size);
        Array.Resize(ref _fails, size);
        Array.Resize(ref _ramp, size);
        Array.Resize(ref _generation, size);
        EnsureCheckCapacity(size);
    }

    private int Slot(int g, int id) => (id * _groups) + g;

    public TargetState State(int g, int id) => _state[Slot(g, id)];
    public bool IsHealthy(int g, int id) => _state[Slot(g, id)] == TargetState.Healthy;
    public bool IsRegistered(int g, int id) => _state[Slot(g, id)] is TargetState.Initial or TargetState.Healthy or TargetState.Unhealthy;
    public bool IsHealthyInAny(int id)
    {
        for (int g = 0; g < _groups; g++) if (IsHealthy(g, id)) return true;
        return false;
    }

    /// <summary>Weight with which group <paramref name="g"/> routes to the instance (0: not routed).</summary>
    public double RoutingWeight(int g, int id)
    {
        int s = Slot(g, id);
        if (_healthyCount[g] == 0) return _state[s] is TargetState.Initial or TargetState.Healthy or TargetState.Unhealthy ? 1 : 0;
        if (_state[s] != TargetState.Healthy) return 0;
        return _ramp[s] >= SlowStartSteps ? 1 : (_ramp[s] + 1) / (double)(SlowStartSteps + 1);
    }

    /// <summary>The target's routing code for traffic (see App.TrafficClasses): 0 not routed, 1 registered but not
    /// healthy (routed only when the group fails open), 2 + slow-start steps done when healthy.</summary>
    public byte RoutingCode(int g, int id)
    {
        int s = Slot(g, id);
        return _state[s] switch
        {
            TargetState.Initial or TargetState.Unhealthy => 1,
            TargetState.Healthy => (byte)(2 + Math.Min((int)_ramp[s], SlowStartSteps)),
            _ => 0,
        };
    }

    /// <summary>Healthy in every target group the instance is registered with: it serves all of its traffic
    /// (docs/model.md#warm-pools, the scale-out-to-serving time).</summary>
    private bool HealthyWhereRegistered(int id)
    {
        for (int g = 0; g < Count; g++)
            if (State(g, id) is not (TargetState.Healthy or TargetState.Unused)) return false;
        return true;
    }

    /// <summary>Puts an instance of the initial fleet in service: registered and already healthy.</summary>
    public void RegisterHealthy(int g, int id)
    {
        int s = Slot(g, id);
        _state[s] = TargetState.Healthy;
        _ramp[s] = SlowStartSteps;
        _healthyCount[g]++;
        world.Recorder.TargetChanged(g, id, TargetState.Healthy);
        world.CodeDeploy.TargetStateChanged(id);
        StartChecks(g, id);
    }

    /// <summary>RegisterTargets: the target enters <c>initial</c> and health checks start.</summary>
    public void Register(int g, int id)
    {
        int s = Slot(g, id);
        if (IsRegistered(g, id)) return;
        _generation[s]++;
        _passes[s] = 0;
        _fails[s] = 0;
        PrepareChecks(g, id);
        SetState(g, id, TargetState.Initial);
        StartChecks(g, id);
    }

    /// <summary>DeregisterTargets: the target drains, then becomes unused. Returns how long draining takes.</summary>
    public SimDuration Deregister(int g, int id)
    {
        int s = Slot(g, id);
        if (!IsRegistered(g, id)) return SimDuration.Zero;
        bool wasRouted = world.Traffic.IsRouted(id);
        SetState(g, id, TargetState.Draining);
        _generation[s]++;
        var spec = _specs[g];
        SimDuration drain = spec.DeregistrationDelay;
        if (spec.DrainImmediatelyWhenIdle && !wasRouted)
        {
            drain = SimDuration.Zero;                               // docs/model.md#deregistration-delay-and-slow-start: no connections, done at once
        }
        else if (spec.DrainImmediatelyWhenIdle && spec.ConnectionsCloseWhenIdle)
        {
            // docs/model.md#deregistration-delay-and-slow-start: idle connections close, so deregistration completes once in-flight requests finish; a request takes 1/rate of one worker.
            double perWorker = world.Fleet.Unicorn.RequestsPerSecondPerWorker;
            bool inFlight = world.Unicorn.ServingWorkers(id) > 0 && perWorker > 0;
            drain = inFlight ? SimDuration.Min(drain, SimDuration.FromSecondsRounded(1.0 / perWorker)) : SimDuration.Zero;
        }
        // otherwise the load balancer's idle keep-alive connections hold draining open for the full delay (docs/model.md#deregistration-delay-and-slow-start)
        world.After(drain, EventKind.DrainComplete, s, _generation[s]);
        return drain;
    }

    /// <summary>Deregisters from every group at once (scale-in, termination), without waiting.</summary>
    public void RemoveEverywhere(int id)
    {
        for (int g = 0; g < _groups; g++)
        {
            int s = Slot(g, id);
            if (_state[s] == TargetState.Unused) continue;
            SetState(g, id, TargetState.Unused);
            _generation[s]++;
        }
    }

    public void Handle(in Event e)
    {
        int s = e.Target;
        if (_generation[s] != unchecked((int)e.Arg)) return;   // a crossing check carries its plan epoch in the high half
        int g = s % _groups, id = s / _groups;
        switch ((EventKind)e.Kind)
        {
            case EventKind.HealthCheck:
                if (!Crossings(g))
                {
                    // With the latency model a check is a request behind the target's queue (docs/model.md#latency-model).
                    ApplyCheck(g, id, s, world.Unicorn.ServingWorkers(id) > 0 && world.Traffic.AnswersHealthCheck(id, _specs[g].HealthCheck.Timeout));
                    world.After(_specs[g].HealthCheck.Interval, EventKind.HealthCheck, s, _generation[s]);
                }
                else CrossingCheck(g, id, s, e.Arg);
                break;
            case EventKind.DrainComplete:
                SetState(g, id, TargetState.Unused);
                _generation[s]++;
                break;
            case EventKind.SlowStartStep:
                if (_state[s] != TargetState.Healthy) return;
                bool more = ++_ramp[s] < SlowStartSteps;
                world.Traffic.TargetChanged(id, routingChanged: true);
                if (more) ScheduleRamp(g, s);
                break;
        }
    }

    /// <summary>One health check's result applied to the target's counters and state (docs/model.md#health-checks).</summary>
    private void ApplyCheck(int g, int id, int s, bool pass)
    {
        var hc = _specs[g].HealthCheck;
        switch (_state[s])
        {
            case TargetState.Initial:
                if (pass) { _fails[s] = 0; if (++_passes[s] >= (_specs[g].InitialHealthyChecks ?? hc.HealthyThreshold)) BecomeHealthy(g, id, s); }
                else { _passes[s] = 0; if (++_fails[s] >= hc.UnhealthyThreshold) SetState(g, id, TargetState.Unhealthy); }
                break;
            case TargetState.Healthy:
                if (pass) _fails[s] = 0;
                else if (++_fails[s] >= hc.UnhealthyThreshold) { _passes[s] = 0; SetState(g, id, TargetState.Unhealthy); }
                break;
            case TargetState.Unhealthy:
                if (!pass) _passes[s] = 0;
                else if (++_passes[s] >= hc.HealthyThreshold) BecomeHealthy(g, id, s);
                break;
        }
    }

    private void BecomeHealthy(int g, int id, int s)
    {
        bool slowStart = _specs[g].SlowStart > SimDuration.Zero && _healthyCount[g] > 0;
        _ramp[s] = slowStart ? (byte)0 : (byte)SlowStartSteps;
        _fails[s] = 0;
        SetState(g, id, TargetState.Healthy);
        if (slowStart) ScheduleRamp(g, s);
    }

    /// <summary>Changes a target's state; traffic is re-spread only when its routing weight or the group's fail-open changed.</summary>
    private void SetState(int g, int id, TargetState next)
    {
        int s = Slot(g, id);
        var prev = _state[s];
        if (prev == next) return;
        double weightBefore = RoutingWeight(g, id);
        bool failOpenBefore = _healthyCount[g] == 0;
        if (prev == TargetState.Healthy) _healthyCount[g]--;
        if (next == TargetState.Healthy) _healthyCount[g]++;
        _state[s] = next;
        world.Traffic.TargetChanged(id, RoutingWeight(g, id) != weightBefore || failOpenBefore != (_healthyCount[g] == 0));
        world.Recorder.TargetChanged(g, id, next);
        if (next == TargetState.Healthy && HealthyWhereRegistered(id)) world.Recorder.InstanceServing(id);
        world.CodeDeploy.TargetStateChanged(id);             // docs/model.md#traffic-poll-scheduling
        if (next == TargetState.Unhealthy) world.AutoScaling.TargetUnhealthy(id);
    }

    private void ScheduleRamp(int g, int s) =>
        world.After(new SimDuration(_specs[g].SlowStart.Milliseconds / SlowStartSteps), EventKind.SlowStartStep, s, _generation[s]);
}
