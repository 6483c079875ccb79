using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Strategies;

/// <summary>A rollout strategy: a small state machine that starts work on instances and reacts to its completion.
/// Components decide how the world reacts.</summary>
public abstract class Strategy(Model.World world)
{
    protected Model.World World { get; } = world;

    public abstract void Begin();
    public virtual void Handle(in Event e) { }
    public virtual void DeploymentFinished(DeploymentRun d) { }
    public virtual void InService(int id) { }
    public virtual void AgentReady(int id) { }
    public virtual void ApplicationSettled(int id) { }
    /// <summary>Whether a booted instance waits in Pending:Wait for a launch deployment.</summary>
    public virtual bool UsesLaunchHook(int id) => true;
    /// <summary>Whether the strategy, not the group, registers this instance with the target groups.</summary>
    public virtual bool ManagesRegistration(int id) => false;
    /// <summary>The revision OpsWorks' Deploy recipes install on a new instance (Capistrano world).</summary>
    public virtual Revision RevisionForNewInstances => World.AutoScaling.LastSuccessfulRevision;
    /// <summary>The revision OpsWorks' Deploy recipes install on new instance <paramref name="id"/> (Capistrano world).</summary>
    public virtual Revision RevisionForNewInstance(int id) => RevisionForNewInstances;
    /// <summary>An alarm fired: <paramref name="ownAlarm"/> when it is one of the strategy's own alarm specification
    /// (an instance refresh's), which the service acts on at once; otherwise the team's alarm.</summary>
    public virtual void AlarmFired(bool ownAlarm) { }
    /// <summary>An instance's lifecycle state changed.</summary>
    public virtual void LifecycleChanged(int id) { }
    /// <summary>The group's desired capacity or suspended processes changed.</summary>
    public virtual void GroupChanged() { }
    /// <summary>The alarm fired: schedule the team's response (returns its delay).</summary>
    public abstract SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng);
    /// <summary>The team's response to a detected bad revision starts now.</summary>
    public abstract void Recover();

    /// <summary>The revision the fleet should end on: the new one, or the good code after a rollback or revert.</summary>
    protected Revision TargetRevision { get; set; } = Revision.New;

    /// <summary>In-service instances that do not run the revision the rollout ended on, counted while they belong to the
    /// active group or a target group still routes to them (an instance of a blue/green original group serving the old
    /// revision counts until it is blocked).</summary>
    public int StaleInstances()
    {
        int n = 0;
        for (int i = 0; i < World.InstanceCount; i++)
        {
            ref var inst = ref World[i];
            if (inst.Lifecycle == LifecycleState.InService && inst.Revision != TargetRevision
                && (inst.Group == World.AutoScaling.ActiveGroup || RegisteredAnywhere(i))) n++;
        }
        return n;
    }

    private bool RegisteredAnywhere(int id)
    {
        for (int g = 0; g < World.TargetGroups.Count; g++) if (World.TargetGroups.IsRegistered(g, id)) return true;
        return false;
    }

    protected IEnumerable<int> InServiceOf(byte group)
    {
        for (int i = 0; i < World.InstanceCount; i++)
            if (World[i].Lifecycle == LifecycleState.InService && World[i].Group == group) yield return i;
    }
}

/// <summary>Routes the world's calls to the scenario's strategy and starts it at <see cref="DeploymentSpec.StartAt"/>.
/// When <see cref="Cloud.BadRevisionDetector"/> notices a bad revision, the strategy's response starts after the
/// team's reaction delay.</summary>
public sealed class StrategyRunner(Model.World world)
{
    private Strategy? _strategy;

    public void Reset() =>
        _strategy = world.Fleet.Deployment.Strategy switch
        {
            StrategyKind.BlueGreen => new BlueGreen(world),
            StrategyKind.GracefulRestart => new GracefulRestart(world),
            StrategyKind.InstanceRefresh => new InstanceRefresh(world),
            _ => new InPlace(world),
        };

    private Strategy S => _strategy!;

    public void Start()
    {
        if (world.Fleet.Deployment.StartAt is { } at) world.Schedule(SimTime.At(at), EventKind.DeploymentStart, 0);
    }

    /// <summary>The bad revision was detected: the rollout has failed, and the strategy's response starts after the
    /// team's delay, drawn from the detector's stream. <paramref name="ownAlarm"/>: the alarm was one of the strategy's
    /// own (an instance refresh's alarm specification), which the service acts on at once.</summary>
    public void BadRevisionDetected(Xoshiro256 rng, bool ownAlarm = false)
    {
        world.Recorder.RolloutFailed(Metrics.FailureReasons.Alarm);
        world.Recorder.Span(-1, Metrics.ReplicationDetail.AlarmLane, "bad revision detected", world.Now, world.Now, "alarm");
        S.AlarmFired(ownAlarm);
        world.After(S.RecoveryDelay(world.Fleet.Deployment.Recovery, rng), EventKind.RecoveryStart, 0);
    }

    public void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.DeploymentStart:
                world.RolloutStarted();
                world.BadRevisions.DeploymentStarted();
                S.Begin();
                break;
            case EventKind.RecoveryStart:
                S.Recover();
                break;
            default:
                S.Handle(e);
                break;
        }
    }

    public void DeploymentFinished(DeploymentRun d) => S.DeploymentFinished(d);
    public void InService(int id) => S.InService(id);
    public void AgentReady(int id) => S.AgentReady(id);
    public void ApplicationSettled(int id) => S.ApplicationSettled(id);
    public bool UsesLaunchHook(int id) => S.UsesLaunchHook(id);
    public bool ManagesRegistration(int id) => S.ManagesRegistration(id);
    public Revision RevisionForNewInstances => S.RevisionForNewInstances;
    public Revision RevisionForNewInstance(int id) => S.RevisionForNewInstance(id);
    public void LifecycleChanged(int id) => _strategy?.LifecycleChanged(id);
    public void GroupChanged() => S.GroupChanged();
    public int StaleInstances() => world.Recorder.RolloutStart is null ? 0 : S.StaleInstances();
}
