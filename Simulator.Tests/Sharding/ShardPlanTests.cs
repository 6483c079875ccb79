using DeploySim.Sharding;

namespace DeploySim.Tests.Sharding;

/// <summary>The split: shards in order tile every (point, replication) unit exactly once, each a run of consecutive
/// units, balanced by cost to within one unit.</summary>
public sealed class ShardPlanTests
{
    private static List<(int Point, int Replication)> Units(IReadOnlyList<ReplicationRange> ranges) =>
        [.. ranges.SelectMany(r => Enumerable.Range(r.First, r.Count).Select(i => (r.Point, i)))];

    [Test]
    public void Ranges_RandomWork_ShardsInOrderTileEveryUnitOnceAndBalanceCost()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 300; trial++)
        {
            int points = random.Next(1, 6);
            var reps = Enumerable.Range(0, points).Select(_ => random.Next(0, 40)).ToArray();
            var costs = Enumerable.Range(0, points).Select(_ => (long)random.Next(1, 1000)).ToArray();
            int n = random.Next(1, 12);
            var all = new List<(int, int)>();
            double total = reps.Select((r, p) => (double)r * costs[p]).Sum();
            for (int k = 1; k <= n; k++)
            {
                var ranges = ShardPlan.Ranges(reps, costs, new ShardSpec(k, n));
                all.AddRange(Units(ranges));
                double cost = ranges.Sum(r => (double)r.Count * costs[r.Point]);
                Assert.That(cost, Is.LessThanOrEqualTo((total / n) + costs.Max()), $"trial {trial}, shard {k}/{n}");
            }
            var expected = reps.SelectMany((r, p) => Enumerable.Range(0, r).Select(i => (p, i))).ToList();
            Assert.That(all, Is.EqualTo(expected), $"trial {trial}");
        }
    }

    [Test]
    public void Ranges_OnePointOfEqualCost_SplitsEvenly()
    {
        var sizes = Enumerable.Range(1, 7).Select(k => ShardPlan.Ranges([100], [5], new ShardSpec(k, 7)).Sum(r => r.Count)).ToArray();
        Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1));
        Assert.That(sizes.Sum(), Is.EqualTo(100));
    }

    [Test]
    public void Ranges_ExpensivePoint_GetsFewerReplicationsPerShard()
    {
        // Point 0 costs ten times point 1: the first of two shards takes about half of point 0's cost only.
        var first = ShardPlan.Ranges([10, 100], [100, 10], new ShardSpec(1, 2));
        Assert.That(first, Is.EqualTo(new[] { new ReplicationRange(0, 0, 10) }));
        var second = ShardPlan.Ranges([10, 100], [100, 10], new ShardSpec(2, 2));
        Assert.That(second, Is.EqualTo(new[] { new ReplicationRange(1, 0, 100) }));
    }

    [Test]
    public void Ranges_MoreShardsThanUnits_LeavesSomeShardsEmpty()
    {
        var counts = Enumerable.Range(1, 7).Select(k => ShardPlan.Ranges([3], [1], new ShardSpec(k, 7)).Sum(r => r.Count)).ToArray();
        Assert.That(counts.Sum(), Is.EqualTo(3));
        Assert.That(counts.Count(c => c == 0), Is.EqualTo(4));
    }

    [Test]
    public void Ranges_AMillionReplicationsOfHugeCost_DoNotOverflow()
    {
        var ranges = Enumerable.Range(1, 3).Select(k => ShardPlan.Ranges([1_000_000, 1_000_000], [long.MaxValue / 4, 1], new ShardSpec(k, 3))).ToList();
        Assert.That(ranges.Sum(r => r.Sum(x => (long)x.Count)), Is.EqualTo(2_000_000));
    }
}
