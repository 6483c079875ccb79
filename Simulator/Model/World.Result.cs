using DeploySim.App;
using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Model;

/// <summary>The world, continued: the rollout's start and end as broadcasts, and the replication's result assembled at
/// the horizon from what the recorder observed and the totals the components kept.</summary>
public sealed partial class World
{
    /// <summary>The rollout starts: Traffic settles its pending capacity change, and the recorder is sent the serving
    /// capacity the rollout starts from.</summary>
    public void RolloutStarted()
    {
        Traffic.FlushIfDirty();
        Recorder.RolloutStarted(Traffic.ServingCapacity, Traffic.GroupServingCapacities);
    }

    /// <summary>The rollout reached a terminal outcome. At its first end Traffic settles its pending capacity change (the
    /// capacity window closes on it) and a scenario's <c>stopAfterRollout</c> settle time starts; a later end (a recovery
    /// after it had ended) only updates the outcome.</summary>
    public void RolloutEnded(DeploymentOutcome outcome)
    {
        bool first = Recorder.RolloutEnd is null;
        if (first) Traffic.FlushIfDirty();
        Recorder.RolloutEnded(outcome);
        if (first && Scenario.StopAfterRollout is { } settle) After(settle, EventKind.RolloutWindowEnd, 0);
    }

    /// <summary>The replication's result at the horizon: the recorder's observations (rollout window and outcome,
    /// capacity, instances, memory) with the components' totals (requests, lifecycle event times, launches, OOM kills,
    /// stale instances, detection and recovery, events).</summary>
    private ReplicationResult Finish(StopReason reason)
    {
        var t = Traffic;
        var r = Recorder;
        t.Integrate(NowMs);
        r.Close(t.Latency?.Tracker);
        bool worker = Fleet.Kind == FleetKind.Worker;
        var groups = new TargetGroupResult[r.TargetGroupCount];
        for (int g = 0; g < groups.Length; g++)
            groups[g] = new TargetGroupResult(r.GroupMinServingCapacityPct(g), r.GroupCapacityPct(g, t.GroupServingCapacity(g)),
                t.GroupUnservedRequests(g), t.GroupFailedRequests(g));
        double weakest = double.PositiveInfinity, unserved = 0;                 // the weakest group decides; unserved adds up
        foreach (var g in groups)
        {
            weakest = Math.Min(weakest, g.MinServingCapacityPct);
            unserved += g.UnservedRequests;
        }
        var outcome = r.Outcome;
        bool failed = outcome is DeploymentOutcome.Failed or DeploymentOutcome.Stopped or DeploymentOutcome.RolledBack;
        var (scaleOutP50, scaleOutMax) = r.ScaleOutToServing();
        var result = new ReplicationResult
        {
            Replication = Replication,
            Outcome = outcome,
            RolloutSeconds = r.RolloutSeconds,
            FailureReason = failed ? r.FailureReason ?? FailureReasons.Unknown : null,
            TimeToFailureSeconds = failed ? r.SecondsToFailure : double.NaN,
            PhaseSeconds = CodeDeploy.PhaseMeans(),
            MinServingCapacityPct = groups.Length > 0 ? weakest : r.MinServingCapacityPct,
            UnservedRequests = groups.Length > 0 ? unserved : t.UnservedRequests,
            TargetGroups = new TargetGroupResults(groups),
            FailedRequests = t.FailedRequests,
            ServedRequests = t.ServedRequests,
            DemandRequests = t.DemandRequests,
            PeakInstances = r.PeakInstances,
            InstanceHours = r.InstanceHours,
            RolloutInstanceHours = r.RolloutInstanceHours,
            PeakMemoryPct = r.PeakMemoryPct,
            OomKills = Unicorn.OomKills,
            RolloutPeakMemoryPct = r.RolloutPeakMemoryPct,
            RolloutOomKills = r.RolloutOomKills,
            Launches = AutoScaling.Launches,
            AbandonedLaunches = AutoScaling.AbandonedLaunches,
            StaleInstances = Strategies.StaleInstances(),
            TimeToDetectSeconds = BadRevisions.TimeToDetectSeconds,
            TimeToRecoverSeconds = BadRevisions.TimeToRecoverSeconds,
            BadRevisionFailedRequests = t.BadRevisionFailedRequests,
            PeakBacklog = t.PeakBacklog,
            JobWaitP50Seconds = worker ? t.JobWaitsUntil(NowMs).Quantile(0.5) : double.NaN,
            JobWaitP99Seconds = worker ? t.JobWaits.Quantile(0.99) : double.NaN,
            MaxJobWaitSeconds = worker ? t.JobWaits.MaxSeconds : double.NaN,
            ScaleOutToServingP50Seconds = scaleOutP50,
            MaxScaleOutToServingSeconds = scaleOutMax,
            WarmPoolInstanceHours = r.WarmPoolInstanceHours,
            UnfinishedInstances = r.UnfinishedInstances,
            EventsProcessed = Sim.ProcessedEvents,
            TraceFingerprint = Sim.TraceFingerprint,
            StopReason = reason,
        };
        return t.Latency is { } latency ? new LatencyReplicationResult(result, LatencyOf(latency)) : result;
    }

    /// <summary>The latency model's figures: window and steady-state percentiles, errors, SLO (issue 17).</summary>
    private static LatencyFigures LatencyOf(LatencyModel m)
    {
        var (http502, http504) = m.Errors;
        return new(m.Quantile(true, 0.5), m.Quantile(true, 0.9), m.Quantile(true, 0.99), m.Quantile(true, 0.999),
            m.Quantile(false, 0.5), m.Quantile(false, 0.9), m.Quantile(false, 0.99), m.Quantile(false, 0.999),
            http502, http504, m.PeakQueued, m.BudgetBurnedPct, m.ViolatedMinutes);
    }
}
