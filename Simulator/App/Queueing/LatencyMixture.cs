namespace DeploySim.App.Queueing;

/// <summary>The latency distribution of the requests answered over a window, as a mixture of the waiting-time
/// distributions of its intervals weighted by their requests; latency = wait + service time.</summary>
/// <remarks>
/// Between events the load on every queue is constant, so each interval contributes either a stationary wait
/// (<see cref="WaitShape"/>) or, while a fluid backlog grows or drains, a wait spread uniformly between the backlog's
/// two ends. Components with the same parameters up to 0.05 % (probability) and 0.5 % (rates, bounds) are merged, their
/// parameters averaged by weight, so a rollout adds a few dozen components whatever its length. Capacity is fixed at
/// construction: adding allocates nothing (when full, the nearest component of the same kind absorbs the weight).
/// The window's CDF at t is Σ wᵢ Fᵢ(t) / Σ wᵢ, with Fᵢ the convolution of the component's wait with the service time:
/// closed form for exponential service, otherwise the exact service CDF for the no-wait part and a
/// <see cref="ServiceTime.Points"/>-point quantile quadrature for the rest. A percentile is found by bisection
/// (O(components × points × 40)). Not thread-safe: one per world.
/// </remarks>
public sealed class LatencyMixture
{
    private const int Capacity = 512;
    private const int Slots = 1024;
    private readonly bool[] _uniform = new bool[Capacity];
    private readonly long[] _key = new long[Capacity];
    private readonly double[] _weight = new double[Capacity];
    private readonly double[] _sumA = new double[Capacity];   // Σ w·P  or Σ w·a
    private readonly double[] _sumB = new double[Capacity];   // Σ w/θ  or Σ w·b
    private readonly int[] _slot = new int[Slots];             // index + 1 of the component, 0 when empty
    private int _count;

    public int Components => _count;

    /// <summary>Another mixture that receives every addition to this one too (the time series' recent span); null: none.</summary>
    public LatencyMixture? Mirror { get; set; }
    public double TotalWeight { get; private set; }

    public void Clear()
    {
        Array.Clear(_slot);
        _count = 0;
        TotalWeight = 0;
    }

    /// <summary>Adds <paramref name="requests"/> answered with a stationary wait.</summary>
    public void AddStationary(double requests, in WaitShape wait)
    {
        if (!(requests > 0)) return;
        double p = wait.Probability < 1e-9 ? 0 : wait.Probability;
        double mean = p == 0 ? 0 : 1 / wait.RatePerMs;
        long key = p == 0 ? 0 : ((long)Math.Round(p * 2000) * 4096) + (long)Math.Round(Math.Log(mean + 1e-9) * 200);
        Add(false, key, requests, requests * p, requests * mean);
    }

    /// <summary>Adds <paramref name="requests"/> whose waits are spread evenly over [<paramref name="fromMs"/>, <paramref name="toMs"/>].</summary>
    public void AddUniform(double requests, double fromMs, double toMs)
    {
        if (!(requests > 0)) return;
        if (toMs < fromMs) (fromMs, toMs) = (toMs, fromMs);
        long key = ((long)Math.Round(Math.Log(1 + fromMs) * 200) * 65536) + (long)Math.Round(Math.Log(1 + toMs) * 200);
        Add(true, key, requests, requests * fromMs, requests * toMs);
    }

    /// <summary>Adds every component of <paramref name="other"/>.</summary>
    public void AddAll(LatencyMixture other)
    {
        for (int i = 0; i < other._count; i++) Add(other._uniform[i], other._key[i], other._weight[i], other._sumA[i], other._sumB[i]);
    }

    private void Add(bool uniform, long key, double w, double a, double b)
    {
        Mirror?.Add(uniform, key, w, a, b);
        TotalWeight += w;
        long hashKey = uniform ? ~key : key;
        int h = unchecked((int)((ulong)(hashKey * (long)0x9E3779B97F4A7C15) >> 54));
        for (int probe = 0; probe < Slots; probe++)
        {
            int s = (h + probe) & (Slots - 1);
            int idx = _slot[s] - 1;
            if (idx < 0)
            {
                if (_count == Capacity) break;
                idx = _count++;
                _slot[s] = idx + 1;
                (_uniform[idx], _key[idx], _weight[idx], _sumA[idx], _sumB[idx]) = (uniform, key, 0, 0, 0);
            }
            else if (_uniform[idx] != uniform || _key[idx] != key) continue;
            Accumulate(idx, w, a, b);
            return;
        }
        Accumulate(Nearest(uniform, a / w, b / w), w, a, b);
    }

    private void Accumulate(int idx, double w, double a, double b)
    {
        _weight[idx] += w;
        _sumA[idx] += a;
        _sumB[idx] += b;
    }

    private int Nearest(bool uniform, double a, double b)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            if (_uniform[i] != uniform) continue;
            double d = Math.Abs((_sumA[i] / _weight[i]) - a) + Math.Abs((_sumB[i] / _weight[i]) - b);
            if (d < bestDistance) (best, bestDistance) = (i, d);
        }
        return best;
    }

    /// <summary>P(latency ≤ <paramref name="ms"/>) over the window (NaN when no request was answered).</summary>
    public double Cdf(double ms, ServiceTime service)
    {
        if (TotalWeight <= 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < _count; i++)
        {
            double w = _weight[i];
            double a = _sumA[i] / w, b = _sumB[i] / w;
            sum += w * (_uniform[i] ? UniformCdf(ms, a, b, service) : StationaryCdf(ms, a, b, service));
        }
        return sum / TotalWeight;
    }

    /// <summary>The <paramref name="q"/> quantile (0 &lt; q &lt; 1) of latency in milliseconds (NaN when empty).</summary>
    public double Quantile(double q, ServiceTime service)
    {
        if (TotalWeight <= 0) return double.NaN;
        double hi = Math.Max(service.MeanMs, 1e-3);
        for (int i = 0; i < 80 && Cdf(hi, service) < q; i++) hi *= 2;
        double lo = 0;
        for (int i = 0; i < 40; i++)
        {
            double mid = (lo + hi) / 2;
            if (Cdf(mid, service) < q) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    internal static double StationaryCdf(double t, double p, double meanWait, ServiceTime service)
    {
        if (p <= 0 || meanWait <= 0) return service.Cdf(t);
        double theta = 1 / meanWait;
        if (service.IsExponential) return 1 - ErlangC.ExponentialWaitPlusExponentialService(p, theta, service.RatePerMs, t);
        var points = service.QuadraturePoints;
        double waited = 0;
        for (int j = 0; j < points.Length && points[j] < t; j++) waited += 1 - Math.Exp(-theta * (t - points[j]));
        return ((1 - p) * service.Cdf(t)) + (p * waited / points.Length);
    }

    private static double UniformCdf(double t, double a, double b, ServiceTime service)
    {
        double width = b - a;
        if (width <= 1e-6 * (1 + b)) return service.Cdf(t - a);
        if (service.IsExponential)
        {
            if (t <= a) return 0;
            double mu = service.RatePerMs, hi = Math.Min(b, t);
            return ((hi - a) - ((Math.Exp(-mu * (t - hi)) - Math.Exp(-mu * (t - a))) / mu)) / width;
        }
        var points = service.QuadraturePoints;
        double sum = 0;
        for (int j = 0; j < points.Length && points[j] < t - a; j++) sum += Math.Min(1, (t - points[j] - a) / width);
        return sum / points.Length;
    }
}
