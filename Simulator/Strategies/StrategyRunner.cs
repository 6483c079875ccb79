using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.World;

namespace DeploySim.Strategies;

/// <summary>A rollout strategy: a small state machine that starts work on instances and reacts to its completion.
/// Components decide how the world reacts.</summary>
public abstract class Strategy(World.World world)
{
    protected World.World World { get; } = world;

    /// <summary>The revision this rollout deploys.</summary>
    public const int NewRevision = 2;

    public abstract void Begin();
    public virtual void Handle(in Event e) { }
    public virtual void DeploymentFinished(Deployment d) { }
    public virtual void InService(int id) { }
    public virtual void AgentReady(int id) { }
    public virtual void ApplicationSettled(int id) { }
    /// <summary>Whether a booted instance waits in Pending:Wait for a launch deployment.</summary>
    public virtual bool UsesLaunchHook(int id) => true;
    /// <summary>Whether the strategy, not the group, registers this instance with the target groups.</summary>
    public virtual bool ManagesRegistration(int id) => false;

    /// <summary>In-service instances of the active group that run an older revision than this rollout deploys.</summary>
    public int StaleInstances()
    {
        int n = 0;
        for (int i = 0; i < World.InstanceCount; i++)
        {
            ref var inst = ref World[i];
            if (inst.Lifecycle == LifecycleState.InService && inst.Group == World.AutoScaling.ActiveGroup && inst.Revision < NewRevision) n++;
        }
        return n;
    }

    protected IEnumerable<int> InServiceOf(byte group)
    {
        for (int i = 0; i < World.InstanceCount; i++)
            if (World[i].Lifecycle == LifecycleState.InService && World[i].Group == group) yield return i;
    }
}

/// <summary>Routes the world's calls to the scenario's strategy and starts it at <see cref="DeploymentSpec.StartAt"/>.</summary>
public sealed class StrategyRunner(World.World world)
{
    private Strategy? _strategy;

    public void Reset() => _strategy = world.Scenario.Deployment.Strategy switch
    {
        StrategyKind.BlueGreen => new BlueGreen(world),
        StrategyKind.GracefulRestart => new GracefulRestart(world),
        _ => new InPlace(world),
    };

    private Strategy S => _strategy!;

    public void Start()
    {
        if (world.Scenario.Deployment.StartAt is { } at) world.Schedule(SimTime.At(at), EventKind.DeploymentStart, 0);
    }

    public void Handle(in Event e)
    {
        if ((EventKind)e.Kind == EventKind.DeploymentStart)
        {
            world.Recorder.RolloutStarted();
            S.Begin();
        }
        else
        {
            S.Handle(e);
        }
    }

    public void DeploymentFinished(Deployment d) => S.DeploymentFinished(d);
    public void InService(int id) => S.InService(id);
    public void AgentReady(int id) => S.AgentReady(id);
    public void ApplicationSettled(int id) => S.ApplicationSettled(id);
    public bool UsesLaunchHook(int id) => S.UsesLaunchHook(id);
    public bool ManagesRegistration(int id) => S.ManagesRegistration(id);
    public int StaleInstances() => world.Recorder.RolloutStart is null ? 0 : S.StaleInstances();
}
