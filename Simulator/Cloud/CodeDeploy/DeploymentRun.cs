using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>Which lifecycle events the instances of a deployment run (docs/model.md#lifecycle-events, docs/model.md#blue-green-deployments).</summary>
public enum DeploymentPhase
{
    /// <summary>In-place: every event, the traffic ones only with a managed target group.</summary>
    InPlace,
    /// <summary>Blue/green replacement instances: ApplicationStop to ValidateService.</summary>
    Install,
    /// <summary>Blue/green replacement instances: BeforeAllowTraffic to AfterAllowTraffic.</summary>
    Allow,
    /// <summary>Blue/green original instances: BeforeBlockTraffic to AfterBlockTraffic.</summary>
    Block,
}

/// <summary>One CodeDeploy deployment over a fixed set of instances, paced by <see cref="DeploymentRules"/>.</summary>
/// <remarks>Instances are taken in the documented order (docs/model.md#minimum-healthy-hosts): unhealthy first, then unknown revision, then old, then
/// current; ties by instance number. When the deployment fails, in-progress instances are stopped and pending ones skipped.
/// With a zonal configuration (docs/model.md#zonal-deployments) the instances go zone by zone in the group's zone order,
/// each zone also keeping its own minimum healthy, with the monitor wait between zones.</remarks>
public sealed class DeploymentRun
{
    private readonly Model.World _world;
    private readonly int[] _targets;
    private int _next, _inProgress, _succeeded, _failed;
    private readonly Zonal? _zonal;             // only for a zonal deployment, so that others allocate nothing more

    /// <summary>A zonal deployment's progress: the configuration, the current zone's end and number, per-zone counts.</summary>
    private sealed class Zonal(ZonalConfig config, int zones)
    {
        public readonly ZonalConfig Config = config;
        public int End, Number;                 // end of the current zone's targets; zones done so far
        public bool Monitoring;                 // waiting after a zone
        public readonly int[] Hosts = new int[zones], Failed = new int[zones], InProgress = new int[zones];
    }

    internal DeploymentRun(Model.World world, int id, DeploymentPurpose purpose, Revision revision, DeploymentConfig config, DeploymentPhase phase,
        IEnumerable<int> instances, ZonalConfig? zonal = null)
    {
        _world = world;
        Id = id;
        Purpose = purpose;
        Revision = revision;
        Phase = phase;
        zonal = phase == DeploymentPhase.InPlace ? zonal : null;
        _targets = zonal is null ? ByRank([.. instances]) : [.. instances.OrderBy(ZoneOf).ThenBy(Rank).ThenBy(i => i)];
        Rules = new DeploymentRules(config, _targets.Length);
        Start = world.Now;
        if (zonal is null) return;
        _zonal = new Zonal(zonal, world.Fleet.AutoScaling.ZoneCount);
        foreach (int t in _targets) _zonal.Hosts[world[t].Zone]++;
        _zonal.End = ZoneEndFrom(0);
    }

    /// <summary>The index after the last target in the same zone as the target at <paramref name="start"/>.</summary>
    private int ZoneEndFrom(int start)
    {
        int end = start;
        while (end < _targets.Length && _world[_targets[end]].Zone == _world[_targets[start]].Zone) end++;
        return end;
    }

    public int Id { get; }
    /// <summary>Why the strategy created it.</summary>
    public DeploymentPurpose Purpose { get; }
    public Revision Revision { get; }
    public DeploymentPhase Phase { get; }
    public DeploymentRules Rules { get; }
    public SimTime Start { get; }
    public SimTime? End { get; private set; }
    public DeploymentOutcome Outcome { get; private set; } = DeploymentOutcome.Unfinished;
    public IReadOnlyList<int> Targets => _targets;
    public int Succeeded => _succeeded;
    public int Failed => _failed;
    public bool IsDone => End is not null;
    /// <summary>Why it did not succeed (a <see cref="FailureReasons"/> code); null while running or after success.</summary>
    public string? FailureReason { get; private set; }
    /// <summary>Why the first of its instances failed.</summary>
    public string? FirstInstanceFailure { get; private set; }
    /// <summary>The most instances that were in progress at once.</summary>
    public int MaxInProgress { get; private set; }

    private int ZoneOf(int id) => _world[id].Zone;

    /// <summary>The instances ordered by <see cref="Rank"/>, then by number (as OrderBy(Rank).ThenBy(id), without its
    /// keys, delegates and comparison sort: ranks are 0 to 3, so the instances are placed rank by rank and each rank's
    /// run sorted by number).</summary>
    private int[] ByRank(int[] ids)
    {
        Span<int> starts = stackalloc int[5];
        Span<byte> ranks = ids.Length <= 1024 ? stackalloc byte[ids.Length] : new byte[ids.Length];
        for (int k = 0; k < ids.Length; k++)
        {
            ranks[k] = (byte)Rank(ids[k]);
            starts[ranks[k] + 1]++;
        }
        for (int r = 1; r < starts.Length; r++) starts[r] += starts[r - 1];
        var ordered = new int[ids.Length];
        Span<int> next = stackalloc int[4];
        starts[..4].CopyTo(next);
        for (int k = 0; k < ids.Length; k++) ordered[next[ranks[k]]++] = ids[k];
        for (int r = 0; r < 4; r++) Array.Sort(ordered, starts[r], starts[r + 1] - starts[r]);
        return ordered;
    }

    private int Rank(int id)
    {
        ref var inst = ref _world[id];
        if (_world.Unicorn.ServingWorkers(id) == 0) return 0;
        if (inst.Revision.IsNone) return 1;
        return inst.Revision < Revision ? 2 : 3;
    }

    internal void Begin()
    {
        if (_targets.Length == 0 || Rules.FailsImmediately)
        {
            Finish(_targets.Length == 0 ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed, FailureReasons.HealthConstraintsInvalid);
            return;
        }
        Pump();
    }

    /// <summary>Starts instances while the rules allow; checks for the end before each start, so that a deployment
    /// that has failed touches no further instance (docs/model.md#deployment-configurations: it stops at the failure, instances not reached keep serving).</summary>
    private void Pump()
    {
        while (!IsDone && !FinishIfDecided())
        {
            if (_zonal is not null && !ZoneAllows()) return;
            if (_next >= _targets.Length || !Rules.CanStartAnother(_failed, _inProgress))
            {
                if (_inProgress == 0)
                    Finish(DeploymentOutcome.Failed, FailureReasons.HealthConstraints);   // too few healthy instances left to go on (docs/model.md#minimum-healthy-hosts)
                return;
            }
            int id = _targets[_next++];
            if (_world[id].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated)
            {
                _failed++;
                if (_zonal is not null) _zonal.Failed[_world[id].Zone]++;                                       // docs/model.md#scaling-during-a-deployment: a terminated instance fails its deployment
                FirstInstanceFailure ??= FailureReasons.InstanceTerminated;
                continue;
            }
            _inProgress++;
            if (_zonal is not null) _zonal.InProgress[_world[id].Zone]++;
            MaxInProgress = Math.Max(MaxInProgress, _inProgress);
            _world.CodeDeploy.StartJob(id, this);
        }
    }

    /// <summary>Finishes the deployment when its outcome is decided; true if it did.</summary>
    private bool FinishIfDecided()
    {
        int remaining = _targets.Length - _next;
        if (Rules.HasFailed(_succeeded, _failed, remaining + _inProgress, lastFailed: _next == _targets.Length && _inProgress == 0))
            Finish(DeploymentOutcome.Failed, FirstInstanceFailure ?? FailureReasons.HealthConstraints);
        else if (_inProgress == 0 && remaining == 0)
            Finish(_succeeded >= Rules.RequiredSuccesses ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed, FirstInstanceFailure ?? FailureReasons.HealthConstraints);
        return IsDone;
    }

    /// <summary>An instance finished its lifecycle events.</summary>
    internal void InstanceDone(int id, bool succeeded, string? reason = null)
    {
        if (IsDone) return;
        _inProgress--;
        if (_zonal is not null) _zonal.InProgress[_world[id].Zone]--;
        if (succeeded) _succeeded++;
        else
        {
            _failed++;
            if (_zonal is not null) _zonal.Failed[_world[id].Zone]++;
            FirstInstanceFailure ??= reason ?? FailureReasons.Unknown;
        }
        Pump();
    }

    /// <summary>Zonal: whether the next target may start now. At the end of a zone (nothing of it in progress) the
    /// deployment waits the monitor duration before the next; inside a zone, the zone keeps its minimum healthy hosts
    /// (an instance whose start would break it waits; with none in progress the deployment fails on health constraints).</summary>
    private bool ZoneAllows()
    {
        var zonal = _zonal!;
        if (zonal.Monitoring) return false;
        if (_next >= zonal.End && _next < _targets.Length)
        {
            if (_inProgress > 0) return false;
            var wait = zonal.Config.WaitAfter(zonal.Number);
            zonal.Monitoring = true;
            if (_world.Recorder.RecordsDetail)
                _world.Recorder.Span(-1, "CodeDeploy", "zone monitor", _world.Now, _world.Now + wait, $"after zone {zonal.Number + 1}");
            _world.After(wait, EventKind.ZonalMonitorEnd, Id, zonal.Number);
            return false;
        }
        if (_next >= _targets.Length) return true;
        int z = _world[_targets[_next]].Zone;
        if (zonal.Hosts[z] - zonal.Failed[z] - zonal.InProgress[z] > zonal.Config.MinimumHealthy(zonal.Hosts[z])) return true;
        if (_inProgress == 0) Finish(DeploymentOutcome.Failed, FailureReasons.HealthConstraints);
        return false;
    }

    /// <summary>The wait after zone <paramref name="zone"/> ended: start the next zone.</summary>
    internal void ZoneMonitorEnded(int zone)
    {
        var zonal = _zonal;
        if (IsDone || zonal is null || !zonal.Monitoring || zone != zonal.Number) return;
        zonal.Monitoring = false;
        zonal.Number++;
        zonal.End = ZoneEndFrom(_next);
        Pump();
    }

    /// <summary>Stops the deployment (a manual stop, or a blue/green timeout).</summary>
    public void Stop(string reason = FailureReasons.ManualStop) => Finish(DeploymentOutcome.Stopped, reason);

    private void Finish(DeploymentOutcome outcome, string? reason = null)
    {
        if (IsDone) return;
        End = _world.Now;
        Outcome = outcome;
        if (outcome != DeploymentOutcome.Succeeded)
        {
            FailureReason = reason ?? FirstInstanceFailure ?? FailureReasons.HealthConstraints;
            _world.Recorder.RolloutFailed(FailureReason);
        }
        if (outcome != DeploymentOutcome.Succeeded)
            foreach (int id in _targets) _world.CodeDeploy.AbortJob(id, this);
        _world.Strategies.DeploymentFinished(this);
    }
}
