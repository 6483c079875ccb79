using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class RandomStreamsTests
{
    private static ulong[] First(Xoshiro256 rng, int n) => Enumerable.Range(0, n).Select(_ => rng.NextUInt64()).ToArray();

    [Test]
    public void DeriveSeed_SameInputs_SameSeed()
    {
        ulong first = RandomStreams.DeriveSeed(42, 3, "asg.launch");
        ulong second = RandomStreams.DeriveSeed(42, 3, "asg.launch");
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void DeriveSeed_KnownInput_IsStable() =>
        // Pinned (and checked against an independent implementation of the documented FNV-1a + SplitMix64 derivation):
        // changing the derivation would silently change every published result.
        Assert.That(RandomStreams.DeriveSeed(42, 0, "asg.launch"), Is.EqualTo(3_265_680_728_017_868_745UL));

    [Test]
    public void DeriveSeed_DifferentSeedReplicationOrName_AllDifferent()
    {
        string[] names = ["", "a", "b", "ab", "ba", "asg.launch", "asg.terminate", "codedeploy.hooks", "\u0100", "\u0001"];
        var seeds = new HashSet<ulong>();
        int count = 0;
        foreach (ulong master in new ulong[] { 0, 1, 42, ulong.MaxValue })
            for (int rep = -1; rep < 20; rep++)
                foreach (var name in names)
                {
                    seeds.Add(RandomStreams.DeriveSeed(master, rep, name));
                    count++;
                }
        Assert.That(seeds, Has.Count.EqualTo(count));
    }

    [Test]
    public void Create_SameInputs_SameStream()
    {
        var first = First(RandomStreams.Create(7, 1, "traffic"), 100);
        var second = First(RandomStreams.Create(7, 1, "traffic"), 100);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Create_DifferentNameOrReplication_DifferentStreams()
    {
        var a = First(RandomStreams.Create(7, 1, "traffic"), 100);
        Assert.That(First(RandomStreams.Create(7, 1, "health"), 100), Is.Not.EqualTo(a));
        Assert.That(First(RandomStreams.Create(7, 2, "traffic"), 100), Is.Not.EqualTo(a));
        Assert.That(First(RandomStreams.Create(8, 1, "traffic"), 100), Is.Not.EqualTo(a));
    }

    [Test]
    public void Create_AnotherComponentDraws_DoesNotShiftThisStream()
    {
        var alone = First(RandomStreams.Create(5, 0, "asg"), 50);
        var other = RandomStreams.Create(5, 0, "new.component");
        var asg = RandomStreams.Create(5, 0, "asg");
        var interleaved = new ulong[50];
        for (int i = 0; i < 50; i++)
        {
            other.NextUInt64();
            interleaved[i] = asg.NextUInt64();
        }
        Assert.That(interleaved, Is.EqualTo(alone));
    }

    [Test]
    public void Reseed_ExistingGenerator_EqualsFreshOne()
    {
        var rng = RandomStreams.Create(1, 0, "x");
        rng.NextUInt64();
        RandomStreams.Reseed(rng, 3, 4, "y");
        Assert.That(First(rng, 20), Is.EqualTo(First(RandomStreams.Create(3, 4, "y"), 20)));
    }
}
