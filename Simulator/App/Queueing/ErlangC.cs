namespace DeploySim.App.Queueing;

/// <summary>Exact stationary results of the M/M/c queue (Poisson arrivals, exponential service, c servers, FIFO):
/// Erlang C's probability of waiting, the waiting-time tail and the sojourn (wait + service) distribution.</summary>
/// <remarks>Each method is O(c) or O(c · iterations), allocates nothing and is thread-safe. Rates are per unit of
/// time of the caller's choosing (the model uses milliseconds). Requires λ &lt; cμ: at or above it there is no
/// stationary state and the model uses a fluid backlog instead (<see cref="QueueUnit"/>).</remarks>
public static class ErlangC
{
    /// <summary>P(wait &gt; 0) for <paramref name="servers"/> servers at offered load a = λ/μ erlangs (Erlang C).
    /// Computed from the Erlang B recursion B(k) = a B(k−1) / (k + a B(k−1)), stable for any c.</summary>
    public static double WaitProbability(int servers, double offeredLoad)
    {
        if (servers <= 0 || offeredLoad >= servers) return 1;
        if (offeredLoad <= 0) return 0;
        double b = 1;
        for (int k = 1; k <= servers; k++) b = offeredLoad * b / (k + (offeredLoad * b));
        return servers * b / (servers - (offeredLoad * (1 - b)));
    }

    /// <summary>Mean wait in queue, C / (cμ − λ).</summary>
    public static double MeanWait(int servers, double lambda, double mu) =>
        WaitProbability(servers, lambda / mu) / ((servers * mu) - lambda);

    /// <summary>P(W &gt; t) = C e^{−(cμ−λ) t}.</summary>
    public static double WaitTail(int servers, double lambda, double mu, double t) =>
        t < 0 ? 1 : WaitProbability(servers, lambda / mu) * Math.Exp(-((servers * mu) - lambda) * t);

    /// <summary>P(T &gt; t) for the sojourn T = W + S: (1 − C) e^{−μt} + C P(E_θ + E_μ &gt; t), θ = cμ − λ.</summary>
    public static double SojournTail(int servers, double lambda, double mu, double t) =>
        t <= 0 ? 1 : ExponentialWaitPlusExponentialService(WaitProbability(servers, lambda / mu), (servers * mu) - lambda, mu, t);

    /// <summary>The <paramref name="q"/> quantile (0 &lt; q &lt; 1) of the sojourn time, by bisection on its tail.</summary>
    public static double SojournQuantile(int servers, double lambda, double mu, double q)
    {
        double hi = 1 / mu;
        while (SojournTail(servers, lambda, mu, hi) > 1 - q) hi *= 2;
        double lo = 0;
        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = (lo + hi) / 2;
            if (SojournTail(servers, lambda, mu, mid) > 1 - q) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>P(W + S &gt; t) where W is 0 with probability 1 − p and Exp(θ) with probability p, S ~ Exp(μ).</summary>
    internal static double ExponentialWaitPlusExponentialService(double p, double theta, double mu, double t)
    {
        double eMu = Math.Exp(-mu * t);
        double both = Math.Abs(mu - theta) > 1e-9 * mu
            ? ((mu * Math.Exp(-theta * t)) - (theta * eMu)) / (mu - theta)
            : (1 + (mu * t)) * eMu;
        return ((1 - p) * eMu) + (p * both);
    }
}
