using System.Text.Json.Serialization;

namespace DeploySim.Sharding;

/// <summary>A run of consecutive replications of one point (a scenario, strategy, sweep combination or plan cell).</summary>
public readonly record struct ReplicationRange(int Point, int First, int Count)
{
    [JsonIgnore]
    public int End => First + Count;
}

/// <summary>Splits a command's work into shards: the units are (point, replication) in point-major order, each point's
/// replications costing its estimate; shard K of N takes the units whose cost midpoint falls in the K-th N-th of the
/// total, so every shard gets consecutive units of about the same cost and the shards, in order, tile the work.</summary>
/// <remarks>Integer arithmetic (128-bit) throughout, so every process computes the same split. A unit never splits:
/// the largest imbalance is one unit's cost. O(points) per shard.</remarks>
public static class ShardPlan
{
    /// <summary>The ranges shard <paramref name="shard"/> covers, in work order (empty ranges left out).</summary>
    /// <param name="replications">Replications (units) per point.</param>
    /// <param name="costs">Cost of one unit per point (each at least 1).</param>
    /// <param name="shard">Which shard.</param>
    public static IReadOnlyList<ReplicationRange> Ranges(IReadOnlyList<int> replications, IReadOnlyList<long> costs, ShardSpec shard)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(costs.Count, replications.Count);
        Int128 total = 0;
        for (int p = 0; p < replications.Count; p++) total += (Int128)replications[p] * Math.Max(1, costs[p]);
        var ranges = new List<ReplicationRange>();
        Int128 before = 0;
        for (int p = 0; p < replications.Count; p++)
        {
            long cost = Math.Max(1, costs[p]);
            int first = FirstAtOrAfter(shard.Index - 1, shard.Count, total, before, cost, replications[p]);
            int end = FirstAtOrAfter(shard.Index, shard.Count, total, before, cost, replications[p]);
            if (end > first) ranges.Add(new ReplicationRange(p, first, end - first));
            before += (Int128)replications[p] * cost;
        }
        return ranges;
    }

    /// <summary>The first unit i of a point (units before it cost <paramref name="before"/>) whose midpoint
    /// before + (i + ½)·cost is at least boundary j·total/n; <paramref name="count"/> when none is.</summary>
    private static int FirstAtOrAfter(int j, int n, Int128 total, Int128 before, long cost, int count)
    {
        // n·(2·before + (2i+1)·cost) ≥ 2·j·total  ⇔  2i+1 ≥ ⌈a / (n·cost)⌉ with a = 2·j·total − 2·n·before.
        Int128 a = (2 * j * total) - (2 * n * before);
        if (a <= 0) return 0;
        Int128 d = (Int128)n * cost;
        Int128 q = (a + d - 1) / d;
        Int128 i = q / 2;
        return i >= count ? count : (int)i;
    }
}
