using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The distribution of rollout times of the succeeded replications, with the median and p90 marked.</summary>
internal static class RolloutHistogram
{
    public static Plot Create(string title, IReadOnlyList<ReplicationResult> results, RunSummary summary) =>
        Create(title, [.. results.Where(r => r.Outcome == DeploymentOutcome.Succeeded).Select(r => r.RolloutSeconds)], summary);

    public static Plot Create(string title, IReadOnlyList<double> rolloutSeconds, RunSummary summary)
    {
        var seconds = rolloutSeconds.Where(double.IsFinite).ToArray();
        double max = seconds.Length > 0 ? seconds.Max() : 1;
        var unit = TimeUnit.For(max);
        var values = seconds.Select(unit.Of).ToArray();
        var plot = ReportPlotStyle.NewPlot($"{title} ({rolloutSeconds.Count} succeeded of {summary.Replications} replications)", unit.AxisLabel("rollout time of successes"), "replications");
        if (values.Length > 0)
        {
            int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Length)), 5, 40);
            double lo = values.Min(), hi = values.Max();
            if (hi - lo < 1e-9)
            {
                lo -= 0.5;
                hi += 0.5;
            }
            double width = (hi - lo) / bins;
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, lo, hi + width * 1e-6);
            histogram.IncludeOutliers = true;
            histogram.AddRange(values);
            var bars = plot.Add.Histogram(histogram, ReportPlotStyle.CapacityColor);
            bars.BarWidthFraction = 0.92;
            var edges = histogram.Edges;
            double pad = 0.5 * (edges[1] - edges[0]);
            plot.Axes.SetLimitsX(edges[0] - pad, edges[^1] + pad);
            plot.Axes.SetLimitsY(0, histogram.Counts.Max() * 1.1);
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        var stats = summary["rolloutSeconds"];
        if (stats.IsNone) return plot;
        var p50 = plot.Add.VerticalLine(unit.Of(stats.P50), 2, Colors.Black, LinePattern.Dashed);
        p50.LegendText = $"median {unit.Format(stats.P50)}";
        var p90 = plot.Add.VerticalLine(unit.Of(stats.P90), 2, ReportPlotStyle.FailureColor, LinePattern.Dotted);
        p90.LegendText = $"p90 {unit.Format(stats.P90)}";
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }
}
