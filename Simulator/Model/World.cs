using System.Runtime.CompilerServices;
using DeploySim.App;
using DeploySim.Cloud;
using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Strategies;

namespace DeploySim.Model;

/// <summary>One replication's world: the fleet's state in arrays and the components that own its behaviour.</summary>
/// <remarks>Components talk to each other through calls on the world (for example "the application on instance 17
/// stopped serving"), never through each other's fields or event payloads. A world is reused for the next
/// replication by <c>Reset</c>, which keeps its buffers. Not thread-safe: one world per worker thread.</remarks>
public sealed partial class World : IEventHandler
{
    private PagedArray<Instance> _instances = new();   // a mutable struct: not readonly
    private int _reserved;          // instances the target groups' arrays hold

    public World()
    {
        AutoScaling = new AutoScaling(this);
        OpsWorks = new OpsWorks(this);
        TargetGroups = new TargetGroups(this);
        Unicorn = new Unicorn(this);
        Traffic = new Traffic(this);
        CodeDeploy = new CodeDeployService(this);
        Recorder = new Recorder(this);
        Strategies = new StrategyRunner(this);
        BadRevisions = new BadRevisionDetector(this);
        Invariants = new Invariants(this);
    }

    public Simulation Sim { get; } = new(4096);
    /// <summary>The one-fleet scenario this replication runs (its run settings and seed; see <see cref="ScenarioRunner"/>).</summary>
    public Scenario Scenario { get; private set; } = Scenario.Of("", new FleetSpec { Name = "" });
    /// <summary>The fleet this world simulates: its group, target groups, processes, demand and deployment.</summary>
    public FleetSpec Fleet { get; private set; } = new() { Name = "" };
    public int Replication { get; private set; }
    public SimTime Now => Sim.Now;
    public long NowMs => Sim.Now.Milliseconds;

    public AutoScaling AutoScaling { get; }
    public OpsWorks OpsWorks { get; }
    public TargetGroups TargetGroups { get; }
    public Unicorn Unicorn { get; }
    public Traffic Traffic { get; }
    public CodeDeployService CodeDeploy { get; }
    public Recorder Recorder { get; }
    public StrategyRunner Strategies { get; }
    public BadRevisionDetector BadRevisions { get; }
    public Invariants Invariants { get; }

    /// <summary>Instances ever launched in this replication; ids are never reused.</summary>
    public int InstanceCount { get; private set; }

    /// <summary>True when CodeDeploy manages the group (in-place, blue/green, an instance refresh beside a CodeDeploy
    /// deployment group); false for Capistrano and an instance refresh alone.</summary>
    public bool CodeDeployManaged => Fleet.Deployment.Strategy switch
    {
        StrategyKind.GracefulRestart => false,
        StrategyKind.InstanceRefresh => Fleet.Deployment.InstanceRefresh.CodeDeployLaunchHook,
        _ => true,
    };

