using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeploySim.Engine;

/// <summary>xoshiro256** (Blackman and Vigna), seeded with 64 bits through SplitMix64.</summary>
/// <remarks>A <see cref="Random"/> so that MathNet.Numerics' samplers can draw from it; sequences depend only on the seed,
/// never on the process, runtime version or thread. Reseeding allocates nothing. Not thread-safe.</remarks>
public sealed class Xoshiro256 : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed) : base(0) => Reseed(seed);

    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>One step of SplitMix64, also used to derive independent stream seeds.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)((NextUInt64() >> 32) * (ulong)maxValue >> 32);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        // The offset can exceed int.MaxValue (e.g. [int.MinValue, int.MaxValue)): add in 64 bits.
        return (int)(minValue + (long)((NextUInt64() >> 32) * (ulong)((long)maxValue - minValue) >> 32));
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());
}
