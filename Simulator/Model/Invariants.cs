using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Model;

/// <summary>A model invariant did not hold: the run stops, naming the invariant, the simulated time and the instance.</summary>
public sealed class InvariantViolationException(string invariant, SimTime at, int instance, string detail)
    : Exception($"invariant violated: {invariant} at {at} ({at.Milliseconds} ms){(instance >= 0 ? $" on instance {instance}" : "")}: {detail}")
{
    public string Invariant { get; } = invariant;
    public SimTime At { get; } = at;
    public int Instance { get; } = instance;
}

/// <summary>Checks the model's invariants as the run goes (on in tests, and with <c>--check-invariants</c>).</summary>
/// <remarks>After every event: time never goes backwards; the event's instance has a valid lifecycle state, process
/// counts that are never negative, memory that is the sum of its processes, the traffic class of its current state and
/// planned health-check results that a check would see now (docs/model.md#health-check-scheduling); serving capacity
/// lies between zero and what the fleet's workers can serve. The fleet-wide checks (every instance's traffic class and
/// planned check results, Auto Scaling's counters against the lifecycle states) cost O(n), so they run every
/// <see cref="FullScanInterval"/> events and at the end: a fleet of n instances is scanned every ⌈n / 16⌉ events
/// (every event up to 31 instances), which keeps checking linear in the events; a stale class or counter stays stale
/// until its instance changes again, so the scan still finds it, a few events after the one that caused it. On every
/// lifecycle event: events of a job run in the documented order. At the end: requests balance (served + unserved +
/// failed + jobs still queued = demand integrated over time), the recorder's count of unfinished instances is the
/// fleet's, and every deployment ended in a terminal outcome or is reported unfinished. Costs one branch per event
/// when off.</remarks>
public sealed class Invariants(World world)
{
    /// <summary>Instances scanned per event, amortised: the fleet-wide scan runs every InstanceCount / this events.</summary>
    public const int InstancesPerEvent = 16;

    private long _lastMs;
    private int _sinceScan;
    private int[] _lastEvent = new int[64];

    public bool Enabled { get; set; }

    /// <summary>Events between two scans of the whole fleet (1 for fleets under 2 × <see cref="InstancesPerEvent"/>).</summary>
    public int FullScanInterval => Math.Max(1, world.InstanceCount / InstancesPerEvent);

    public void Reset()
    {
        _lastMs = 0;
        _sinceScan = 0;
        if (_lastEvent.Length < 64) _lastEvent = new int[64];
        Array.Fill(_lastEvent, -1);
    }

    private void Fail(string invariant, int instance, string detail) => throw new InvariantViolationException(invariant, world.Now, instance, detail);

    /// <summary>After each dispatched event.</summary>
    public void AfterEvent(in Event e)
    {
        if (e.Time < _lastMs) Fail("simulated time never goes backwards", -1, $"event at {e.Time} ms after one at {_lastMs} ms");
        _lastMs = e.Time;
        int id = e.Target;
        if ((uint)id < (uint)world.InstanceCount && e.Kind != (int)EventKind.HealthCheck && e.Kind != (int)EventKind.DrainComplete && e.Kind != (int)EventKind.SlowStartStep)
        {
            CheckInstance(id);
            CheckDerivedState(id);
        }
        if (++_sinceScan >= FullScanInterval) ScanFleet();
        double capacity = world.Traffic.ServingCapacity;
        double ceiling = world.Recorder.AliveInstances * 2.0 * world.Fleet.Unicorn.Workers * world.Fleet.Unicorn.RequestsPerSecondPerWorker;
        if (capacity < 0 || capacity > ceiling + 1e-6) Fail("serving capacity lies between zero and the fleet's workers", -1, $"capacity {capacity} rps, workers allow {ceiling} rps");
    }

    /// <summary>The incremental state kept for every instance (traffic classes, planned check results, Auto Scaling's
    /// counters) against a recount over the whole fleet.</summary>
    private void ScanFleet()
    {
        _sinceScan = 0;
        for (int i = 0; i < world.InstanceCount; i++) CheckDerivedState(i);
        if (world.AutoScaling.CounterMismatch() is { } counters) Fail("Auto Scaling's counters follow every lifecycle change", -1, counters);
    }

