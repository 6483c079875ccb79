using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Reporting.Plots;

/// <summary>The replications a capacity band is drawn from: each replication's trace is recorded again (replication r
/// draws from streams seeded by (seed, r), so the re-run is the run), all of them up to <see cref="Max"/>, otherwise
/// <see cref="Max"/> spread evenly plus the worst one (and the one the user chose to draw).</summary>
internal static class BandReplications
{
    public const int Max = 100;

    /// <summary>The replications of <see cref="Pick"/> with their traces; <paramref name="drawn"/> (the replication drawn
    /// elsewhere) is reused, and <paramref name="chosen"/> (0-based, the user's choice) is always among them.</summary>
    public static IReadOnlyList<(ReplicationResult Result, ReplicationDetail Detail)> Of(Scenario scenario, IReadOnlyList<ReplicationResult> results,
        ReplicationDetail drawn, int? chosen = null)
    {
        var picked = Pick(results);
        if (chosen is { } c && !picked.Any(r => results[r].Replication == c))
            picked = [.. picked.Append(Enumerable.Range(0, results.Count).First(r => results[r].Replication == c)).Order()];
        // The trace at hand is reused unless it lacks the per-group series (read back from a shard).
        bool complete = drawn.TargetGroupNames.Count == 0 || drawn.GroupCapacityRps.Count == drawn.Series.Count;
        return picked.Select(r => (results[r], results[r].Replication == drawn.Replication && complete ? drawn
            : ScenarioRunner.RunOne(scenario, results[r].Replication, detail: true).Detail)).ToList();
    }

    /// <summary>Indexes into <paramref name="results"/>: all, or an even spread of <see cref="Max"/> with the worst added.</summary>
    public static IReadOnlyList<int> Pick(IReadOnlyList<ReplicationResult> results)
    {
        if (results.Count <= Max) return [.. Enumerable.Range(0, results.Count)];
        var picked = Enumerable.Range(0, Max).Select(i => (int)((long)i * results.Count / Max)).ToHashSet();
        int worst = 0;
        for (int r = 1; r < results.Count; r++) if (Running.ReplicationChoice.Severity.Compare(results[r], results[worst]) < 0) worst = r;
        picked.Add(worst);
        return [.. picked.Order()];
    }
}
