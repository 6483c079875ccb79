using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Strategies;

/// <summary>EC2 Auto Scaling instance refresh (docs/model.md#instance-refresh): replaces the group's instances with
/// ones from a new launch template, in batches bounded by the minimum and maximum healthy percentages.</summary>
/// <remarks>
/// Launch template version v installs revision v (OpsWorks' Deploy recipes run at setup, so a new instance pays the full
/// boot and configuration time); with <see cref="InstanceRefreshSpec.CodeDeployLaunchHook"/> CodeDeploy's launch hook
/// deploys its last successful revision to each new instance instead. Once the last batch has warmed up, the refresh
/// terminates old instances while the healthy count (old ones left plus new ones past their warm-up) stays at or above
/// the floor, and asks the group to keep
/// up to the ceiling above desired (<see cref="Cloud.AutoScaling.RefreshSurge"/>): the group launches the replacements
/// from the new template, as it does for a scale-out during the refresh. When neither is allowed and nothing is in
/// flight, one old instance is terminated (the minimum batch of one). A new instance counts as replaced once its warm-up
/// has passed after InService. Checkpoints pause it; new instances failing for an hour fail it; an alarm of its own
/// fails it, and with auto rollback both roll back: the replaced instances are replaced by the saved configuration.
/// Counters change on lifecycle changes, so a step costs O(1) besides the instances it acts on.
/// </remarks>
public sealed class InstanceRefresh(Model.World world) : Strategy(world)
{
    private enum Phase { Idle, Replacing, RollingBack, Failed, Done }

    /// <summary>docs/model.md#instance-refresh: new instances that keep failing are retried for an hour, then the refresh fails.</summary>
    public static readonly SimDuration RetryWindow = SimDuration.FromHours(1);

    private Phase _phase;
    private int _cycle;
    private readonly List<int> _olds = [];
    private int _cursor, _oldAlive, _newPending, _newDone, _nextCheckpoint;
    private bool _paused, _stepping, _again, _revert;
    private long _failingSinceMs = -1, _streak;
    private byte _template = 1, _previousTemplate = 1;

    private InstanceRefreshSpec Spec => World.Fleet.Deployment.InstanceRefresh;
    private Cloud.AutoScaling Group => World.AutoScaling;

    /// <summary>Launch template version new instances come from (and so the revision they install).</summary>
    public override Revision RevisionForNewInstance(int id) => new(World[id].LaunchTemplate);

    public override void Begin() => StartCycle(Revision.New.Number, Phase.Replacing);

    /// <summary>Old instances to replace: every instance of the group, or with skip matching (and always in a rollback)
    /// those not on the target template; new ones are counted as the group launches them.</summary>
    private void StartCycle(int template, Phase phase)
    {
        _cycle++;
        _previousTemplate = Group.LaunchTemplate;
        _template = (byte)template;
        _phase = phase;
        _olds.Clear();
        _cursor = _oldAlive = _newPending = _newDone = _nextCheckpoint = 0;
        _paused = false;
        _failingSinceMs = -1;
        _streak++;
        bool onlyMismatched = Spec.SkipMatching || phase == Phase.RollingBack;
        for (int i = 0; i < World.InstanceCount; i++)
        {
            ref var inst = ref World[i];
            inst.RefreshMark = RefreshMark.None;
            if (inst.Group != Group.ActiveGroup || !Alive(inst.Lifecycle)) continue;
            if (onlyMismatched && inst.LaunchTemplate == _template) continue;
            inst.RefreshMark = RefreshMark.Old;
            _olds.Add(i);
            _oldAlive++;
        }
        Group.LaunchTemplate = _template;
        if (World.Recorder.RecordsDetail)                                       // spans only when kept: no string per replication otherwise
            World.Recorder.Span(-1, "Instance refresh", phase == Phase.RollingBack ? "rollback" : "start", World.Now, World.Now, $"{_oldAlive} to replace");
        Step();
    }

    private static bool Alive(LifecycleState s) => s is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService;

    private bool Active => _phase is Phase.Replacing or Phase.RollingBack;

