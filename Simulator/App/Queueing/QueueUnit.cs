namespace DeploySim.App.Queueing;

/// <summary>One queue of unicorn workers (a target, or a pooled target group) over an interval of constant load:
/// stationary while arrivals are below service capacity and nothing is backlogged, a fluid backlog otherwise.</summary>
/// <remarks>
/// docs/model.md#overload-and-queueing: c workers (M/G/c) and a FIFO listen queue of K = min(backlog, somaxconn). With λ &lt; cμ and
/// no backlog the wait is stationary (<see cref="WaitShape"/>); its tail beyond the wait limit is counted as 504
/// and the M/M/c overflow probability C ρ^K as 502. With λ ≥ cμ, or while a backlog left by an overload drains,
/// the backlog B moves at λ − cμ (never below 0, never above K) and an arrival waits B / (cμ) (FIFO): arrivals
/// finding B = K are refused (502), arrivals whose wait exceeds the limit are late (504) but still occupy a worker
/// (docs/model.md#overload-and-queueing). Each phase (linear, then flat) is integrated exactly. O(1), allocates nothing.
/// </remarks>
public static class QueueUnit
{
    /// <summary>Advances one queue of <paramref name="servers"/> workers by <paramref name="durationMs"/> at
    /// <paramref name="arrivalsPerMs"/> (gaps with squared coefficient of variation <paramref name="arrivalScv"/>),
    /// adding the answered requests' waits to <paramref name="latencies"/> and the outcomes to <paramref name="counts"/>.
    /// <paramref name="backlog"/> (requests queued beyond the busy workers, fluid) is updated; <paramref name="queueLimit"/>
    /// is K (summed over the targets of a pooled group); <paramref name="settings"/> gives service time and timeout;
    /// <paramref name="members"/> identical queues in the same state are advanced at once (counts and weights scale);
    /// <paramref name="cache"/> keeps the last stationary evaluation, so an unchanged load costs no Erlang C.</summary>
    public static void Advance(ref double backlog, int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, double durationMs,
        QueueSettings settings, LatencyMixture latencies, ref RequestCounts counts, ref StationaryCache cache, double members = 1)
    {
        if (durationMs <= 0 || servers <= 0) return;
        double capacity = servers * settings.Service.RatePerMs;
        double limit = queueLimit;
        double waitLimit = settings.WaitLimitMs;
        double remaining = durationMs;
        counts.Arrived += members * arrivalsPerMs * durationMs;
        while (remaining > 0)
        {
            double net = arrivalsPerMs - capacity;
            if (backlog <= 0 && net < 0)
            {
                Stationary(servers, queueLimit, arrivalsPerMs, arrivalScv, remaining, settings, latencies, ref counts, ref cache, members);
                backlog = 0;
                return;
            }
            if (net > 0 && backlog >= limit)
            {
                double accepted = capacity * remaining;
                counts.Http502 += members * net * remaining;
                Late(members * accepted, limit / capacity, limit / capacity, waitLimit, settings, latencies, ref counts);
                backlog = limit;
                return;
            }
            if (net == 0)
            {
                Late(members * arrivalsPerMs * remaining, backlog / capacity, backlog / capacity, waitLimit, settings, latencies, ref counts);
                return;
            }
            double target = net > 0 ? limit : 0;
            double phase = Math.Min(remaining, (target - backlog) / net);
            double end = phase == remaining ? backlog + (net * phase) : target;
            Late(members * arrivalsPerMs * phase, backlog / capacity, end / capacity, waitLimit, settings, latencies, ref counts);
            backlog = Math.Clamp(end, 0, limit);
            remaining -= phase;
        }
    }

    /// <summary><see cref="Advance(ref double, int, double, double, double, double, QueueSettings, LatencyMixture, ref RequestCounts, ref StationaryCache, double)"/> without a cache.</summary>
    public static void Advance(ref double backlog, int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, double durationMs,
        QueueSettings settings, LatencyMixture latencies, ref RequestCounts counts)
    {
        var cache = default(StationaryCache);
        Advance(ref backlog, servers, queueLimit, arrivalsPerMs, arrivalScv, durationMs, settings, latencies, ref counts, ref cache);
    }

    /// <summary>Requests whose waits run evenly from <paramref name="w0"/> to <paramref name="w1"/>: those beyond the
    /// limit are 504, the rest are answered.</summary>
    private static void Late(double requests, double w0, double w1, double waitLimit, QueueSettings settings, LatencyMixture latencies, ref RequestCounts counts)
    {
        if (requests <= 0) return;
        double lo = Math.Min(w0, w1), hi = Math.Max(w0, w1);
        double lateFraction = hi <= waitLimit ? 0 : lo >= waitLimit ? 1 : (hi - waitLimit) / (hi - lo);
        double late = requests * lateFraction;
        counts.Http504 += late;
        counts.Succeeded += requests - late;
        latencies.AddUniform(requests - late, lo, Math.Min(hi, waitLimit));
        if (double.IsFinite(settings.SlowMs) && requests > late) counts.Slow += (requests - late) * SlowFraction(lo, Math.Min(hi, waitLimit), settings);
    }

    /// <summary>P(W + S &gt; slow) for W uniform on [lo, hi]: a 16-point midpoint rule over W (overload phases only).</summary>
    private static double SlowFraction(double lo, double hi, QueueSettings settings)
    {
        const int n = 16;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += settings.Service.Cdf(settings.SlowMs - (lo + ((hi - lo) * (k + 0.5) / n)));
        return 1 - (sum / n);
    }

    private static void Stationary(int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, double durationMs, QueueSettings settings,
        LatencyMixture latencies, ref RequestCounts counts, ref StationaryCache cache, double members)
    {
        double requests = members * arrivalsPerMs * durationMs;
        if (requests <= 0) return;
        if (!cache.Matches(servers, queueLimit, arrivalsPerMs, arrivalScv)) cache = StationaryCache.Of(servers, queueLimit, arrivalsPerMs, arrivalScv, settings);
        double refused = requests * cache.RefusedFraction;
        double late = (requests - refused) * cache.LateFraction;
        double answered = requests - refused - late;
        counts.Http502 += refused;
        counts.Http504 += late;
        counts.Succeeded += answered;
        counts.Slow += answered * cache.SlowFraction;
        latencies.AddStationary(answered, cache.Wait);
    }
}

/// <summary>One queue's last stationary evaluation (wait shape, refused, late and slow fractions) and the load it was made for.</summary>
public struct StationaryCache
{
    private int _servers;
    private double _limit, _lambda, _scv;
    public WaitShape Wait;
    public double RefusedFraction, LateFraction, SlowFraction;

    public readonly bool Matches(int servers, double limit, double lambda, double scv) =>
        _servers == servers && _servers > 0 && _limit == limit && _lambda == lambda && _scv == scv;

    public static StationaryCache Of(int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, QueueSettings settings)
    {
        var wait = WaitShape.Stationary(servers, arrivalsPerMs, settings.Service, arrivalScv);
        double rho = arrivalsPerMs / (servers * settings.Service.RatePerMs);
        return new StationaryCache
        {
            _servers = servers, _limit = queueLimit, _lambda = arrivalsPerMs, _scv = arrivalScv, Wait = wait,
            RefusedFraction = wait.Probability * Math.Pow(rho, queueLimit),
            LateFraction = wait.Tail(settings.WaitLimitMs),
            SlowFraction = double.IsFinite(settings.SlowMs) ? 1 - LatencyMixture.StationaryCdf(settings.SlowMs, wait.Probability, 1 / wait.RatePerMs, settings.Service) : 0,
        };
    }
}
