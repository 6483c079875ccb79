using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

/// <summary>issue 13: the k-th member of a set of ids without a scan (an EC2 failure's random in-service instance).</summary>
public sealed class RankIndexTests
{
    [Test]
    public void Kth_MatchesASortedScan_ThroughAddsAndRemovals()
    {
        var rng = new Random(13);
        var index = new RankIndex();
        index.Reset(100);
        var members = new SortedSet<int>();
        for (int step = 0; step < 2_000; step++)
        {
            int id = rng.Next(100);
            if (members.Remove(id)) index.Add(id, -1);
            else
            {
                members.Add(id);
                index.Add(id, +1);
            }
            int k = rng.Next(members.Count + 2);
            Assert.That(index.Kth(k), Is.EqualTo(k < members.Count ? members.ElementAt(k) : -1), $"step {step}, k {k}");
        }
    }

    [Test]
    public void Reset_SizesToAPowerOfTwo_AndCoversOnlyIdsBelowIt()
    {
        var index = new RankIndex();
        index.Reset(5);
        Assert.Multiple(() =>
        {
            Assert.That(index.Covers(7), Is.True);
            Assert.That(index.Covers(8), Is.False);
            Assert.That(index.Kth(0), Is.EqualTo(-1), "empty");
        });
        index.Add(7, 1);
        index.Add(2, 1);
        Assert.That(new[] { index.Kth(0), index.Kth(1), index.Kth(2) }, Is.EqualTo(new[] { 2, 7, -1 }));
        index.Reset(5);
        Assert.That(index.Kth(0), Is.EqualTo(-1), "a reset empties it");
    }
}
