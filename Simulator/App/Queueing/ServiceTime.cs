using DeploySim.Engine;
using MathNet.Numerics.Distributions;

namespace DeploySim.App.Queueing;

/// <summary>A request's service time (milliseconds of one unicorn worker) as the queueing formulas need it: mean,
/// squared coefficient of variation, exact CDF, and equal-probability quadrature points for convolutions.</summary>
/// <remarks>Built once per scenario (O(<see cref="Points"/>)); every query allocates nothing; immutable and
/// thread-safe. Normal is truncated at zero, as <see cref="Distribution.Sample"/> draws it.</remarks>
public sealed class ServiceTime
{
    /// <summary>Quadrature points: the quantiles at (j + ½) / Points.</summary>
    public const int Points = 256;

    private readonly Distribution _d;
    private readonly double[] _points = new double[Points];
    private readonly double[] _sorted;

    public ServiceTime(Distribution distribution)
    {
        _d = distribution;
        _sorted = [.. distribution.Values];
        Array.Sort(_sorted);
        for (int j = 0; j < Points; j++) _points[j] = Quantile((j + 0.5) / Points);
        double mean = distribution.Kind == DistributionKind.Normal ? Average(_points) : distribution.Mean;
        if (!(mean > 0)) throw new ArgumentException($"service time: the mean must be greater than zero, got {distribution}");
        MeanMs = mean;
        Scv = distribution.Kind switch
        {
            DistributionKind.Constant => 0,
            DistributionKind.Exponential => 1,
            DistributionKind.LogNormal => Math.Exp(distribution.LogParameters.Sigma * distribution.LogParameters.Sigma) - 1,
            DistributionKind.Uniform => Math.Pow(distribution.ParameterB - distribution.ParameterA, 2) / 12 / (mean * mean),
            DistributionKind.Empirical => Variance(_sorted, mean) / (mean * mean),
            _ => Variance(_points, mean) / (mean * mean),
        };
    }

    public Distribution Distribution => _d;
    public double MeanMs { get; }
    /// <summary>Squared coefficient of variation Var[S] / E[S]² (1 for exponential).</summary>
    public double Scv { get; }
    public bool IsExponential => _d.Kind == DistributionKind.Exponential;
    /// <summary>Service rate of one worker, per millisecond.</summary>
    public double RatePerMs => 1 / MeanMs;
    public ReadOnlySpan<double> QuadraturePoints => _points;

    /// <summary>P(S ≤ ms), exact.</summary>
    public double Cdf(double ms)
    {
        if (ms < 0) return 0;
        switch (_d.Kind)
        {
            case DistributionKind.Constant:
                return ms >= _d.ParameterA ? 1 : 0;
            case DistributionKind.Uniform:
                var (a, b) = (_d.ParameterA, _d.ParameterB);
                return b <= a ? (ms >= a ? 1 : 0) : Math.Clamp((ms - a) / (b - a), 0, 1);
            case DistributionKind.Exponential:
                return 1 - Math.Exp(-ms / _d.ParameterA);
            case DistributionKind.LogNormal:
                var (mu, sigma) = _d.LogParameters;
                if (sigma == 0) return ms >= Math.Exp(mu) ? 1 : 0;
                return ms <= 0 ? 0 : Normal.CDF(0, 1, (Math.Log(ms) - mu) / sigma);
            case DistributionKind.Normal:
                var (m, sd) = (_d.ParameterA, _d.ParameterB);
                if (sd == 0) return ms >= m ? 1 : 0;
                double f0 = Normal.CDF(m, sd, 0);
                return (Normal.CDF(m, sd, ms) - f0) / (1 - f0);
            default:
                int i = UpperBound(_sorted, ms);
                return i / (double)_sorted.Length;
        }
    }

    /// <summary>The <paramref name="p"/> quantile (0 &lt; p &lt; 1).</summary>
    public double Quantile(double p) => _d.Kind switch
    {
        DistributionKind.Constant => _d.ParameterA,
        DistributionKind.Uniform => _d.ParameterA + ((_d.ParameterB - _d.ParameterA) * p),
        DistributionKind.Exponential => -_d.ParameterA * Math.Log(1 - p),
        DistributionKind.LogNormal => Math.Exp(_d.LogParameters.Mu + (_d.LogParameters.Sigma * Normal.InvCDF(0, 1, p))),
        DistributionKind.Normal => _d.ParameterB == 0 ? _d.ParameterA
            : Math.Max(0, Normal.InvCDF(_d.ParameterA, _d.ParameterB, Normal.CDF(_d.ParameterA, _d.ParameterB, 0) + (p * (1 - Normal.CDF(_d.ParameterA, _d.ParameterB, 0))))),
        _ => _sorted[Math.Min(_sorted.Length - 1, (int)(p * _sorted.Length))],
    };

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double Average(double[] v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        return s / v.Length;
    }

    private static double Variance(double[] v, double mean)
    {
        double s = 0;
        foreach (var x in v) s += (x - mean) * (x - mean);
        return s / v.Length;
    }
}
