using DeploySim.Engine;

namespace DeploySim.Benchmarks.Engine;

/// <summary>Pre-drawn exponential increments for the hold model, so that random-number cost is not measured.</summary>
internal static class HoldIncrements
{
    /// <summary>Mean increment: one minute of simulated time, in milliseconds (DeploySim's clock resolution).</summary>
    public const double MeanMs = 60_000;

    /// <summary>Table size (a power of two): 512 KB, read sequentially.</summary>
    public const int Count = 1 << 16;

    public static long[] Create(ulong seed = 12345)
    {
        var rng = new Xoshiro256(seed);
        var increments = new long[Count];
        for (int i = 0; i < increments.Length; i++) increments[i] = (long)(-MeanMs * Math.Log(1 - rng.NextDouble()));
        return increments;
    }
}
