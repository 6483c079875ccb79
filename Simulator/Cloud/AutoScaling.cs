using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>The EC2 Auto Scaling group: launches, the launch lifecycle hook, health checks, scaling and termination
/// (docs/model.md#auto-scaling-group).</summary>
/// <remarks>
/// A launched instance boots (Pending), then, when CodeDeploy manages the group and its hook is installed, waits in
/// Pending:Wait while CodeDeploy deploys the last successful revision; CONTINUE puts it in service (the group registers it
/// with its target groups just before InService, docs/model.md#health-check-grace-period), ABANDON terminates it and the group launches another after a
/// delay, which can loop (docs/model.md#launch-hook-and-launch-loop). Without CodeDeploy (Capistrano), an instance enters service once OpsWorks has set it up
/// and started the application (docs/model.md#opsworks-setup-and-boot-times: setup runs the Deploy recipes). With health-check type ELB, an instance found
/// unhealthy by a target group after the grace period is replaced (docs/model.md#health-check-grace-period). Scale-in deregisters, waits for draining and
/// terminates, choosing instances by <see cref="TerminationOrder"/> (assumption).
/// </remarks>
public sealed partial class AutoScaling(Model.World world)
{
    private readonly Xoshiro256 _rng = new(0);
    private readonly GroupMembers _members = new(world);
    private AutoScalingSpec _spec = new();
    private int _desired, _min, _max;
    private readonly AutoScalingProcesses[] _suspended = new AutoScalingProcesses[2];   // per group: original, blue/green copy
    private readonly HealthCheckType[] _healthCheckType = new HealthCheckType[2];          // per group: a blue/green copy has its own
    private readonly SimDuration[] _gracePeriod = new SimDuration[2];
    private readonly (int Desired, int Min, int Max)[] _capacity = new (int, int, int)[2]; // the inactive group's capacity
    private byte _activeGroup;
    private int _abandonStreak;                 // abandoned launches since an instance last entered service
    private long _streakStartMs;
    private long _launchHeldUntilMs;            // the back-off: no launch before this time (a Relaunch event is due then)

    /// <summary>docs/model.md#launch-hook-and-launch-loop: after a group has failed to launch for this long, Auto Scaling
    /// suspends its launches administratively.</summary>
    public static readonly SimDuration AdministrativeSuspensionAfter = SimDuration.FromHours(24);

    public int Launches { get; private set; }
    public int AbandonedLaunches { get; private set; }
    /// <summary>The group that scales and carries the launch hook (a blue/green deployment moves it to the copy). Each
    /// group keeps its own desired, minimum and maximum capacity.</summary>
    public byte ActiveGroup
    {
        get => _activeGroup;
        set
        {
            if (value == _activeGroup) return;
            _capacity[_activeGroup] = (_desired, _min, _max);
            _activeGroup = value;
            (_desired, _min, _max) = _capacity[value];
        }
    }
    /// <summary>Revision CodeDeploy deploys to new instances of the group: the last successful one (docs/model.md#launch-hook-and-launch-loop, docs/model.md#scaling-during-a-deployment).</summary>
    public Revision LastSuccessfulRevision { get; set; } = Revision.Initial;
    public bool ScalingSuspended { get; set; }
    /// <summary>The launch template version new instances are launched from (docs/model.md#instance-refresh; 1 before any refresh).</summary>
    public byte LaunchTemplate { get; set; } = 1;
    /// <summary>Instances an instance refresh keeps above the desired capacity (launch before terminate, docs/model.md#instance-refresh).</summary>
    public int RefreshSurge { get; set; }
    /// <summary>The group's desired capacity now.</summary>
    public int Desired => _desired;
    /// <summary>Instances of the active group launching or in service.</summary>
    public int ActiveCount => _members.Active(ActiveGroup);

