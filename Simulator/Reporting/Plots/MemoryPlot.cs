using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Memory of each instance over time (step lines), the fleet's maximum, and the instance size as a horizontal
/// line. Large fleets are cut to the instances with the highest peaks, and the title says so.</summary>
internal static class MemoryPlot
{
    /// <summary>At most this many per-instance lines are drawn.</summary>
    public const int MaxLines = 20;

    /// <summary>Up to this many per-instance lines get their own legend entry.</summary>
    private const int MaxLegendLines = 8;

    public static Plot Create(string title, ReplicationDetail detail)
    {
        var (from, to) = CapacityPlot.WindowSeconds(detail);
        var unit = TimeUnit.For(to - from);
        var byInstance = detail.Memory.GroupBy(m => m.Instance)
            .Select(g => (Instance: g.Key, Points: g.OrderBy(p => p.Time.Milliseconds).ToList()))
            .ToList();
        var drawn = byInstance
            .OrderByDescending(g => g.Points.Max(p => p.MemoryMiB)).ThenBy(g => g.Instance)
            .Take(MaxLines).OrderBy(g => g.Instance).ToList();
        string suffix = drawn.Count < byInstance.Count ? $" ({drawn.Count} of {byInstance.Count} instances: highest peaks)" : "";
        var plot = ReportPlotStyle.NewPlot(title + suffix, unit.AxisLabel(), "memory used (MiB)");

        var palette = new ScottPlot.Palettes.Category10();
        double end = Math.Max(to, CapacityPlot.EndSeconds(detail));
        for (int k = 0; k < drawn.Count; k++)
        {
            var (instance, points) = drawn[k];
            var xs = points.Select(p => unit.Of(p.Time)).Append(unit.Of(end)).ToArray();
            var ys = points.Select(p => p.MemoryMiB).Append(points[^1].MemoryMiB).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(k).WithAlpha(drawn.Count > MaxLegendLines ? 0.55 : 0.9));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 1.5f;
            if (drawn.Count <= MaxLegendLines) line.LegendText = $"instance #{instance}";
        }
        if (drawn.Count > MaxLegendLines)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{drawn.Count} instances", LineColor = palette.GetColor(0), LineWidth = 1.5f });

        if (detail.InstanceMemoryMiB > 0)
        {
            if (detail.Series.Count > 0)
            {
                var max = CapacityPlot.Step(plot, detail, unit, p => p.MaxMemoryPct * detail.InstanceMemoryMiB / 100.0, Colors.Black, "fleet max");
                max.LineWidth = 2.5f;
            }
            var size = plot.Add.HorizontalLine(detail.InstanceMemoryMiB, 2.5f, ReportPlotStyle.FailureColor, LinePattern.Dashed);
            size.LegendText = $"instance size ({detail.InstanceMemoryMiB} MiB)";
        }

        if (detail.Memory.Count == 0 && detail.Series.Count == 0) ReportPlotStyle.NoData(plot, "no memory samples recorded in this replication");
        ReportPlotStyle.MarkDeployment(plot, detail.DeploymentStart, detail.DeploymentEnd, unit);
        double fleetMax = detail.Series.Select(p => p.MaxMemoryPct * detail.InstanceMemoryMiB / 100.0).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        double top = Math.Max(Math.Max(detail.InstanceMemoryMiB, fleetMax), detail.Memory.Count > 0 ? detail.Memory.Max(m => m.MemoryMiB) : 0);
        plot.Axes.SetLimits(unit.Of(from), unit.Of(to), 0, Math.Max(top, 1) * 1.08);
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }
}