    public override void LifecycleChanged(int id)
    {
        if (!Active) return;
        ref var inst = ref World[id];
        bool leaving = !Alive(inst.Lifecycle);
        switch (inst.RefreshMark)
        {
            case RefreshMark.None when inst.Lifecycle == LifecycleState.Pending && inst.LaunchTemplate == _template && inst.Group == Group.ActiveGroup:
                inst.RefreshMark = RefreshMark.NewPending;
                _newPending++;
                break;
            case RefreshMark.Old when leaving:
                inst.RefreshMark = RefreshMark.Gone;
                _oldAlive--;
                Step();
                break;
            case RefreshMark.NewPending when leaving:
                inst.RefreshMark = RefreshMark.Gone;
                _newPending--;
                NewInstanceFailed();
                Step();
                break;
            case RefreshMark.NewDone when leaving:
                inst.RefreshMark = RefreshMark.Gone;
                _newDone--;
                Step();
                break;
        }
    }

    /// <summary>A new instance entered service: its warm-up starts.</summary>
    public override void InService(int id)
    {
        if (Active && World[id].RefreshMark == RefreshMark.NewPending)
            World.After(Spec.WarmupFor(World.Fleet.AutoScaling), EventKind.RefreshWarmedUp, id, _cycle);
    }

    public override void GroupChanged() => Step();

