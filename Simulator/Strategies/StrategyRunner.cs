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

    /// <summary>The revision this rollout deploys.</summary>
    public const int NewRevision = 2;

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
    public virtual int RevisionForNewInstances => World.AutoScaling.LastSuccessfulRevision;
    /// <summary>The alarm fired: schedule the team's response (returns its delay).</summary>
    public abstract SimDuration RecoveryDelay(RecoverySpec recovery, Xoshiro256 rng);
    /// <summary>The team's response to a detected bad revision starts now.</summary>
    public abstract void Recover();

    /// <summary>The revision a revert commit produces: the good code, under a new revision number.</summary>
    public const int RevertRevision = 3;

    /// <summary>The revision the fleet should end on: the new one, or the good code after a rollback or revert.</summary>
    protected int TargetRevision { get; set; } = NewRevision;

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
/// Also watches a bad revision: the deployment's alarm (<see cref="DeploymentAlarm"/>, docs/model.md#alarms) over the
/// target group's failed requests, or without one a fixed delay after the bad revision first serves, decides when the
/// strategy's response starts (time to detect and to recover are measured from that first request).</summary>
public sealed class StrategyRunner(Model.World world)
{
    private Strategy? _strategy;
    private readonly Xoshiro256 _rng = new(0);
    private long _firstBadMs, _detectedMs, _clearMs;
    private int _badServing;
    private readonly DeploymentAlarm _alarm = new(world);

    public void Reset()
    {
        _alarm.Reset();
        _strategy = world.Fleet.Deployment.Strategy switch
        {
            StrategyKind.BlueGreen => new BlueGreen(world),
            StrategyKind.GracefulRestart => new GracefulRestart(world),
            _ => new InPlace(world),
        };
        world.Reseed(_rng, "recovery");
        _firstBadMs = _detectedMs = _clearMs = -1;
        _badServing = 0;
    }

    /// <summary>How many serving instances run the bad revision changed (Traffic reports it at each rebuild).</summary>
    public void BadRevisionServing(int count)
    {
        if (count > 0 && _firstBadMs < 0)
        {
            _firstBadMs = world.NowMs;
            world.Recorder.Span(-1, Metrics.ReplicationDetail.BadRevisionLane, "first bad request", world.Now, world.Now, "bad revision");
            if (!_alarm.Configured)                  // no alarm: the scenario's fixed detection delay
                world.After(world.Fleet.Deployment.BadRevision!.DetectionDelay.SampleDuration(_rng), EventKind.BadRevisionDetected, 0);
        }
        if (count == 0 && _badServing > 0)
        {
            _clearMs = world.NowMs;
            world.Recorder.Span(-1, Metrics.ReplicationDetail.BadRevisionLane, "no instance serves it", world.Now, world.Now, "recovered");
        }
        _badServing = count;
    }

    public double TimeToDetectSeconds => _firstBadMs < 0 || _detectedMs < 0 ? double.NaN : (_detectedMs - _firstBadMs) / 1000.0;
    public double TimeToRecoverSeconds => _firstBadMs < 0 || _badServing > 0 || _clearMs < 0 ? double.NaN : (_clearMs - _firstBadMs) / 1000.0;

    private Strategy S => _strategy!;

    public void Start()
    {
        if (world.Fleet.Deployment.StartAt is { } at) world.Schedule(SimTime.At(at), EventKind.DeploymentStart, 0);
    }

    public void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.DeploymentStart:
                world.Recorder.RolloutStarted();
                _alarm.Start();
                S.Begin();
                break;
            case EventKind.AlarmDatapoint:
                if (_alarm.Datapoint() is { } noticed) world.Schedule(noticed, EventKind.BadRevisionDetected, 0);
                break;
            case EventKind.BadRevisionDetected:
                _detectedMs = world.NowMs;
                world.Recorder.RolloutFailed(Metrics.FailureReasons.Alarm);
                world.Recorder.Span(-1, Metrics.ReplicationDetail.AlarmLane, "bad revision detected", world.Now, world.Now, "alarm");
                world.After(S.RecoveryDelay(world.Fleet.Deployment.Recovery, _rng), EventKind.RecoveryStart, 0);
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
    public int RevisionForNewInstances => S.RevisionForNewInstances;
    public int StaleInstances() => world.Recorder.RolloutStart is null ? 0 : S.StaleInstances();
}
