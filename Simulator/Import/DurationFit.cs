using MathNet.Numerics.Statistics;
using DeploySim.Engine;

namespace DeploySim.Import;

/// <summary>Which distribution a fit chose.</summary>
internal enum FitModel { LogNormal, Empirical, Constant }

/// <summary>A distribution fitted to observed durations (seconds, sorted in <c>Values</c>), with how well a lognormal
/// describes them: <c>Mu</c> and <c>Sigma</c> of the maximum-likelihood lognormal (of ln seconds; NaN when none could be
/// fitted), <c>KsStatistic</c> its Kolmogorov-Smirnov D against the observations and <c>KsPValue</c> the p-value from the
/// Kolmogorov distribution with Stephens' small-sample correction. The parameters come from the same data, so that
/// p-value is too high (the test is conservative). <c>Reason</c> says why <c>Model</c> was chosen.</summary>
internal sealed record DurationFit(FitModel Model, double[] Values, double Mu, double Sigma, double KsStatistic, double KsPValue, string Reason)
{
    /// <summary>Fewest observations for a lognormal fit; with fewer, the observations themselves (empirical) are used.
    /// With 15 points the standard error of the estimated sigma is about 18 % (sigma/√(2n)), and the KS test can tell a
    /// lognormal from clearly different shapes.</summary>
    public const int MinPointsForLogNormal = 15;

    /// <summary>Below this KS p-value the lognormal is rejected and the observations are used instead (when there are
    /// enough of them to stand for the distribution).</summary>
    public const double RejectPValue = 0.01;

    public int N => Values.Length;

    /// <summary>The fitted distribution in milliseconds, as the scenario takes durations.</summary>
    public Distribution ToDistribution() => Model switch
    {
        FitModel.LogNormal => Distribution.LogNormalMuSigma(Mu + Math.Log(1000), Sigma),
        FitModel.Constant => Distribution.Constant(Values[0] * 1000),
        _ => Distribution.Empirical(Values.Select(v => v * 1000)),
    };

    /// <summary>Median of the chosen model, seconds.</summary>
    public double Median => Model == FitModel.LogNormal ? Math.Exp(Mu) : Statistics.Median(Values);

    /// <summary>90th percentile of the chosen model, seconds (empirical: R7 quantile).</summary>
    public double P90 => Model == FitModel.LogNormal ? Math.Exp(Mu + (Distribution.Z90 * Sigma)) : Statistics.QuantileCustom(Values, 0.9, QuantileDefinition.R7);

    public string Describe() => Model switch
    {
        FitModel.LogNormal => FormattableString.Invariant($"lognormal(median {Median:0.###} s, p90 {P90:0.###} s)"),
        FitModel.Constant => FormattableString.Invariant($"constant {Values[0]:0.###} s"),
        _ => FormattableString.Invariant($"empirical({N} values, median {Median:0.###} s)"),
    };

    /// <summary>Fits <paramref name="seconds"/> (at least one value, none negative).</summary>
    /// <remarks>Lognormal by maximum likelihood: mu = mean of ln x, sigma = population standard deviation of ln x
    /// (the MLE; MathNet's <c>LogNormal.Estimate</c> uses the sample deviation, which is not). Empirical when there are
    /// fewer than <see cref="MinPointsForLogNormal"/> points, when a duration is zero (a lognormal has none), or when
    /// the KS test rejects the lognormal at <see cref="RejectPValue"/>; constant when every value is the same.
    /// O(n log n).</remarks>
    public static DurationFit Fit(IReadOnlyList<double> seconds)
    {
        if (seconds.Count == 0) throw new ArgumentException("no observations to fit", nameof(seconds));
        var values = seconds.ToArray();
        Array.Sort(values);
        if (values[0] < 0 || !values.All(double.IsFinite)) throw new ArgumentException("durations must be finite and not negative", nameof(seconds));
        if (values[0] == values[^1])
            return new DurationFit(FitModel.Constant, values, double.NaN, double.NaN, double.NaN, double.NaN, "every observation is the same");
        if (values[0] <= 0)
            return new DurationFit(FitModel.Empirical, values, double.NaN, double.NaN, double.NaN, double.NaN, "some durations are zero, which a lognormal cannot give");
        var logs = values.Select(v => Math.Log(v)).ToArray();
        double mu = logs.Mean();
        double sigma = logs.PopulationStandardDeviation();
        double d = KsDistance(values, x => MathNet.Numerics.Distributions.LogNormal.CDF(mu, sigma, x));
        double p = KolmogorovPValue(d, values.Length);
        if (values.Length < MinPointsForLogNormal)
            return new DurationFit(FitModel.Empirical, values, mu, sigma, d, p, $"fewer than {MinPointsForLogNormal} observations");
        if (p < RejectPValue)
            return new DurationFit(FitModel.Empirical, values, mu, sigma, d, p, FormattableString.Invariant($"lognormal rejected (KS p = {p:0.####} < {RejectPValue})"));
        return new DurationFit(FitModel.LogNormal, values, mu, sigma, d, p, "maximum likelihood");
    }

    /// <summary>sup |F_n(x) − F(x)| over the sorted <paramref name="sorted"/>.</summary>
    public static double KsDistance(double[] sorted, Func<double, double> cdf)
    {
        double d = 0;
        int n = sorted.Length;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }
        return d;
    }

    /// <summary>The two-sample KS statistic: sup |F_a(x) − F_b(x)|.</summary>
    public static double KsDistance(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0) return double.NaN;
        var x = a.OrderBy(v => v).ToArray();
        var y = b.OrderBy(v => v).ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double t = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= t) i++;
            while (j < y.Length && y[j] <= t) j++;
            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }
        return d;
    }

    /// <summary>P(D ≥ d) for n observations: Q_KS((√n + 0.12 + 0.11/√n)·d), Q_KS(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²).</summary>
    public static double KolmogorovPValue(double d, int n)
    {
        double sqrtN = Math.Sqrt(n);
        double lambda = (sqrtN + 0.12 + (0.11 / sqrtN)) * d;
        if (lambda < 0.2) return 1;
        double sum = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-12) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
