namespace DeploySim.Engine;

/// <summary>Independent random streams derived from (master seed, replication, stream name).</summary>
/// <remarks>Each named component draws from its own stream, so adding a component or a draw in one component
/// never shifts another component's numbers. The name's UTF-16 code units are hashed with FNV-1a (stable across processes, allocation-free),
/// then mixed with the seed and the replication through SplitMix64.</remarks>
public static class RandomStreams
{
    /// <summary>The 64-bit seed of stream <paramref name="name"/> in replication <paramref name="replication"/>.</summary>
    public static ulong DeriveSeed(ulong masterSeed, int replication, string name)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (char c in name)
        {
            h = unchecked((h ^ (byte)c) * 0x100000001b3UL);
            h = unchecked((h ^ (byte)(c >> 8)) * 0x100000001b3UL);
        }
        ulong state = masterSeed;
        ulong a = Xoshiro256.SplitMix64(ref state);
        state = unchecked(a ^ ((ulong)(uint)replication * 0xD1B54A32D192ED03UL));
        ulong b2 = Xoshiro256.SplitMix64(ref state);
        state = unchecked(b2 ^ h);
        return Xoshiro256.SplitMix64(ref state);
    }

    /// <summary>A new generator for one stream.</summary>
    public static Xoshiro256 Create(ulong masterSeed, int replication, string name) =>
        new(DeriveSeed(masterSeed, replication, name));

    /// <summary>Reseeds an existing generator for the next replication without allocating.</summary>
    public static void Reseed(Xoshiro256 rng, ulong masterSeed, int replication, string name) =>
        rng.Reseed(DeriveSeed(masterSeed, replication, name));
}
