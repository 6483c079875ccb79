using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The latency panel (issue 17): p50 and p99 latency between series points, and the requests queued over the
/// fleet on a right-hand axis, over the capacity plot's window; only for runs with the latency model.</summary>
internal static class LatencyPlot
{
    /// <summary>True when the replication recorded latency (<c>traffic.serviceTime</c>).</summary>
    public static bool Applies(ReplicationDetail detail) => detail.Series.Any(p => !double.IsNaN(p.QueuedRequests));

    public static Plot Create(string title, ReplicationDetail detail)
    {
        var (from, to) = CapacityPlot.WindowSeconds(detail);
        var unit = TimeUnit.For(to - from);
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel(), "latency (ms)");
        CapacityPlot.Step(plot, detail, unit, p => Finite(p.LatencyP50Ms), ReportPlotStyle.CapacityColor, "p50 latency");
        CapacityPlot.Step(plot, detail, unit, p => Finite(p.LatencyP99Ms), ReportPlotStyle.FailureColor, "p99 latency");
        var axis = plot.Axes.AddRightAxis();
        axis.LabelText = "queued requests (fleet)";
        var queued = CapacityPlot.Step(plot, detail, unit, p => Finite(p.QueuedRequests), Colors.Purple, "queued requests (right axis)");
        queued.LinePattern = LinePattern.Dashed;
        queued.Axes.YAxis = axis;
        axis.Min = 0;
        axis.Max = Math.Max(1, detail.Series.Max(p => Finite(p.QueuedRequests))) * 1.08;
        ReportPlotStyle.MarkDeployment(plot, detail.DeploymentStart, detail.DeploymentEnd, unit);
        plot.Axes.SetLimitsX(unit.Of(from), unit.Of(to));
        plot.Axes.SetLimitsY(bottom: 0, top: Math.Max(1, detail.Series.Max(p => Finite(p.LatencyP99Ms))) * 1.08);
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