    private void CheckDerivedState(int id)
    {
        if (world.Traffic.IsMisclassified(id))
            Fail("traffic classes follow every change of routing or serving state", id, "the instance's traffic class is not that of its current state");
        if (world.TargetGroups.HasStaleCheckResult(id))
            Fail("planned health-check results follow every change of serving state", id, "a target's planned check result is not what a check would see now");
    }

    private void CheckInstance(int id)
    {
        ref var inst = ref world[id];
        if (!Enum.IsDefined(inst.Lifecycle)) Fail("every instance is in exactly one lifecycle state", id, $"state {(int)inst.Lifecycle}");
        CheckGeneration(id, inst.Current, "current");
        CheckGeneration(id, inst.Old, "old");
        double mem = world.Unicorn.MemoryMiB(id, world.NowMs);
        if (mem < 0) Fail("memory is never negative", id, $"{mem} MiB");
        if (inst.Lifecycle == LifecycleState.Terminated && mem != 0) Fail("memory equals the sum of the processes", id, $"terminated instance holds {mem} MiB");
        if (inst.Lifecycle != LifecycleState.Terminated && mem < world.Fleet.Instances.ReservedMemoryMiB)
            Fail("memory equals the sum of the processes", id, $"{mem} MiB is below the reserve");
    }

    private void CheckGeneration(int id, in Generation g, string which)
    {
        if (g.Forked < 0 || g.Respawned < 0 || g.Dead < 0 || g.Forked + g.Respawned + g.Dead > Math.Max(g.Target, 0))
            Fail("unicorn process counts are consistent", id, $"{which} generation: forked {g.Forked}, respawned {g.Respawned}, dead {g.Dead}, target {g.Target}");
        if (g.State == UnicornState.Stopped && g.Forked + g.Respawned + g.Dead != 0)
            Fail("unicorn process counts are consistent", id, $"{which} generation stopped with workers left");
    }

    /// <summary>A lifecycle event of a job ended: events of one job run in the documented order (docs/model.md#lifecycle-events).</summary>
    public void LifecycleEventEnded(int id, LifecycleEvent ev, bool jobStart)
    {
        if (!Enabled) return;
        if (_lastEvent.Length <= id)
        {
            int old = _lastEvent.Length;
            Array.Resize(ref _lastEvent, Math.Max(id + 1, old * 2));
            Array.Fill(_lastEvent, -1, old, _lastEvent.Length - old);
        }
        if (jobStart) _lastEvent[id] = -1;
        if ((int)ev <= _lastEvent[id]) Fail("lifecycle events follow the documented order", id, $"{ev} after {(LifecycleEvent)_lastEvent[id]}");
        _lastEvent[id] = (int)ev;
    }

    /// <summary>At the horizon.</summary>
    public void AtEnd(ReplicationResult r, IReadOnlyList<DeploymentRun> deployments)
    {
        ScanFleet();
        double total = r.ServedRequests + r.UnservedRequests + r.FailedRequests + world.Traffic.Backlog;   // jobs still queued count once
        double killed = world.Unicorn.OomKills;   // a killed worker fails its in-flight request on top of the flow
        if (Math.Abs(total - r.DemandRequests) > 1e-6 * Math.Max(1, r.DemandRequests) + killed * world.Fleet.Unicorn.Workers)
            Fail("request accounting balances", -1, $"served {r.ServedRequests} + unserved {r.UnservedRequests} + failed {r.FailedRequests} != demand {r.DemandRequests}");
        int unfinished = 0;
        for (int i = 0; i < world.InstanceCount; i++)
            if (world[i].Lifecycle is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.Terminating) unfinished++;
        if (r.UnfinishedInstances != unfinished)
            Fail("the recorder is sent every lifecycle change", -1, $"it counts {r.UnfinishedInstances} unfinished instances, the fleet has {unfinished}");
        foreach (var d in deployments)
            if (d.IsDone && d.Outcome is not (DeploymentOutcome.Succeeded or DeploymentOutcome.Failed or DeploymentOutcome.Stopped))
                Fail("each deployment ends in a terminal outcome or is unfinished", -1, $"{d.Purpose} #{d.Id} ended as {d.Outcome}");
    }
}
