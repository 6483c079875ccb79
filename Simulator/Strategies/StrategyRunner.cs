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
    /// <summary>The alarm fired: schedule the team's response (returns its delay).</summary>
    public abstract SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng);
    /// <summary>The team's response to a detected bad revision starts now.</summary>
    public abstract void Recover();

    /// <summary>The revision the fleet should end on: the new one, or the good code after a rollback or revert.</summary>
    protected Revision TargetRevision { get; set; } = Revision.New;

    /// <summary>In-service instances of the active group that do not run the revision the rollout ended on.</summary>
    public int StaleInstances()
    {
        int n = 0;
        for (int i = 0; i < World.InstanceCount; i++)
        {
            ref var inst = ref World[i];
            if (inst.Lifecycle == LifecycleState.InService && inst.Group == World.AutoScaling.ActiveGroup && inst.Revision != TargetRevision) n++;
        }
        return n;
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
            _ => new InPlace(world),
        };

    private Strategy S => _strategy!;

    public void Start()
    {
        if (world.Fleet.Deployment.StartAt is { } at) world.Schedule(SimTime.At(at), EventKind.DeploymentStart, 0);
    }

    /// <summary>The bad revision was detected: the rollout has failed, and the strategy's response starts after the
    /// team's delay, drawn from the detector's stream.</summary>
    public void BadRevisionDetected(Xoshiro256 rng)
    {
        world.Recorder.RolloutFailed(Metrics.FailureReasons.Alarm);
        world.Recorder.Span(-1, Metrics.ReplicationDetail.AlarmLane, "bad revision detected", world.Now, world.Now, "alarm");
        world.After(S.RecoveryDelay(world.Fleet.Deployment.Recovery, rng), EventKind.RecoveryStart, 0);
    }

    public void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.DeploymentStart:
                world.Recorder.RolloutStarted();
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
    public int StaleInstances() => world.Recorder.RolloutStart is null ? 0 : S.StaleInstances();
}
