using System.Globalization;
using MathNet.Numerics.Distributions;

namespace DeploySim.Engine;

/// <summary>The shape of a <see cref="Distribution"/>.</summary>
public enum DistributionKind { Constant, Uniform, Normal, LogNormal, Exponential, Empirical }

/// <summary>A distribution of non-negative values (durations in milliseconds, or plain numbers), sampled with MathNet.Numerics.</summary>
/// <remarks>Immutable and thread-safe; sampling draws from the caller's stream and allocates nothing.
/// Normal is truncated at zero (redrawn, then clamped after 16 tries); lognormal is given by its median and 90th percentile,
/// the way operators describe a duration; empirical samples uniformly from observed values.</remarks>
public sealed class Distribution
{
    /// <summary>z of the 90th percentile of the standard normal.</summary>
    public const double Z90 = 1.2815515655446004;

    private readonly double _a, _b;
    private readonly double[] _values;

    private Distribution(DistributionKind kind, double a, double b, double[]? values = null)
    {
        Kind = kind;
        _a = a;
        _b = b;
        _values = values ?? [];
    }

    public DistributionKind Kind { get; }

    /// <summary>The observed values of an empirical distribution (empty otherwise).</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The constant 0, shared (the distribution is immutable).</summary>
    public static Distribution Zero { get; } = new(DistributionKind.Constant, 0, 0);

    public static Distribution Constant(double value)
    {
        RequireNonNegative(value, "constant");
        return new(DistributionKind.Constant, value, 0);
    }

    public static Distribution Uniform(double low, double high)
    {
        RequireNonNegative(low, "uniform lower bound");
        if (!(high >= low)) throw new ArgumentException($"uniform: upper bound {Fmt(high)} is below lower bound {Fmt(low)}");
        return new(DistributionKind.Uniform, low, high);
    }

    public static Distribution Normal(double mean, double sd)
    {
        RequireNonNegative(mean, "normal mean");
        RequireNonNegative(sd, "normal sd");
        return new(DistributionKind.Normal, mean, sd);
    }

    /// <summary>Lognormal with the given median and 90th percentile (p90 ≥ median &gt; 0).</summary>
    public static Distribution LogNormal(double median, double p90)
    {
        if (!(median > 0) || double.IsInfinity(median)) throw new ArgumentException($"lognormal: median must be greater than zero, got {Fmt(median)}");
        if (!(p90 >= median) || double.IsInfinity(p90)) throw new ArgumentException($"lognormal: p90 ({Fmt(p90)}) must be at least the median ({Fmt(median)})");
        double mu = Math.Log(median);
        return new(DistributionKind.LogNormal, mu, (Math.Log(p90) - mu) / Z90);
    }

    /// <summary>Lognormal from the parameters of the underlying normal.</summary>
    public static Distribution LogNormalMuSigma(double mu, double sigma)
    {
        if (!double.IsFinite(mu) || !(sigma >= 0) || double.IsInfinity(sigma)) throw new ArgumentException($"lognormal: invalid mu {Fmt(mu)} or sigma {Fmt(sigma)}");
        return new(DistributionKind.LogNormal, mu, sigma);
    }

    public static Distribution Exponential(double mean)
    {
        if (!(mean > 0) || double.IsInfinity(mean)) throw new ArgumentException($"exponential: mean must be greater than zero, got {Fmt(mean)}");
        return new(DistributionKind.Exponential, mean, 0);
    }

    public static Distribution Empirical(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("empirical: at least one value is needed");
        foreach (var x in v) RequireNonNegative(x, "empirical value");
        return new(DistributionKind.Empirical, 0, 0, v);
    }

    /// <summary>Median for lognormal, mean for normal and exponential, value for constant, lower bound for uniform.</summary>
    public double ParameterA => Kind == DistributionKind.LogNormal ? Math.Exp(_a) : _a;

    /// <summary>p90 for lognormal, sd for normal, upper bound for uniform.</summary>
    public double ParameterB => Kind == DistributionKind.LogNormal ? Math.Exp(_a + (Z90 * _b)) : _b;

    /// <summary>The lognormal's mu and sigma (of the underlying normal).</summary>
    public (double Mu, double Sigma) LogParameters => (_a, _b);

    /// <summary>The analytic mean (empirical: the sample mean).</summary>
    public double Mean => Kind switch
    {
        DistributionKind.Constant => _a,
        DistributionKind.Uniform => (_a + _b) / 2,
        DistributionKind.Normal => _a,
        DistributionKind.LogNormal => Math.Exp(_a + (_b * _b / 2)),
        DistributionKind.Exponential => _a,
        _ => _values.Average(),
    };

    /// <summary>True for the constant 0: the distribution never takes any time.</summary>
    public bool IsZero => Kind == DistributionKind.Constant && _a == 0;

    /// <summary>Draws one value (never negative).</summary>
    public double Sample(Random rng)
    {
        switch (Kind)
        {
            case DistributionKind.Constant:
                return _a;
            case DistributionKind.Uniform:
                return _a + ((_b - _a) * rng.NextDouble());
            case DistributionKind.Normal:
                if (_b == 0) return _a;
                for (int i = 0; i < 16; i++)
                {
                    double x = MathNet.Numerics.Distributions.Normal.Sample(rng, _a, _b);
                    if (x >= 0) return x;
                }
                return 0;
            case DistributionKind.LogNormal:
                return _b == 0 ? Math.Exp(_a) : MathNet.Numerics.Distributions.LogNormal.Sample(rng, _a, _b);
            case DistributionKind.Exponential:
                return MathNet.Numerics.Distributions.Exponential.Sample(rng, 1.0 / _a);
            default:
                return _values[rng.Next(_values.Length)];
        }
    }

    /// <summary>Draws a duration, reading values as milliseconds.</summary>
    public SimDuration SampleDuration(Random rng)
    {
        double ms = Sample(rng);
        return new SimDuration(ms >= SimDuration.MaxValue.Milliseconds ? SimDuration.MaxValue.Milliseconds : (long)Math.Round(ms, MidpointRounding.AwayFromZero));
    }

    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => Fmt(_a),
        DistributionKind.Uniform => $"uniform[{Fmt(_a)}, {Fmt(_b)}]",
        DistributionKind.Normal => $"normal(mean {Fmt(_a)}, sd {Fmt(_b)})",
        DistributionKind.LogNormal => $"lognormal(median {Fmt(ParameterA)}, p90 {Fmt(ParameterB)})",
        DistributionKind.Exponential => $"exponential(mean {Fmt(_a)})",
        _ => $"empirical({_values.Length} values)",
    };

    private static void RequireNonNegative(double x, string what)
    {
        if (!(x >= 0) || double.IsInfinity(x)) throw new ArgumentException($"{what} must be a finite number of zero or more, got {Fmt(x)}");
    }

    private static string Fmt(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