    public override void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.RefreshWarmedUp:
                ref var inst = ref World[e.Target];
                if (e.Arg != _cycle || !Active || inst.RefreshMark != RefreshMark.NewPending || inst.Lifecycle != LifecycleState.InService) return;
                if (World.Fleet.AutoScaling.HealthCheckType == HealthCheckType.ELB && Group.IsUnhealthyAnywhere(e.Target))
                {                                                   // unhealthy by ELB: not replaced yet; look again at the group's next check
                    World.After(World.Fleet.AutoScaling.HealthCheckPeriod, EventKind.RefreshWarmedUp, e.Target, _cycle);
                    return;
                }
                inst.RefreshMark = RefreshMark.NewDone;
                _newPending--;
                _newDone++;
                _failingSinceMs = -1;
                _streak++;
                World.Recorder.Span(e.Target, "Instance refresh", "warmed up", new SimTime(inst.InServiceMs), World.Now, "replaced");
                Step();
                break;
            case EventKind.RefreshCheckpointEnd:
                if (e.Arg != _cycle || !Active) return;
                _paused = false;
                Step();
                break;
            case EventKind.RefreshRetryTimeout:
                if (e.Arg == _streak && Active && _failingSinceMs >= 0) Fail(FailureReasons.InstanceRefreshFailed);
                break;
        }
    }

    /// <summary>A new instance left before its warm-up ended: the first of a streak starts the hour of retries.</summary>
    private void NewInstanceFailed()
    {
        if (_failingSinceMs >= 0) return;
        _failingSinceMs = World.NowMs;
        World.After(RetryWindow, EventKind.RefreshRetryTimeout, 0, ++_streak);
    }

    private void Step()
    {
        if (_stepping)
        {
            _again = true;
            return;
        }
        _stepping = true;
        do
        {
            _again = false;
            StepOnce();
        } while (_again);
        _stepping = false;
    }

    private void StepOnce()
    {
        if (!Active) return;
        if (_oldAlive == 0 && _newPending == 0)
        {
            Complete();
            return;
        }
        if (!_paused && CheckpointReached()) Pause();
        int desired = Group.Desired;
        if (_paused)
        {
            Group.RefreshSurge = Math.Max(0, Group.ActiveCount - desired);     // hold: launch nothing, scale nothing in
            return;
        }
        byte g = Group.ActiveGroup;
        bool refreshSuspended = Group.IsSuspended(g, AutoScalingProcesses.InstanceRefresh);
        bool canTerminate = !refreshSuspended && !Group.IsSuspended(g, AutoScalingProcesses.Terminate);
        int floor = RefreshBatches.MinHealthy(desired, Spec.MinHealthyPercentage);
        int ceiling = RefreshBatches.MaxInstances(desired, Spec.MaxHealthyPercentage);
        bool terminated = false;
        bool batchDone = _newPending == 0;                                      // the next batch waits for the last one's warm-up
        while (canTerminate && batchDone && _oldAlive > 0 && _oldAlive + _newDone - 1 >= floor && TerminateNextOld()) terminated = true;
        Group.RefreshSurge = refreshSuspended ? 0 : Math.Min(ceiling - desired, _oldAlive);
        Group.Reconcile();
        if (canTerminate && !terminated && _newPending == 0 && _oldAlive > 0 && Group.ActiveCount >= desired + Group.RefreshSurge && TerminateNextOld())
            Group.Reconcile();                                                  // the minimum batch of one
    }

    private bool TerminateNextOld()
    {
        while (_cursor < _olds.Count && World[_olds[_cursor]].RefreshMark != RefreshMark.Old) _cursor++;
        if (_cursor == _olds.Count) return false;
        int id = _olds[_cursor++];
        World.Recorder.Span(id, "Instance refresh", "replace", World.Now, World.Now, "terminate");
        Group.Terminate(id, replace: false);
        return true;
    }

    /// <summary>docs/model.md#instance-refresh: a checkpoint is reached when the share of the group replaced and warmed
    /// up reaches it; several reached at once pause once; reaching 100 % completes the refresh instead.</summary>
    private bool CheckpointReached()
    {
        var points = Spec.CheckpointPercentages;
        if (_phase != Phase.Replacing || _nextCheckpoint >= points.Count) return false;
        int total = _oldAlive + _newPending + _newDone;
        double pct = total == 0 ? 100 : 100.0 * _newDone / total;
        bool reached = false;
        while (_nextCheckpoint < points.Count && pct >= points[_nextCheckpoint])
        {
            _nextCheckpoint++;
            reached = true;
        }
        return reached && points[_nextCheckpoint - 1] < 100;
    }

    private void Pause()
    {
        _paused = true;
        if (World.Recorder.RecordsDetail)
            World.Recorder.Span(-1, "Instance refresh", "checkpoint", World.Now, World.Now + Spec.CheckpointDelay, $"{Spec.CheckpointPercentages[_nextCheckpoint - 1]} %");
        World.After(Spec.CheckpointDelay, EventKind.RefreshCheckpointEnd, 0, _cycle);
    }

    private void Complete()
    {
        var outcome = _phase == Phase.RollingBack || _revert ? DeploymentOutcome.RolledBack : DeploymentOutcome.Succeeded;
        _phase = Phase.Done;
        Group.RefreshSurge = 0;
        Group.ReplaceOutdatedPool();
        if (World.Recorder.RecordsDetail) World.Recorder.Span(-1, "Instance refresh", "end", World.Now, World.Now, outcome.ToString());
        World.RolloutEnded(outcome);
    }

    /// <summary>The refresh failed (new instances kept failing, or its alarm): roll back with auto rollback, else stop.</summary>
    private void Fail(string reason)
    {
        World.Recorder.RolloutFailed(reason);
        if (Spec.AutoRollback && _phase == Phase.Replacing && !_revert)
        {
            Rollback();
            return;
        }
        _phase = Phase.Failed;
        Group.RefreshSurge = 0;
        Group.Reconcile();
        World.RolloutEnded(DeploymentOutcome.Failed);
    }

    private void Rollback()
    {
        TargetRevision = new Revision(_previousTemplate);
        StartCycle(_previousTemplate, Phase.RollingBack);
    }

    public override void AlarmFired(bool ownAlarm)
    {
        if (ownAlarm && _phase == Phase.Replacing) Fail(FailureReasons.Alarm);
    }

    /// <summary>While the refresh replaces, the team rolls it back (RollbackInstanceRefresh); once it has ended, it
    /// deploys a revert commit's image by a new refresh.</summary>
    public override SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng) => _phase switch
    {
        Phase.RollingBack => SimDuration.Zero,
        Phase.Replacing => recovery.RollbackDelay.SampleDuration(rng),
        _ => recovery.RevertLeadTime.SampleDuration(rng),
    };

    public override void Recover()
    {
        switch (_phase)
        {
            case Phase.RollingBack:
                return;
            case Phase.Replacing when !_revert:
                Rollback();
                return;
            default:
                _revert = true;
                TargetRevision = Revision.Revert;
                StartCycle(Revision.Revert.Number, Phase.Replacing);
                return;
        }
    }
}
