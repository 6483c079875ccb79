using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Folds <c>traffic.bursts</c> into the demand profile (docs/model.md#demand-and-bursts): the demand at every breakpoint of
/// the profile and of the bursts is the base demand there times each burst's envelope (1 outside, rising linearly over
/// its ramp to its factor, falling back over the ramp at its end), linear in between. Exact where a burst's ramp does
/// not overlap a slope of the profile (a product of two slopes is quadratic; the fold takes it at its ends).</summary>
public static class DemandBursts
{
    public static IReadOnlyList<TrafficPoint> Fold(IReadOnlyList<TrafficPoint> profile, double requestsPerSecond, IReadOnlyList<DemandBurst> bursts)
    {
        if (bursts.Count == 0) return profile;
        var times = new SortedSet<long>(profile.Select(p => p.At.Milliseconds));
        foreach (var b in bursts)
        {
            long start = b.At.Milliseconds, end = start + b.For.Milliseconds, ramp = b.Ramp.Milliseconds;
            times.UnionWith([start, start + ramp, end - ramp, end]);
        }
        return [.. times.Select(t => new TrafficPoint(new SimDuration(t), Base(profile, requestsPerSecond, t) * Envelope(bursts, t)))];
    }

    private static double Envelope(IReadOnlyList<DemandBurst> bursts, long t)
    {
        double f = 1;
        foreach (var b in bursts)
        {
            long start = b.At.Milliseconds, end = start + b.For.Milliseconds, ramp = b.Ramp.Milliseconds;
            if (t <= start || t >= end) continue;
            double up = Math.Min(1, (t - start) / (double)ramp), down = Math.Min(1, (end - t) / (double)ramp);
            f *= 1 + ((b.Factor - 1) * Math.Min(up, down));
        }
        return f;
    }

    private static double Base(IReadOnlyList<TrafficPoint> p, double rps, long t)
    {
        if (p.Count == 0) return rps;
        if (t <= p[0].At.Milliseconds) return p[0].RequestsPerSecond;
        for (int k = 0; k + 1 < p.Count; k++)
        {
            var (a, b) = (p[k], p[k + 1]);
            if (t > b.At.Milliseconds) continue;
            double f = (t - a.At.Milliseconds) / (double)(b.At.Milliseconds - a.At.Milliseconds);
            return a.RequestsPerSecond + (f * (b.RequestsPerSecond - a.RequestsPerSecond));
        }
        return p[^1].RequestsPerSecond;
    }
}
