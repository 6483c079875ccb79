using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Metrics;

/// <summary>The recorder's books closed: the replication's result at the horizon and its detail.</summary>
public sealed partial class Recorder
{
    /// <summary>Closes the books at the horizon and returns the replication's result.</summary>
    public ReplicationResult Finish(StopReason reason)
    {
        long now = world.NowMs;
        world.Traffic.Integrate(now);
        if (_detail && world.Traffic.Latency is { } latencyModel) CloseLatencySpan(latencyModel.Tracker);
        AccrueInstanceHours(now);
        for (int i = 0; i < world.InstanceCount; i++) if (world[i].Lifecycle != LifecycleState.Terminated) ObserveMemory(i);
        if (_detail)
            foreach (var ((g, id), open) in _targetStates.OrderBy(kv => kv.Key))
                if (open.State != TargetState.Unused && open.Since < world.Now)
                    _timeline.Add(new TimelineSpan(id, "target group " + world.TargetGroups.Spec(g).Name, open.State.ToString().ToLowerInvariant(), open.Since, world.Now, "target state"));
        bool rolled = _rolloutStart is not null;
        var end = _rolloutEnd ?? world.Now;
        var t = world.Traffic;
        bool worker = world.Fleet.Kind == FleetKind.Worker;
        var groups = new TargetGroupResult[_groupMin.Length];
        for (int g = 0; g < groups.Length; g++)
            groups[g] = new TargetGroupResult(Pct(rolled, _groupMin[g], _groupBaseline[g]), Pct(rolled, t.GroupServingCapacity(g), _groupBaseline[g]),
                t.GroupUnservedRequests(g), t.GroupFailedRequests(g));
        double weakest = double.PositiveInfinity, unserved = 0;                 // the weakest group decides; unserved adds up
        foreach (var g in groups)
        {
            weakest = Math.Min(weakest, g.MinServingCapacityPct);
            unserved += g.UnservedRequests;
        }
        var outcome = !rolled ? DeploymentOutcome.None : _rolloutEnd is null ? DeploymentOutcome.Unfinished : _outcome;
        bool failed = outcome is DeploymentOutcome.Failed or DeploymentOutcome.Stopped or DeploymentOutcome.RolledBack;
        var (scaleOutP50, scaleOutMax) = ScaleOutToServing();
        var result = new ReplicationResult
        {
            Replication = world.Replication,
            Outcome = outcome,
            RolloutSeconds = rolled ? (end - _rolloutStart!.Value).TotalSeconds : 0,
            FailureReason = failed ? _failureReason ?? FailureReasons.Unknown : null,
            TimeToFailureSeconds = failed ? ((_failedAt ?? end) - _rolloutStart!.Value).TotalSeconds : double.NaN,
            PhaseSeconds = world.CodeDeploy.PhaseMeans(),
            MinServingCapacityPct = groups.Length > 0 ? weakest : Pct(rolled, _minCapacity, _baseline),
            UnservedRequests = groups.Length > 0 ? unserved : t.UnservedRequests,
            TargetGroups = new TargetGroupResults(groups),
            FailedRequests = t.FailedRequests,
            ServedRequests = t.ServedRequests,
            DemandRequests = t.DemandRequests,
            PeakInstances = _peak,
            InstanceHours = _instanceHours,
            RolloutInstanceHours = !rolled ? 0 : (_rolloutEnd is null ? _instanceHours : _hoursAtEnd) - _hoursAtStart,
            PeakMemoryPct = _peakMemoryPct,
            OomKills = world.Unicorn.OomKills,
            RolloutPeakMemoryPct = rolled ? _rolloutPeakMemoryPct : 0,
            RolloutOomKills = rolled ? world.Unicorn.OomKills - _oomKillsAtStart : 0,
            Launches = world.AutoScaling.Launches,
            AbandonedLaunches = world.AutoScaling.AbandonedLaunches,
            StaleInstances = world.Strategies.StaleInstances(),
            TimeToDetectSeconds = world.BadRevisions.TimeToDetectSeconds,
            TimeToRecoverSeconds = world.BadRevisions.TimeToRecoverSeconds,
            BadRevisionFailedRequests = t.BadRevisionFailedRequests,
            PeakBacklog = t.PeakBacklog,
            JobWaitP50Seconds = worker ? t.JobWaitsUntil(world.NowMs).Quantile(0.5) : double.NaN,
            JobWaitP99Seconds = worker ? t.JobWaits.Quantile(0.99) : double.NaN,
            MaxJobWaitSeconds = worker ? t.JobWaits.MaxSeconds : double.NaN,
            ScaleOutToServingP50Seconds = scaleOutP50,
            MaxScaleOutToServingSeconds = scaleOutMax,
            WarmPoolInstanceHours = _poolHours,
            UnfinishedInstances = CountUnfinished(),
            EventsProcessed = world.Sim.ProcessedEvents,
            TraceFingerprint = world.Sim.TraceFingerprint,
            StopReason = reason,
        };
        return t.Latency is { } latency ? new LatencyReplicationResult(result, LatencyOf(latency)) : result;
    }

    /// <summary>The latency model's figures: window and steady-state percentiles, errors, SLO (issue 17).</summary>
    private static LatencyFigures LatencyOf(App.LatencyModel m)
    {
        var (http502, http504) = m.Errors;
        return new(m.Quantile(true, 0.5), m.Quantile(true, 0.9), m.Quantile(true, 0.99), m.Quantile(true, 0.999),
            m.Quantile(false, 0.5), m.Quantile(false, 0.9), m.Quantile(false, 0.99), m.Quantile(false, 0.999),
            http502, http504, m.PeakQueued, m.BudgetBurnedPct, m.ViolatedMinutes);
    }

    /// <summary>Capacity as a percentage of the capacity before the rollout (100 without a rollout, 0 from nothing).</summary>
    private static double Pct(bool rolled, double capacity, double baseline) => !rolled ? 100 : baseline > 0 ? 100.0 * capacity / baseline : 0;

    private int CountUnfinished()
    {
        int n = 0;
        for (int i = 0; i < world.InstanceCount; i++)
            if (world[i].Lifecycle is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.Terminating) n++;
        return n;
    }

    /// <summary>The detail of this replication (empty unless detail was on).</summary>
    public ReplicationDetail Detail() => new()
    {
        Replication = world.Replication,
        WorkerFleet = world.Fleet.Kind == FleetKind.Worker,
        Timeline = [.. _timeline],
        Series = [.. _series],
        Memory = [.. _memory],
        DeploymentStart = _rolloutStart,
        DeploymentEnd = _rolloutEnd,
        InstanceMemoryMiB = world.Fleet.Instances.MemoryMiB,
        GroupCapacityRps = [.. _groupSeries],
        TargetGroupNames = [.. Enumerable.Range(0, _groupMin.Length).Select(g => world.TargetGroups.Spec(g).Name)],
        TargetGroupShares = [.. Enumerable.Range(0, _groupMin.Length).Select(g => App.TrafficShares.Of(world.Scenario, g))],
    };
}