    public void Reset()
    {
        world.Reseed(_rng, "autoscaling");
        _spec = world.Fleet.AutoScaling;
        (_desired, _min, _max) = (_spec.DesiredCapacity, _spec.MinSize, _spec.MaxSize);
        Launches = AbandonedLaunches = 0;
        _activeGroup = 0;
        Array.Fill(_healthCheckType, _spec.HealthCheckType);
        Array.Fill(_gracePeriod, _spec.HealthCheckGracePeriod);
        Array.Fill(_capacity, (_desired, _min, _max));
        LastSuccessfulRevision = Revision.Initial;
        ScalingSuspended = false;
        LaunchTemplate = 1;
        RefreshSurge = 0;
        Array.Clear(_suspended);
        _abandonStreak = 0;
        _streakStartMs = 0;
        _launchHeldUntilMs = 0;
        _members.Reset(Math.Max(64, _max * 2), _spec.ZoneCount);
        ResetZones();
        _pool.Reset(_spec.ZoneCount);
        WarmStarts = 0;
        Array.Clear(_hookWaits);
    }

    /// <summary>CodeDeploy copies the active group into <paramref name="copy"/> for blue/green (docs/model.md#blue-green-deployments):
    /// min = desired = the copied size (the captured UpdateAutoScalingGroup call), the original's maximum, and the copy's
    /// own health-check type and grace period. The copy's capacity applies once it becomes the active group.</summary>
    public void CopyGroup(byte copy, int size, HealthCheckType healthCheckType, SimDuration gracePeriod)
    {
        _capacity[copy] = (size, size, Math.Max(size, _max));
        _healthCheckType[copy] = healthCheckType;
        _gracePeriod[copy] = gracePeriod;
    }

    /// <summary>An instance's lifecycle state changed (called by the world for every change).</summary>
    public void LifecycleChanged(int id)
    {
        _members.Changed(id);
        if (id == _rebalanceLaunch && world[id].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated) _rebalanceLaunch = -1;
    }

    /// <summary>Invariant check: the group's counters against a scan of the fleet (null when they agree).</summary>
    public string? CounterMismatch() => _members.Mismatch(ActiveGroup) ?? _pool.Mismatch();

    /// <summary>The initial fleet, in service at time zero on revision 1, and the scheduled actions.</summary>
    public void Start()
    {
        for (int k = 0; k < _desired; k++)
        {
            int id = world.NewInstance();
            ref var inst = ref world[id];
            inst.Lifecycle = LifecycleState.InService;
            inst.Revision = inst.LastGoodRevision = Revision.Initial;
            inst.LaunchTemplate = 1;
            inst.Zone = (byte)(k % _spec.ZoneCount);                    // balanced across the zones
            inst.AgentReady = true;
            world.OpsWorks.AlreadyOnline(id);
            world.Unicorn.StartInitial(id);
            for (int g = 0; g < world.TargetGroups.Count; g++) world.TargetGroups.RegisterHealthy(g, id);
            world.LifecycleChanged(id);
        }
        StartPool();
        var actions = _spec.ScheduledActions;
        for (int k = 0; k < actions.Count; k++) world.Schedule(SimTime.At(actions[k].At), EventKind.ScheduledAction, k);
        ScheduleZoneEvents();
        ScheduleNextFailure();
    }

    public void Handle(in Event e)
    {
        int id = e.Target;
        switch ((EventKind)e.Kind)
        {
            case EventKind.ScheduledAction:
                if (IsSuspended(ActiveGroup, AutoScalingProcesses.ScheduledActions)) return;
                var a = _spec.ScheduledActions[id];
                _min = a.MinSize ?? _min;
                _max = a.MaxSize ?? _max;
                _desired = Math.Clamp(a.DesiredCapacity ?? _desired, _min, _max);
                Reconcile();
                world.Strategies.GroupChanged();
                return;
            case EventKind.Relaunch:
                Reconcile();
                return;
            case EventKind.InstanceFailure:
                FailRandomInstance();
                return;
            case EventKind.ZoneImpaired:
                ZoneImpaired(world.Fleet.Events[id].Zone);
                return;
            case EventKind.ZoneRecovered:
                ZoneRecovered(world.Fleet.Events[id].Zone);
                return;
            case EventKind.TerminationHookStep:
                TerminationHookStep(id, e.Arg);
                return;
            case EventKind.WarmPoolStep:
                WarmPoolStep(id, e.Arg);
                return;
        }
        ref var inst = ref world[id];
        if (inst.Lifecycle == LifecycleState.Terminated) return;
        if (inst.Lifecycle == LifecycleState.Terminating && (EventKind)e.Kind != EventKind.InstanceTerminated) return;
        switch ((EventKind)e.Kind)
        {
            case EventKind.InstanceBooted:
                Booted(id);
                break;
            case EventKind.AgentReady:
                inst.AgentReady = true;
                if (inst.Lifecycle == LifecycleState.PendingWait) world.CodeDeploy.StartLaunchDeployment(id, LastSuccessfulRevision);
                else world.Strategies.AgentReady(id);
                break;
            case EventKind.LaunchHookTimeout:
                HookTimeout(id, e.Arg);
                break;
            case EventKind.InstanceTerminated:
                Terminated(id);
                break;
            case EventKind.HealthCheckReplace:
                ReplaceIfUnhealthy(id);
                break;
            case EventKind.StatusCheckFailed:
                ReplaceImpaired(id);
                break;
        }
    }

