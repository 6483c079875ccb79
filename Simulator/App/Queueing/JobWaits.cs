namespace DeploySim.App.Queueing;

/// <summary>How long a worker fleet's jobs wait in the queue (docs/model.md#job-waits): the fluid queue is FIFO, so a
/// job that arrives with backlog B ahead of it while the fleet pulls C jobs per second waits B / C. Over an interval in
/// which B moves linearly, the waits of its arrivals are spread evenly between the two ends; jobs that arrive while
/// nothing serves wait until serving resumes, and then behind the backlog. The distribution is kept as weighted
/// uniform pieces on a fixed log grid (0.5 % buckets of each end, as <see cref="LatencyMixture"/> does): adding
/// allocates nothing, and a percentile is found by bisection over the pieces' CDF.</summary>
public sealed class JobWaits
{
    private const int Capacity = 1024;
    private readonly double[] _weight = new double[Capacity], _lo = new double[Capacity], _hi = new double[Capacity];
    private readonly Dictionary<long, int> _index = new(Capacity);
    private int _count;
    private double _total;

    /// <summary>The longest wait added, in seconds (0 before any job).</summary>
    public double MaxSeconds { get; private set; }

    public void Clear()
    {
        _index.Clear();
        _count = 0;
        _total = MaxSeconds = 0;
    }

    /// <summary>Adds <paramref name="jobs"/> whose waits run evenly from <paramref name="fromSeconds"/> to <paramref name="toSeconds"/>.</summary>
    public void Add(double jobs, double fromSeconds, double toSeconds)
    {
        if (!(jobs > 0)) return;
        double lo = Math.Max(0, Math.Min(fromSeconds, toSeconds)), hi = Math.Max(0, Math.Max(fromSeconds, toSeconds));
        MaxSeconds = Math.Max(MaxSeconds, hi);
        _total += jobs;
        long key = (Bucket(lo) << 32) | Bucket(hi);
        if (!_index.TryGetValue(key, out int i))
        {
            if (_count == Capacity) i = Nearest(lo, hi);
            else
            {
                i = _count++;
                _index[key] = i;
                (_weight[i], _lo[i], _hi[i]) = (0, 0, 0);
            }
        }
        // The piece's ends are the weighted means of what it absorbed.
        double w = _weight[i] + jobs;
        _lo[i] += (lo - _lo[i]) * jobs / w;
        _hi[i] += (hi - _hi[i]) * jobs / w;
        _weight[i] = w;
    }

    /// <summary>The <paramref name="q"/> quantile of the waits in seconds (NaN when no job arrived).</summary>
    public double Quantile(double q)
    {
        if (_total <= 0) return double.NaN;
        if (Cdf(0) >= q) return 0;
        double lo = 0, hi = MaxSeconds;
        for (int k = 0; k < 60; k++)
        {
            double mid = (lo + hi) / 2;
            if (Cdf(mid) < q) lo = mid; else hi = mid;
        }
        return hi;
    }

    private double Cdf(double t)
    {
        double sum = 0;
        for (int i = 0; i < _count; i++)
        {
            double width = _hi[i] - _lo[i];
            sum += _weight[i] * (t >= _hi[i] ? 1 : t < _lo[i] ? 0 : width <= 0 ? 1 : (t - _lo[i]) / width);
        }
        return sum / _total;
    }

    private int Nearest(double lo, double hi)
    {
        int best = 0;
        double distance = double.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            double d = Math.Abs(_lo[i] - lo) + Math.Abs(_hi[i] - hi);
            if (d < distance) (best, distance) = (i, d);
        }
        return best;
    }

    private static long Bucket(double seconds) => seconds <= 0 ? 0 : 1 + (long)Math.Round(Math.Log(1 + (seconds * 1000)) * 200);
}
