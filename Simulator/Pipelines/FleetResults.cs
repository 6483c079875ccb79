using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>Combines the fleets' results of one replication into one <see cref="ReplicationResult"/>.</summary>
/// <remarks>
/// Sums: requests (unserved, failed, served, demand, failed by a bad revision), instance-hours (also the rollout's),
/// peak instances (each fleet's peak: an upper bound of the simultaneous peak), launches, abandoned launches, OOM
/// kills, stale and unfinished instances, peak backlog and events. Maxima: rollout time, peak memory, each phase's
/// mean duration per instance, time to recover. Minima: serving capacity (each fleet's own percentage), time to detect
/// (the first alarm), time to failure. The failure reason is the first failed fleet's. The trace fingerprint mixes the fleets' fingerprints in order; the stop reason is the most
/// severe (cancelled, budget, stopped, horizon, empty). With one fleet the result is that fleet's, unchanged.
/// Pure functions; thread-safe.
/// </remarks>
public static class FleetResults
{
    /// <summary>The combination of <paramref name="fleets"/> (at least one) with the given outcome.</summary>
    public static ReplicationResult Combine(int replication, IReadOnlyList<ReplicationResult> fleets, DeploymentOutcome outcome)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fleets.Count);
        bool failed = outcome is DeploymentOutcome.Failed or DeploymentOutcome.Stopped or DeploymentOutcome.RolledBack;
        string? reason = failed ? fleets.Select(f => f.FailureReason).FirstOrDefault(r => r is not null) ?? FailureReasons.Unknown : null;
        double toFailure = failed ? MinOrNaN(fleets.Select(f => f.TimeToFailureSeconds)) : double.NaN;
        if (failed && double.IsNaN(toFailure)) toFailure = fleets.Max(f => f.RolloutSeconds);
        if (fleets.Count == 1) return fleets[0] with { Replication = replication, Outcome = outcome, FailureReason = reason, TimeToFailureSeconds = toFailure };
        var phases = new SortedDictionary<LifecycleEvent, double>();
        foreach (var f in fleets)
            foreach (var (e, s) in f.PhaseSeconds)
                phases[e] = phases.TryGetValue(e, out var v) ? Math.Max(v, s) : s;
        ulong fingerprint = 0xcbf29ce484222325UL;
        foreach (var f in fleets)
        {
            ulong state = fingerprint ^ f.TraceFingerprint;
            fingerprint = Xoshiro256.SplitMix64(ref state);
        }
        return new ReplicationResult
        {
            Replication = replication,
            Outcome = outcome,
            RolloutSeconds = fleets.Max(f => f.RolloutSeconds),
            FailureReason = reason,
            TimeToFailureSeconds = toFailure,
            PhaseSeconds = new Dictionary<LifecycleEvent, double>(phases),
            MinServingCapacityPct = fleets.Min(f => f.MinServingCapacityPct),
            UnservedRequests = fleets.Sum(f => f.UnservedRequests),
            FailedRequests = fleets.Sum(f => f.FailedRequests),
            ServedRequests = fleets.Sum(f => f.ServedRequests),
            DemandRequests = fleets.Sum(f => f.DemandRequests),
            PeakInstances = fleets.Sum(f => f.PeakInstances),
            InstanceHours = fleets.Sum(f => f.InstanceHours),
            RolloutInstanceHours = fleets.Sum(f => f.RolloutInstanceHours),
            PeakMemoryPct = fleets.Max(f => f.PeakMemoryPct),
            OomKills = fleets.Sum(f => f.OomKills),
            Launches = fleets.Sum(f => f.Launches),
            AbandonedLaunches = fleets.Sum(f => f.AbandonedLaunches),
            StaleInstances = fleets.Sum(f => f.StaleInstances),
            UnfinishedInstances = fleets.Sum(f => f.UnfinishedInstances),
            TimeToDetectSeconds = MinOrNaN(fleets.Select(f => f.TimeToDetectSeconds)),
            TimeToRecoverSeconds = MaxOrNaN(fleets.Select(f => f.TimeToRecoverSeconds)),
            BadRevisionFailedRequests = fleets.Sum(f => f.BadRevisionFailedRequests),
            PeakBacklog = fleets.Sum(f => f.PeakBacklog),
            JobWaitP50Seconds = MaxOrNaN(fleets.Select(f => f.JobWaitP50Seconds)),      // the slowest worker fleet's
            JobWaitP99Seconds = MaxOrNaN(fleets.Select(f => f.JobWaitP99Seconds)),
            MaxJobWaitSeconds = MaxOrNaN(fleets.Select(f => f.MaxJobWaitSeconds)),
            ScaleOutToServingP50Seconds = MaxOrNaN(fleets.Select(f => f.ScaleOutToServingP50Seconds)),   // the slowest fleet's
            MaxScaleOutToServingSeconds = MaxOrNaN(fleets.Select(f => f.MaxScaleOutToServingSeconds)),
            WarmPoolInstanceHours = fleets.Sum(f => f.WarmPoolInstanceHours),
            EventsProcessed = fleets.Sum(f => f.EventsProcessed),
            TraceFingerprint = fingerprint,
            StopReason = fleets.Select(f => f.StopReason).MaxBy(Severity),
        };
    }

    /// <summary>The outcome of fleets deployed independently (no pipeline): the first fleet's outcome that is neither
    /// success nor "no deployment", else succeeded when any fleet deployed, else none.</summary>
    public static DeploymentOutcome CombinedOutcome(IEnumerable<DeploymentOutcome> outcomes)
    {
        var list = outcomes.ToList();
        foreach (var o in list)
            if (o is not (DeploymentOutcome.Succeeded or DeploymentOutcome.None)) return o;
        return list.Contains(DeploymentOutcome.Succeeded) ? DeploymentOutcome.Succeeded : DeploymentOutcome.None;
    }

    private static int Severity(StopReason r) => r switch
    {
        StopReason.Cancelled => 4,
        StopReason.Budget => 3,
        StopReason.Stopped => 2,
        StopReason.Horizon => 1,
        _ => 0,
    };

    private static double MinOrNaN(IEnumerable<double> xs)
    {
        double m = double.NaN;
        foreach (var x in xs) if (!double.IsNaN(x) && !(x >= m)) m = x;
        return m;
    }

    private static double MaxOrNaN(IEnumerable<double> xs)
    {
        double m = double.NaN;
        foreach (var x in xs) if (!double.IsNaN(x) && !(x <= m)) m = x;
        return m;
    }
}
