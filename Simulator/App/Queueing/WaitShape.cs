namespace DeploySim.App.Queueing;

/// <summary>A stationary waiting time: zero with probability 1 − <see cref="Probability"/>, otherwise exponential with
/// rate <see cref="RatePerMs"/>.</summary>
/// <remarks>With Poisson arrivals and exponential service this is exact (Erlang C: P = C(c, a), rate = cμ − λ). For
/// general arrivals and service it is the Allen–Cunneen approximation: P = C(c, a) and the conditional mean wait
/// scaled by (c_a² + c_s²) / 2, the heavy-traffic (Kingman) form of Whitt's GI/G/c waiting-time approximation. Its
/// error, measured against the request mode by the tests, is stated in docs/model.md. It assumes the queue has relaxed
/// to its stationary state: after a change the M/M/c queue needs about 1 / (cμ (1 − √ρ)²) to settle, a few seconds
/// below ρ = 0.9, and the model does not follow that transient.</remarks>
public readonly record struct WaitShape(double Probability, double RatePerMs)
{
    public static readonly WaitShape None = new(0, 1);

    /// <summary>The stationary wait of <paramref name="servers"/> workers at <paramref name="arrivalsPerMs"/>
    /// (requires λ &lt; c/E[S]); <paramref name="arrivalScv"/> is the squared coefficient of variation of the gaps.</summary>
    public static WaitShape Stationary(int servers, double arrivalsPerMs, ServiceTime service, double arrivalScv)
    {
        if (arrivalsPerMs <= 0) return None;
        double mu = service.RatePerMs;
        double p = ErlangC.WaitProbability(servers, arrivalsPerMs / mu);
        if (arrivalScv < 1) p *= HalfinWhitt(servers, arrivalsPerMs / mu, (1 + arrivalScv) / 2) / HalfinWhitt(servers, arrivalsPerMs / mu, 1);
        double variability = (arrivalScv + service.Scv) / 2;
        return new(p, ((servers * mu) - arrivalsPerMs) / Math.Max(variability, 1e-6));
    }

    /// <summary>Halfin–Whitt's P(W &gt; 0) = 1 / (1 + β Φ(β) / φ(β)), β = (1 − ρ) √c / √z: z scales the arrivals'
    /// variability (z = 1 for Poisson). Used as a ratio, so Poisson arrivals keep Erlang C exactly.</summary>
    private static double HalfinWhitt(int servers, double offeredLoad, double z)
    {
        double beta = (1 - (offeredLoad / servers)) * Math.Sqrt(servers / z);
        return 1 / (1 + (beta * MathNet.Numerics.Distributions.Normal.CDF(0, 1, beta) / MathNet.Numerics.Distributions.Normal.PDF(0, 1, beta)));
    }

    /// <summary>P(W &gt; t).</summary>
    public double Tail(double ms) => ms < 0 ? 1 : Probability * Math.Exp(-RatePerMs * ms);
}
