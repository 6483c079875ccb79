using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.App;

/// <summary>unicorn, continued: worker memory (growth, copy-on-write sharing, recycling) and the OOM killer.</summary>
public sealed partial class Unicorn
{
    /// <summary>Milliseconds between two recycles of a worker by unicorn-worker-killer (its RSS grows from the fresh
    /// size to the limit); 0 when workers are never recycled (no limit, no growth, or the cap stops growth below it).</summary>
    private static long RecycleMsOf(UnicornSpec spec) =>
        spec.WorkerMemoryLimitMiB is { } limit && spec.WorkerMemoryGrowthPerHourMiB > 0 && limit <= spec.WorkerMemoryCapMiB
            ? Math.Max(1, (long)Math.Ceiling((limit - spec.WorkerMemoryMiB) * 3_600_000.0 / spec.WorkerMemoryGrowthPerHourMiB))
            : 0;

    /// <summary>Takes the spec's memory figures for this replication (they are read on every process change).</summary>
    private void ResetMemory()
    {
        _recycleMs = RecycleMsOf(_spec);
        _growthPerHourMiB = _spec.WorkerMemoryGrowthPerHourMiB;
        _freshWorkerMiB = Math.Max(_spec.WorkerMemoryMiB, Math.Min((double)_spec.WorkerMemoryMiB, _spec.WorkerMemoryCapMiB)) - _spec.SharedMiB;
        _reservedMiB = world.Fleet.Instances.ReservedMemoryMiB;
    }

    /// <summary>A worker's private memory at <paramref name="ageMs"/> since its cohort forked: its RSS (fresh size plus
    /// growth, up to the cap) less the pages it shares with the master (docs/model.md#copy-on-write). With recycling the
    /// age restarts at each recycle; at the recycle moment itself the worker is still at the limit.</summary>
    private double WorkerMiB(long ageMs)
    {
        if (_growthPerHourMiB == 0) return _freshWorkerMiB;      // no growth: the same figure at every age
        long period = _recycleMs;
        if (period > 0 && ageMs > 0) ageMs = ((ageMs - 1) % period) + 1;
        double grown = _spec.WorkerMemoryMiB + (_spec.WorkerMemoryGrowthPerHourMiB * Math.Max(0, ageMs) / 3_600_000.0);
        double rss = Math.Max(_spec.WorkerMemoryMiB, Math.Min(grown, _spec.WorkerMemoryCapMiB));
        return rss - _spec.SharedMiB;
    }

    private double GenerationMiB(in Generation g, long ms)
    {
        if (g.State == UnicornState.Stopped) return 0;
        double m = _spec.MasterMemoryMiB;
        if (g.Forked > 0) m += g.Forked * WorkerMiB(ms - g.FirstForkMs);
        if (g.Respawned > 0) m += g.Respawned * WorkerMiB(ms - g.RespawnMs);
        return m;
    }

    /// <summary>Memory in use on the instance at <paramref name="ms"/>: reserved plus every unicorn process.</summary>
    public double MemoryMiB(int id, long ms)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle == LifecycleState.Terminated) return 0;
        return _reservedMiB + GenerationMiB(inst.Current, ms) + GenerationMiB(inst.Old, ms);
    }

    /// <summary>The first recycle moment after now of any worker cohort on the instance (long.MaxValue: none).</summary>
    private long NextRecycleMs(in Instance inst, long now)
    {
        long period = _recycleMs, next = long.MaxValue;
        if (period == 0) return next;
        void Cohort(in Generation g, int count, long since)
        {
            if (g.State == UnicornState.Stopped || count == 0) return;
            long at = since + ((Math.Max(0, now - since) / period) + 1) * period;
            if (at < next) next = at;
        }
        Cohort(inst.Current, inst.Current.Forked, inst.Current.FirstForkMs);
        Cohort(inst.Current, inst.Current.Respawned, inst.Current.RespawnMs);
        Cohort(inst.Old, inst.Old.Forked, inst.Old.FirstForkMs);
        Cohort(inst.Old, inst.Old.Respawned, inst.Old.RespawnMs);
        return next;
    }

    /// <summary>Processes changed: enforce the limit now and schedule the moment growth would cross it. Memory only
    /// grows between two recycles, so the search runs up to the next recycle, where an event looks again (and the
    /// recorder sees the peak before the drop).</summary>
    private void MemoryChanged(int id)
    {
        ref var inst = ref world[id];
        inst.MemoryEpoch++;
        world.Recorder.ObserveMemory(id);
        if (EnforceLimit(id)) return;
        if (_growthPerHourMiB <= 0) return;
        long now = world.NowMs, horizon = world.Scenario.Horizon.Milliseconds;
        if (now >= horizon) return;
        long recycle = NextRecycleMs(inst, now), end = Math.Min(horizon, recycle);
        if (MemoryMiB(id, end) <= _limitMiB)
        {
            if (recycle <= horizon) world.Schedule(new SimTime(recycle), EventKind.MemoryLimit, id, inst.MemoryEpoch);
            return;
        }
        long lo = now, hi = end;                      // memory(lo) ≤ limit < memory(hi); it is non-decreasing in between
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (MemoryMiB(id, mid) > _limitMiB) hi = mid; else lo = mid;
        }
        world.Schedule(new SimTime(hi), EventKind.MemoryLimit, id, inst.MemoryEpoch);
    }

    /// <summary>The OOM killer: while memory exceeds the instance size, kill the largest process. Returns true if it killed.</summary>
    private bool EnforceLimit(int id)
    {
        ref var inst = ref world[id];
        long now = world.NowMs;
        bool killed = false;
        while (MemoryMiB(id, now) > _limitMiB)
        {
            world.Recorder.ObserveMemory(id);
            if (!KillLargest(ref inst, id, now)) break;
            killed = true;
            OomKills++;
            world.Recorder.OomKilled();
            world.Recorder.Span(id, "Unicorn", "OOM kill", world.Now, world.Now, "killed");
        }
        if (killed)
        {
            world.ApplicationChanged(id);
            MemoryChanged(id);
        }
        return killed;
    }

    private bool KillLargest(ref Instance inst, int id, long now)
    {
        // Candidates: each generation's master and its oldest worker cohort.
        double best = 0;
        int which = -1;                               // 0/1: worker of current/old, 2/3: master of current/old
        for (int gen = 0; gen < 2; gen++)
        {
            ref var g = ref gen == 0 ? ref inst.Current : ref inst.Old;
            if (g.State == UnicornState.Stopped) continue;
            if (_spec.MasterMemoryMiB > best) { best = _spec.MasterMemoryMiB; which = 2 + gen; }   // private sizes: what a kill frees
            double w = g.Forked > 0 ? WorkerMiB(now - g.FirstForkMs) : g.Respawned > 0 ? WorkerMiB(now - g.RespawnMs) : 0;
            if (w > best) { best = w; which = gen; }
        }
        if (which < 0) return false;
        ref var victim = ref (which % 2) == 0 ? ref inst.Current : ref inst.Old;
        if (which >= 2)
        {
            world.Traffic.AddFailed(victim.Forked + victim.Respawned);
            StopGeneration(ref victim);
            return true;
        }
        if (victim.Forked > 0) victim.Forked--; else victim.Respawned--;
        victim.Dead++;
        world.Traffic.AddFailed(1);
        world.After(_spec.WorkerForkInterval, EventKind.WorkerRespawn, id, Pack(which, victim.Epoch));
        return true;
    }
}