    public ref Instance this[int id]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _instances[id];
    }

    /// <summary>Prepares the world for replication <paramref name="replication"/> of the one-fleet <paramref name="scenario"/>.</summary>
    public void Reset(Scenario scenario, int replication, bool recordDetail) => Reset(scenario, scenario.Fleet, replication, recordDetail);

    /// <summary>Prepares the world for replication <paramref name="replication"/> of <paramref name="fleet"/> under the run
    /// settings and seed of <paramref name="scenario"/> (a fleet of a larger scenario runs under the one-fleet scenario
    /// <see cref="Pipelines.FleetScenarios"/> makes of it, with the deployment its pipeline gives it).</summary>
    public void Reset(Scenario scenario, FleetSpec fleet, int replication, bool recordDetail)
    {
        Scenario = scenario;
        Fleet = fleet;
        Replication = replication;
        Sim.Reset();
        int used = InstanceCount;
        InstanceCount = 0;
        Recorder.Reset(recordDetail);
        OpsWorks.Reset();
        TargetGroups.Reset();
        Unicorn.Reset();
        Traffic.Reset();
        CodeDeploy.Reset();
        Strategies.Reset();
        BadRevisions.Reset();
        AutoScaling.Reset();
        Invariants.Reset();
        ReserveInstances(Fleet, used);
    }

    /// <summary>Sizes the per-instance storage once for the fleet the scenario can reach (a blue/green copy of the desired
    /// fleet beside the originals, unless the maximum size already holds both) and clears the <paramref name="used"/> ids of
    /// the last replication. A fleet that goes beyond (scale-outs, relaunches) adds pages to the instances and CodeDeploy's
    /// jobs, without copies, and doubles the target groups' small arrays.</summary>
    private void ReserveInstances(FleetSpec fleet, int used)
    {
        var asg = fleet.AutoScaling;
        int reachable = Math.Max(asg.MaxSize, asg.DesiredCapacity);
        if (fleet.Deployment.Strategy == StrategyKind.BlueGreen) reachable = Math.Max(reachable, 2 * asg.DesiredCapacity);
        if (fleet.Deployment.Strategy == StrategyKind.InstanceRefresh) reachable = Math.Max(reachable, 2 * asg.DesiredCapacity);
        int expected = reachable + 8;
        _instances.Reset(used, expected);
        CodeDeploy.ResetJobs(used, _instances.Capacity);
        _reserved = Math.Max(_reserved, _instances.Capacity);
        TargetGroups.EnsureCapacity(_reserved);
    }

    /// <summary>Allocates a new instance id (growing the per-instance storage when needed).</summary>
    public int NewInstance()
    {
        int id = InstanceCount++;
        if (id == _instances.Capacity)
        {
            _instances.EnsureCapacity(id + 1);
            CodeDeploy.EnsureCapacity(_instances.Capacity);
        }
        if (id == _reserved)
        {
            _reserved *= 2;
            TargetGroups.EnsureCapacity(_reserved);
        }
        _instances[id] = default;
        return id;
    }

    public Xoshiro256 Stream(string name) => RandomStreams.Create(Scenario.Seed, Replication, name);

    /// <summary>Reseeds a component's generator for this replication's stream <paramref name="name"/>, allocating nothing.</summary>
    public void Reseed(Xoshiro256 rng, string name) => RandomStreams.Reseed(rng, Scenario.Seed, Replication, name);

    public void Schedule(SimTime at, EventKind kind, int target, long arg = 0) => Sim.Schedule(at, (int)kind, target, arg);

    public EventHandle After(SimDuration delay, EventKind kind, int target, long arg = 0) => Sim.ScheduleAfter(delay, (int)kind, target, arg);

    /// <summary>Runs the replication to the horizon (or the event budget) and returns what it measured.</summary>
    public ReplicationResult Run(CancellationToken cancellation = default)
    {
        AutoScaling.Start();
        Traffic.Start();
        Strategies.Start();
        var dispatch = new Dispatch(this);
        var reason = Sim.Run(ref dispatch, SimTime.At(Scenario.Horizon), Scenario.EventBudget, cancellation);
        if (reason == StopReason.Empty)
        {
            Sim.AdvanceTo(SimTime.At(Scenario.Horizon));   // nothing happens until the horizon: time still passes
            reason = StopReason.Horizon;                   // and the replication ran to it (steady targets schedule no checks)
        }
        var result = Finish(reason);
        if (Invariants.Enabled) Invariants.AtEnd(result, CodeDeploy.Deployments);
        return result;
    }

    /// <summary>The run loop's handler: a struct, so that the loop is compiled for the world alone and calls
    /// <see cref="Handle"/> directly (a class handler shares the loop's code with every other class, through an interface call).</summary>
    private readonly struct Dispatch(World world) : IEventHandler
    {
        public void Handle(in Event e) => world.Handle(e);
    }

    public void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.InstanceBooted:
            case EventKind.AgentReady:
            case EventKind.LaunchHookTimeout:
            case EventKind.Relaunch:
            case EventKind.ScheduledAction:
            case EventKind.InstanceTerminated:
            case EventKind.InstanceFailure:
            case EventKind.HealthCheckReplace:
            case EventKind.ZoneImpaired:
            case EventKind.ZoneRecovered:
            case EventKind.StatusCheckFailed:
            case EventKind.TerminationHookStep:
            case EventKind.WarmPoolStep:
                AutoScaling.Handle(e);
                break;
            case EventKind.OpsWorksSetupDone:
                OpsWorks.Handle(e);
                break;
            case EventKind.HealthCheck:
            case EventKind.DrainComplete:
            case EventKind.SlowStartStep:
                TargetGroups.Handle(e);
                break;
            case EventKind.MasterBooted:
            case EventKind.WorkerForked:
            case EventKind.OldMasterQuit:
            case EventKind.WorkerRespawn:
            case EventKind.MemoryLimit:
                Unicorn.Handle(e);
                break;
            case EventKind.DemandBreakpoint:
            case EventKind.BacklogDrained:
                Traffic.Handle(e);
                break;
            case EventKind.RolloutWindowEnd:
                Sim.Stop();
                break;
            case EventKind.DeploymentStart:
            case EventKind.BlueGreenReroute:
            case EventKind.BlueGreenTerminate:
            case EventKind.GracefulRestartHost:
            case EventKind.GracefulRestartCodeUpdated:
            case EventKind.RecoveryStart:
            case EventKind.RefreshWarmedUp:
            case EventKind.RefreshCheckpointEnd:
            case EventKind.RefreshRetryTimeout:
                Strategies.Handle(e);
                break;
            case EventKind.BadRevisionDetected:
            case EventKind.AlarmDatapoint:
                BadRevisions.Handle(e);
                break;
            default:
                CodeDeploy.Handle(e);
                break;
        }
        Traffic.FlushIfDirty();
        if (Invariants.Enabled) Invariants.AfterEvent(e);
    }

    // ---- Calls between components -------------------------------------------------------------------------

    /// <summary>The capacity or serving state of an instance's application changed.</summary>
    public void ApplicationChanged(int id)
    {
        Traffic.ApplicationChanged(id);
        TargetGroups.ApplicationChanged(id);
        Recorder.MemoryChanged(id);
    }

    /// <summary>Which targets receive traffic changed.</summary>
    public void RoutingChanged() => Traffic.Invalidate();

    /// <summary>An instance's lifecycle state changed (launch, in service, terminating, terminated).</summary>
    public void LifecycleChanged(int id)
    {
        AutoScaling.LifecycleChanged(id);
        Strategies.LifecycleChanged(id);
        Traffic.LifecycleChanged(id);
        Recorder.FleetChanged(id);
    }
}