    /// <summary>Launches one instance into <paramref name="group"/>.</summary>
    public int Launch(byte group) => Launch(group, LaunchZone(group));

    /// <summary>Launches one instance into <paramref name="group"/> in zone <paramref name="zone"/>.</summary>
    private int Launch(byte group, int zone)
    {
        int id = world.NewInstance();
        ref var inst = ref world[id];
        inst.Lifecycle = LifecycleState.Pending;
        inst.Group = group;
        inst.LaunchTemplate = LaunchTemplate;
        inst.Zone = (byte)zone;
        inst.LaunchMs = world.NowMs;
        Launches++;
        world.After(world.Fleet.Instances.BootTime.SampleDuration(_rng), EventKind.InstanceBooted, id);
        world.LifecycleChanged(id);
        return id;
    }

    private void Booted(int id)
    {
        ref var inst = ref world[id];
        inst.BootedMs = world.NowMs;
        world.Recorder.Span(id, "EC2", "boot", new SimTime(inst.LaunchMs), world.Now, "running");
        if (inst.Lifecycle == LifecycleState.Warming)
        {
            world.OpsWorks.Booted(id);                                  // set up in the pool (docs/model.md#warm-pools)
            return;
        }
        world.After(world.Fleet.Instances.AgentReadyTime.SampleDuration(_rng), EventKind.AgentReady, id);
        world.OpsWorks.Booted(id);
        if (!world.CodeDeployManaged)
        {
            EnterService(id, registerWithTargetGroups: true);        // no lifecycle hook: in service once booted; the target passes checks once OpsWorks has started the app
            return;
        }
        if (_spec.LaunchHook.Enabled && inst.Group == ActiveGroup && world.Strategies.UsesLaunchHook(id))
        {
            inst.Lifecycle = LifecycleState.PendingWait;
            world.After(_spec.LaunchHook.HeartbeatTimeout, EventKind.LaunchHookTimeout, id, world.NowMs);
        }
        else
        {
            EnterService(id, registerWithTargetGroups: inst.Group == ActiveGroup && !world.Strategies.ManagesRegistration(id));
        }
    }

    /// <summary>OpsWorks finished setting up an instance (online or setup_failed).</summary>
    public void OpsWorksFinished(int id)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle == LifecycleState.Warming)
        {
            PoolInstanceSetUp(id);
            return;
        }
        if (world.CodeDeployManaged || inst.Lifecycle != LifecycleState.InService) return;
        inst.Revision = inst.LastGoodRevision = world.Strategies.RevisionForNewInstance(id);
        if (inst.OpsWorks == OpsWorksState.Online) world.Unicorn.Start(id);   // OpsWorks' Deploy recipes start the app
    }

    private void EnterService(int id, bool registerWithTargetGroups)
    {
        ref var inst = ref world[id];
        inst.Lifecycle = LifecycleState.InService;
        inst.InServiceMs = world.NowMs;
        if (inst.Group == ActiveGroup) _abandonStreak = 0;
        world.Recorder.Span(id, "Auto Scaling", "launch", new SimTime(inst.LaunchMs), world.Now, "InService");
        if (registerWithTargetGroups && !IsSuspended(inst.Group, AutoScalingProcesses.AddToLoadBalancer))
            for (int g = 0; g < world.TargetGroups.Count; g++) world.TargetGroups.Register(g, id);
        world.LifecycleChanged(id);
        world.Strategies.InService(id);
        if (inst.Group == ActiveGroup) Rebalanced(id);
    }
}
