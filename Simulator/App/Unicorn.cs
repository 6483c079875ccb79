using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.App;

/// <summary>unicorn on each instance: a master with the app preloaded and its workers, their memory, and USR2
/// graceful re-exec (docs/model.md#unicorn-processes).</summary>
/// <remarks>
/// Start: the master boots (loads the app), then forks its workers one by one. Stop (QUIT): workers finish their
/// request and exit. USR2 (docs/model.md#unicorn-usr2): a new master is exec'd, sharing no pages with the old generation, and forks its own
/// workers; the old master is sent QUIT by one of four sources' rules (<see cref="QuitOldMaster"/>): a fixed sleep after USR2
/// (capistrano-unicorn, docs/model.md#capistrano-flow), TTOU per new worker and QUIT at the last (unicorn's example before_fork),
/// at the first new fork (OpsWorks' before_fork, docs/model.md#opsworks-setup-and-boot-times), or once every new worker is up
/// plus a delay (SIGNALS' verify-then-QUIT). A worker's memory is its size at fork plus growth per hour of
/// age, up to a cap, less the pages shared with its master by copy-on-write (docs/model.md#copy-on-write); the initial fleet's workers
/// have grown for the uptime at the deployment, and unicorn-worker-killer recycles a worker at a memory limit (docs/model.md#worker-memory). When an instance's memory exceeds its size, the OOM killer kills the largest process; a
/// killed worker fails its in-flight request and is respawned by its master; a killed master takes its workers with it.
/// </remarks>
public sealed partial class Unicorn(Model.World world)
{
    private readonly Xoshiro256 _rng = new(0);
    private UnicornSpec _spec = new();
    private long _limitMiB;
    private long _recycleMs, _growthPerHourMiB, _reservedMiB;
    private double _freshWorkerMiB;                // a worker's private memory when workers do not grow

    public int OomKills { get; private set; }

    public void Reset()
    {
        world.Reseed(_rng, "unicorn");
        _spec = world.Fleet.Unicorn;
        _limitMiB = world.Fleet.Instances.MemoryMiB;
        ResetMemory();
        OomKills = 0;
    }

    public int ServingWorkers(int id)
    {
        ref var inst = ref world[id];
        return inst.Current.Serving + inst.Old.Serving;
    }

    /// <summary>Serving workers running code of <paramref name="revision"/>.</summary>
    public int ServingWorkers(int id, Revision revision)
    {
        ref var inst = ref world[id];
        return (inst.Current.Revision == revision ? inst.Current.Serving : 0) + (inst.Old.Revision == revision ? inst.Old.Serving : 0);
    }

    public bool IsRunning(int id) => world[id].Current.State != UnicornState.Stopped;

    /// <summary>Workers serving at full count in the current generation and no old generation left.</summary>
    public bool IsSettled(int id)
    {
        ref var inst = ref world[id];
        return inst.Current.State == UnicornState.Running && inst.Current.Forked + inst.Current.Respawned == inst.Current.Target
            && inst.Old.State == UnicornState.Stopped;
    }

    /// <summary>An instance of the initial fleet: its workers have run for <see cref="UnicornSpec.UptimeAtDeploy"/> when
    /// the deployment starts (docs/model.md#worker-memory).</summary>
    public void StartInitial(int id)
    {
        ref var g = ref world[id].Current;
        g.Epoch++;
        g.State = UnicornState.Running;
        g.Target = g.Forked = _spec.Workers;
        g.Revision = world[id].Revision;
        g.FirstForkMs = (world.Fleet.Deployment.StartAt?.Milliseconds ?? 0) - _spec.UptimeAtDeploy.Milliseconds;
        MemoryChanged(id);
    }

    /// <summary>Starts the application (the master boots, then forks its workers). Restarts it if it was running.</summary>
    public void Start(int id)
    {
        if (IsRunning(id) || world[id].Old.State != UnicornState.Stopped) Stop(id);
        ref var g = ref world[id].Current;
        g = g with { State = UnicornState.Booting, Target = _spec.Workers, Forked = 0, Respawned = 0, Dead = 0, Epoch = g.Epoch + 1, Revision = world[id].Revision };
        world.After(_spec.BootTime.SampleDuration(_rng), EventKind.MasterBooted, id, Pack(0, g.Epoch));
        MemoryChanged(id);
    }

    /// <summary>QUIT to every master on the instance: workers finish their request and exit.</summary>
    public void Stop(int id)
    {
        world.Recorder.ObserveMemory(id);
        ref var inst = ref world[id];
        StopGeneration(ref inst.Current);
        StopGeneration(ref inst.Old);
        world.ApplicationChanged(id);
        MemoryChanged(id);
    }

