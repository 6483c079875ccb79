using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling, continued: the warm pool (docs/model.md#warm-pools).</summary>
/// <remarks>
/// The pool keeps <see cref="WarmPoolSpec.Size"/> instances beside the original group: launched, booted and set up by
/// OpsWorks ahead of time (Warmed:Pending), then kept Stopped, Running or Hibernated (Warmed:*). CodeDeploy's launch hook
/// does nothing in the pool (docs/model.md#warm-pools: reported unsupported); an instance leaving the pool on scale-out
/// (a warm start) takes <see cref="WarmPoolSpec.StartTime"/>, its agent starts again (unless the pool runs), and then
/// passes the launch hook like any new instance: CodeDeploy deploys the last successful revision to it. Without
/// CodeDeploy it enters service and starts its application. The group launches cold only when no pool instance on the
/// current launch template is ready. With reuse on scale-in, a scaled-in instance drains, passes the termination hooks
/// and re-enters the pool; otherwise the pool refills by launching. The initial pool is ready at time zero, like the
/// initial fleet. The pool belongs to the original group (a blue/green copy has none, assumption).
/// </remarks>
public sealed partial class AutoScaling
{
    private const long WarmStartedArg = 0, PoolReturnedArg = 1;
    private readonly WarmPoolMembers _pool = new(world);
    // The timeline's status texts per pool state, formatted once (no string is built per event).
    private static readonly string[] s_stateNames = [.. Enum.GetValues<WarmPoolState>().Select(s => s.ToString())];
    private static readonly string[] s_warmedStatus = [.. s_stateNames.Select(n => "Warmed:" + n)];

    /// <summary>Instances that left the warm pool for the group (warm starts).</summary>
    public int WarmStarts { get; private set; }

    /// <summary>Instances in the warm pool (ready or not) now.</summary>
    public int PoolCount => _pool.Count;

    private void StartPool()
    {
        if (_spec.WarmPool is not { } pool) return;
        int size = pool.Size(_desired, _max);
        for (int k = 0; k < size; k++)
        {
            int id = world.NewInstance();
            ref var inst = ref world[id];
            inst.Lifecycle = LifecycleState.Warmed;
            inst.LaunchTemplate = 1;
            inst.Zone = (byte)(k % _spec.ZoneCount);
            inst.AgentReady = pool.PoolState == WarmPoolState.Running;
            world.OpsWorks.AlreadyOnline(id);
            _pool.Add(id);
            world.LifecycleChanged(id);
        }
    }

    private void WarmPoolStep(int id, long arg)
    {
        ref var inst = ref world[id];
        if (arg == WarmStartedArg && inst.Lifecycle == LifecycleState.Pending) WarmStarted(id);
        else if (arg == PoolReturnedArg && inst.Lifecycle == LifecycleState.Warming) PoolReturned(id);
    }

    /// <summary>Keeps the pool at its size: launches into it, or terminates the surplus (not-ready ones first).</summary>
    private void ResizePool()
    {
        if (_spec.WarmPool is not { } pool || ActiveGroup != 0) return;
        int size = pool.Size(_desired, _max);
        if (!IsSuspended(0, AutoScalingProcesses.Launch))
            while (_pool.Count < size) LaunchIntoPool();
        while (_pool.Count > size)
        {
            int victim = _pool.LatestWarming();                       // the latest launched still warming, else the latest
            Terminate(victim >= 0 ? victim : _pool.Latest(), replace: false);
        }
    }

    private void LaunchIntoPool()
    {
        int id = world.NewInstance();
        ref var inst = ref world[id];
        inst.Lifecycle = LifecycleState.Warming;
        inst.LaunchTemplate = LaunchTemplate;
        inst.Zone = (byte)PoolZone();
        inst.LaunchMs = world.NowMs;
        Launches++;
        _pool.Add(id);
        world.After(world.Fleet.Instances.BootTime.SampleDuration(_rng), EventKind.InstanceBooted, id);
        world.LifecycleChanged(id);
    }

    /// <summary>The zone with the fewest pool instances (the lowest index on a tie).</summary>
    private int PoolZone()
    {
        int best = 0;
        for (int z = 1; z < Zones; z++)
            if (_pool.InZone(z) < _pool.InZone(best)) best = z;
        return best;
    }

    /// <summary>A pool instance was set up (OpsWorks online): it stops, hibernates or keeps running, ready. One whose
    /// setup failed is terminated and the pool launches another.</summary>
    private void PoolInstanceSetUp(int id)
    {
        ref var inst = ref world[id];
        if (inst.OpsWorks == OpsWorksState.SetupFailed)
        {
            Terminate(id, replace: false);
            ResizePool();
            return;
        }
        inst.Lifecycle = LifecycleState.Warmed;
        _pool.BecameReady(id);
        world.Recorder.Span(id, "Auto Scaling", "warm pool", new SimTime(inst.LaunchMs), world.Now, s_warmedStatus[(int)_spec.WarmPool!.PoolState]);
        world.LifecycleChanged(id);
    }

    /// <summary>Takes a ready pool instance on the current launch template, outside an impaired zone, into the group
    /// (its least-filled zone first);
    /// -1 when there is none (docs/model.md#warm-pools: a cold start).</summary>
    private int WarmStart(byte group)
    {
        if (_spec.WarmPool is not { } pool || group != 0) return -1;
        int zone = LaunchZone(group), pick = _impaired[zone] ? -1 : _pool.EarliestReady(zone, LaunchTemplate);
        if (pick < 0)                                               // none there: the earliest ready in any other zone
            for (int z = 0; z < Zones; z++)
            {
                int p = z == zone || _impaired[z] ? -1 : _pool.EarliestReady(z, LaunchTemplate);
                if (p >= 0 && (pick < 0 || p < pick)) pick = p;
            }
        if (pick < 0) return -1;
        int id = _pool.At(pick);
        _pool.Remove(id);
        ref var inst = ref world[id];
        inst.Lifecycle = LifecycleState.Pending;
        inst.LaunchMs = world.NowMs;
        inst.AgentReady = pool.PoolState == WarmPoolState.Running;
        WarmStarts++;
        world.After(pool.StartTime.SampleDuration(_rng), EventKind.WarmPoolStep, id, WarmStartedArg);
        world.LifecycleChanged(id);
        return id;
    }

    /// <summary>The instance runs again after leaving the pool: as a booted new instance, minus the boot and setup.</summary>
    private void WarmStarted(int id)
    {
        ref var inst = ref world[id];
        inst.BootedMs = world.NowMs;
        world.Recorder.Span(id, "EC2", "warm start", new SimTime(inst.LaunchMs), world.Now, s_stateNames[(int)_spec.WarmPool!.PoolState]);
        if (!inst.AgentReady) world.After(world.Fleet.Instances.AgentReadyTime.SampleDuration(_rng), EventKind.AgentReady, id);
        if (!world.CodeDeployManaged)
        {
            inst.Revision = inst.LastGoodRevision = world.Strategies.RevisionForNewInstance(id);
            EnterService(id, registerWithTargetGroups: true);
            world.Unicorn.Start(id);                                  // the application starts with the instance (assumption)
            return;
        }
        if (_spec.LaunchHook.Enabled && inst.Group == ActiveGroup && world.Strategies.UsesLaunchHook(id))
        {
            inst.Lifecycle = LifecycleState.PendingWait;
            world.After(_spec.LaunchHook.HeartbeatTimeout, EventKind.LaunchHookTimeout, id, world.NowMs);
            if (inst.AgentReady) world.CodeDeploy.StartLaunchDeployment(id, LastSuccessfulRevision);
        }
        else
        {
            EnterService(id, registerWithTargetGroups: inst.Group == ActiveGroup && !world.Strategies.ManagesRegistration(id));
        }
    }

    /// <summary>Reuse on scale-in: the instance drains and passes the termination hooks, then re-enters the pool
    /// (docs/model.md#warm-pools). False when the pool does not take it.</summary>
    private bool ReturnToPool(int id)
    {
        if (_spec.WarmPool is not { ReuseOnScaleIn: true } || ActiveGroup != 0 || world[id].Lifecycle != LifecycleState.InService) return false;
        ref var inst = ref world[id];
        inst.Lifecycle = LifecycleState.Warming;
        var drain = SimDuration.Zero;
        for (int g = 0; g < world.TargetGroups.Count; g++)
            drain = SimDuration.Max(drain, world.TargetGroups.Deregister(g, id));
        world.CodeDeploy.InstanceLeaving(id);
        _pool.Add(id);
        world.Recorder.Span(id, "Auto Scaling", "scale-in: back to the warm pool", world.Now, world.Now, "Warmed:Pending");
        AfterDrain(id, drain, wasInService: true, toPool: true);
        world.LifecycleChanged(id);
        return true;
    }

    private void PoolReturned(int id)
    {
        ref var inst = ref world[id];
        world.Unicorn.Stop(id);
        world.TargetGroups.RemoveEverywhere(id);
        inst.Lifecycle = LifecycleState.Warmed;
        inst.AgentReady = _spec.WarmPool!.PoolState == WarmPoolState.Running;
        _pool.BecameReady(id);
        world.LifecycleChanged(id);
    }

    /// <summary>A pool instance is terminating: it leaves the pool's count.</summary>
    private void PoolMemberLeft(int id) => _pool.Remove(id);

    /// <summary>After an instance refresh has replaced the group: replace the pool instances still on another launch
    /// template (docs/model.md#warm-pools: in-service instances first, then the pool's).</summary>
    public void ReplaceOutdatedPool()
    {
        for (int p = _pool.Positions - 1; p >= 0; p--)             // the latest first
        {
            int id = _pool.At(p);
            if (id >= 0 && world[id].LaunchTemplate != LaunchTemplate) Terminate(id, replace: false);
        }
        ResizePool();
    }
}
