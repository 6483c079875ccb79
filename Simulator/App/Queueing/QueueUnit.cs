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
    /// is K (summed over the targets of a pooled group); <paramref name="settings"/> gives service time and timeout.</summary>
    public static void Advance(ref double backlog, int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, double durationMs,
        QueueSettings settings, LatencyMixture latencies, ref RequestCounts counts)
    {
        if (durationMs <= 0 || servers <= 0) return;
        double capacity = servers * settings.Service.RatePerMs;
        double limit = queueLimit;
        double waitLimit = settings.WaitLimitMs;
        double remaining = durationMs;
        counts.Arrived += arrivalsPerMs * durationMs;
        while (remaining > 0)
        {
            double net = arrivalsPerMs - capacity;
            if (backlog <= 0 && net < 0)
            {
                Stationary(servers, queueLimit, arrivalsPerMs, arrivalScv, remaining, settings, latencies, ref counts);
                backlog = 0;
                return;
            }
            if (net > 0 && backlog >= limit)
            {
                double accepted = capacity * remaining;
                counts.Http502 += net * remaining;
                Late(accepted, limit / capacity, limit / capacity, waitLimit, latencies, ref counts);
                backlog = limit;
                return;
            }
            if (net == 0)
            {
                Late(arrivalsPerMs * remaining, backlog / capacity, backlog / capacity, waitLimit, latencies, ref counts);
                return;
            }
            double target = net > 0 ? limit : 0;
            double phase = Math.Min(remaining, (target - backlog) / net);
            double end = phase == remaining ? backlog + (net * phase) : target;
            Late(arrivalsPerMs * phase, backlog / capacity, end / capacity, waitLimit, latencies, ref counts);
            backlog = Math.Clamp(end, 0, limit);
            remaining -= phase;
        }
    }

    /// <summary>Requests whose waits run evenly from <paramref name="w0"/> to <paramref name="w1"/>: those beyond the
    /// limit are 504, the rest are answered.</summary>
    private static void Late(double requests, double w0, double w1, double waitLimit, LatencyMixture latencies, ref RequestCounts counts)
    {
        if (requests <= 0) return;
        double lo = Math.Min(w0, w1), hi = Math.Max(w0, w1);
        double lateFraction = hi <= waitLimit ? 0 : lo >= waitLimit ? 1 : (hi - waitLimit) / (hi - lo);
        double late = requests * lateFraction;
        counts.Http504 += late;
        counts.Succeeded += requests - late;
        latencies.AddUniform(requests - late, lo, Math.Min(hi, waitLimit));
    }

    private static void Stationary(int servers, double queueLimit, double arrivalsPerMs, double arrivalScv, double durationMs, QueueSettings settings,
        LatencyMixture latencies, ref RequestCounts counts)
    {
        double requests = arrivalsPerMs * durationMs;
        if (requests <= 0) return;
        var wait = WaitShape.Stationary(servers, arrivalsPerMs, settings.Service, arrivalScv);
        double rho = arrivalsPerMs / (servers * settings.Service.RatePerMs);
        double refused = requests * wait.Probability * Math.Pow(rho, queueLimit);
        double late = (requests - refused) * wait.Tail(settings.WaitLimitMs);
        counts.Http502 += refused;
        counts.Http504 += late;
        counts.Succeeded += requests - refused - late;
        latencies.AddStationary(requests - refused - late, wait);
    }
}
