using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Reporting.Plots;

/// <summary>The replications a capacity band is drawn from: each replication's trace is recorded again (replication r
/// draws from streams seeded by (seed, r), so the re-run is the run), all of them up to <see cref="Max"/>, otherwise
/// <see cref="Max"/> spread evenly plus the worst one.</summary>
internal static class BandReplications
{
    public const int Max = 100;

    public static IReadOnlyList<(ReplicationResult Result, ReplicationDetail Detail)> Of(Scenario scenario, IReadOnlyList<ReplicationResult> results, ReplicationDetail first)
    {
        var picked = Pick(results);
        // The first replication's trace is at hand unless it lacks the per-group series (read back from a shard).
        bool firstComplete = first.TargetGroupNames.Count == 0 || first.GroupCapacityRps.Count == first.Series.Count;
        return picked.Select(r => (results[r], r == 0 && firstComplete ? first : ScenarioRunner.RunOne(scenario, results[r].Replication, detail: true).Detail)).ToList();
    }

    /// <summary>Indexes into <paramref name="results"/>: all, or an even spread of <see cref="Max"/> with the worst added.</summary>
    public static IReadOnlyList<int> Pick(IReadOnlyList<ReplicationResult> results)
    {
        if (results.Count <= Max) return [.. Enumerable.Range(0, results.Count)];
        var picked = Enumerable.Range(0, Max).Select(i => (int)((long)i * results.Count / Max)).ToHashSet();
        int worst = 0;
        for (int r = 1; r < results.Count; r++) if (results[r].MinServingCapacityPct < results[worst].MinServingCapacityPct) worst = r;
        picked.Add(worst);
        return [.. picked.Order()];
    }
}
