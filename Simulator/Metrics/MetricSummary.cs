using MathNet.Numerics.Statistics;

namespace DeploySim.Metrics;

/// <summary>Statistics of one metric over replications: mean, p50, p90, p99, min, max.</summary>
/// <remarks>Percentiles use the R7 definition (linear interpolation, numpy's default).</remarks>
public sealed record MetricSummary(double Mean, double P50, double P90, double P99, double Min, double Max)
{
    public static readonly MetricSummary Empty = new(0, 0, 0, 0, 0, 0) { P10 = 0 };

    /// <summary>The 10th percentile, for plots' p10–p90 bands (not written to JSON or CSV; NaN when unknown).</summary>
    public double P10 { get; init; } = double.NaN;

    /// <summary>No value at all (a rollout time when no replication succeeded): written as null.</summary>
    public static readonly MetricSummary None = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public bool IsNone => double.IsNaN(Mean) && double.IsNaN(P50) && double.IsNaN(P90) && double.IsNaN(P99) && double.IsNaN(Min) && double.IsNaN(Max);

    public static MetricSummary Of(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        if (v.Length == 0) return Empty;
        Array.Sort(v);
        return new MetricSummary(
            v.Mean(),
            SortedArrayStatistics.QuantileCustom(v, 0.50, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(v, 0.90, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(v, 0.99, QuantileDefinition.R7),
            v[0],
            v[^1])
        {
            P10 = SortedArrayStatistics.QuantileCustom(v, 0.10, QuantileDefinition.R7),
        };
    }
}