    /// <summary>SIGUSR2: the running generation becomes the old one and a new master is exec'd.</summary>
    public void Usr2(int id)
    {
        ref var inst = ref world[id];
        if (inst.Current.State == UnicornState.Stopped)
        {
            Start(id);
            return;
        }
        if (inst.Old.State != UnicornState.Stopped) StopGeneration(ref inst.Old);
        int oldEpoch = inst.Old.Epoch;
        inst.Old = inst.Current;
        inst.Old.Epoch = oldEpoch + 1;
        ref var g = ref inst.Current;
        g = g with { State = UnicornState.Booting, Target = _spec.Workers, Forked = 0, Respawned = 0, Dead = 0, Epoch = g.Epoch + 1, Revision = inst.Revision };
        world.After(_spec.BootTime.SampleDuration(_rng), EventKind.MasterBooted, id, Pack(0, g.Epoch));
        world.TargetGroups.ApplicationChanged(id);   // an old generation still serving was stopped: checks see it
        var gs = world.Fleet.Deployment.GracefulRestart;
        if (gs.QuitOldMaster == QuitOldMaster.AfterDelay) world.After(gs.QuitDelay, EventKind.OldMasterQuit, id, Pack(1, inst.Old.Epoch));
        MemoryChanged(id);
    }

    public void Handle(in Event e)
    {
        int id = e.Target;
        ref var inst = ref world[id];
        if (inst.Lifecycle == LifecycleState.Terminated) return;
        int gen = (int)(e.Arg >> 32), epoch = (int)(e.Arg & 0xFFFFFFFF);
        if ((EventKind)e.Kind == EventKind.MemoryLimit)
        {
            if (epoch == inst.MemoryEpoch && !EnforceLimit(id)) MemoryChanged(id);   // a recycle: look again
            return;
        }
        ref var g = ref gen == 0 ? ref inst.Current : ref inst.Old;
        if (g.Epoch != epoch || g.State == UnicornState.Stopped) return;
        switch ((EventKind)e.Kind)
        {
            case EventKind.MasterBooted:
                g.State = UnicornState.Running;
                g.FirstForkMs = world.NowMs;
                world.After(SimDuration.Zero, EventKind.WorkerForked, id, e.Arg);
                break;
            case EventKind.WorkerForked:
                Forked(id, ref g);
                break;
            case EventKind.WorkerRespawn:
                if (g.Dead == 0) return;
                g.Dead--;
                g.Respawned++;
                g.RespawnMs = world.NowMs;
                world.ApplicationChanged(id);
                MemoryChanged(id);
                break;
            case EventKind.OldMasterQuit:
                world.Recorder.ObserveMemory(id);
                StopGeneration(ref inst.Old);
                world.ApplicationChanged(id);
                MemoryChanged(id);
                if (AllForked(inst.Current)) world.Strategies.ApplicationSettled(id);   // afterDelay: the new master may still boot
                break;
        }
    }

    private void Forked(int id, ref Generation g)
    {
        ref var inst = ref world[id];
        g.Forked++;
        bool first = g.Forked == 1, last = g.Forked + g.Dead + g.Respawned >= g.Target;
        if (!last) world.After(_spec.WorkerForkInterval, EventKind.WorkerForked, id, Pack(0, g.Epoch));
        world.ApplicationChanged(id);
        if (inst.Old.State != UnicornState.Stopped)
        {
            var gs = world.Fleet.Deployment.GracefulRestart;
            switch (gs.QuitOldMaster)
            {
                case QuitOldMaster.OnFirstWorkerFork when first:                 // OpsWorks' before_fork
                case QuitOldMaster.OnLastWorkerFork when last:                   // unicorn's example before_fork: the last sends QUIT
                    world.Recorder.ObserveMemory(id);
                    StopGeneration(ref inst.Old);
                    world.ApplicationChanged(id);
                    break;
                case QuitOldMaster.OnLastWorkerFork:                             // ... the others TTOU: one old worker fewer
                    world.Recorder.ObserveMemory(id);
                    Ttou(ref inst.Old);
                    world.ApplicationChanged(id);
                    break;
                case QuitOldMaster.AfterNewWorkersReady when last:               // SIGNALS: verify, then QUIT
                    world.After(gs.QuitDelay, EventKind.OldMasterQuit, id, Pack(1, inst.Old.Epoch));
                    break;
            }
        }
        MemoryChanged(id);
        if (last && inst.Old.State == UnicornState.Stopped) world.Strategies.ApplicationSettled(id);
    }

    /// <summary>Every worker of the generation has been forked (some may have died since).</summary>
    private static bool AllForked(in Generation g) => g.State == UnicornState.Running && g.Forked + g.Dead + g.Respawned >= g.Target;

    /// <summary>SIGTTOU: the master lowers worker_processes by one and the worker finishes its request and exits.</summary>
    private static void Ttou(ref Generation g)
    {
        if (g.Target > 0) g.Target--;
        if (g.Respawned > 0) g.Respawned--;
        else if (g.Forked > 0) g.Forked--;
        else if (g.Dead > 0) g.Dead--;
    }

    private static void StopGeneration(ref Generation g)
    {
        if (g.State == UnicornState.Stopped) return;
        g = g with { State = UnicornState.Stopped, Forked = 0, Respawned = 0, Dead = 0, Epoch = g.Epoch + 1 };
    }

    private static long Pack(int gen, int epoch) => ((long)gen << 32) | (uint)epoch;

    // ---- Memory ----------------------------------------------------------------------------------------
}
