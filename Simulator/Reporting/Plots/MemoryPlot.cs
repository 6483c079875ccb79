using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>What the memory figure draws: the envelope of memory across running instances over time (the maximum and
/// the median at every change of the fleet), OOM kills, the instance size, the headroom line (the plan's default safe
/// limit, <see cref="HeadroomPct"/> below the instance size) and the peak with the headroom it leaves, and a window
/// around the peak when the peak is short against the story (a graceful restart's USR2 overlap lasts seconds).</summary>
internal sealed record MemoryEnvelope(
    StoryWindow Window, double[] Times, double[] MaxMiB, double[] MedianMiB, double[] OomTimes, long InstanceMiB,
    double PeakMiB, double PeakSeconds, StoryWindow? Zoom)
{
    /// <summary>The headroom line: <c>plan</c>'s default <c>--headroom</c> (a rollout whose peak crosses it is not safe).</summary>
    public const double HeadroomPct = Planning.PackingPlanner.DefaultHeadroomPct;

    /// <summary>Memory that leaves <see cref="HeadroomPct"/> of the instance free (MiB).</summary>
    public double HeadroomLineMiB => InstanceMiB * (100 - HeadroomPct) / 100;

    public static MemoryEnvelope From(ReplicationDetail detail)
    {
        // The series scans every running instance at each change of the fleet: its maximum and median are exact there, where
        // the per-instance samples (taken at process starts and exits) miss the drop after an old master quits.
        var window = StoryWindow.Of(detail);
        double size = detail.InstanceMemoryMiB;
        var series = detail.Series;
        var times = series.Select(p => p.Time.TotalSeconds).ToList();
        var max = series.Select(p => Finite(p.MaxMemoryPct) * size / 100).ToList();
        var median = series.Select(p => Finite(p.MedianMemoryPct) * size / 100).ToList();
        var ooms = detail.Timeline.Where(s => s.Name == "OOM kill").Select(s => s.Start.TotalSeconds).ToArray();
        int peakAt = max.Count == 0 ? -1 : max.IndexOf(max.Max());
        double peak = peakAt < 0 ? 0 : max[peakAt], peakSeconds = peakAt < 0 ? 0 : times[peakAt];
        return new MemoryEnvelope(window, [.. times], [.. max], [.. median], ooms, detail.InstanceMemoryMiB, peak, peakSeconds,
            ZoomAround(times, max, peakAt, window));
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;

    /// <summary>A window around the peak when the stretch at more than half-way from the median level to the peak is
    /// shorter than 5 % of the story: the stretch plus four times its length either side (at least a minute).</summary>
    private static StoryWindow? ZoomAround(List<double> times, List<double> max, int peakAt, StoryWindow window)
    {
        if (peakAt < 0) return null;
        double baseline = max.Order().ElementAt(max.Count / 2);
        double level = baseline + 0.5 * (max[peakAt] - baseline);
        if (max[peakAt] - baseline < 1) return null;
        int a = peakAt, b = peakAt;
        while (a > 0 && max[a - 1] > level) a--;
        while (b < max.Count - 1 && max[b + 1] > level) b++;
        double end = b + 1 < times.Count ? times[b + 1] : times[b];
        double length = Math.Max(end - times[a], 1);
        if (length > 0.05 * window.Length) return null;
        double pad = Math.Max(60, 4 * length);
        return new StoryWindow(Math.Max(0, times[a] - pad), end + pad);
    }
}

/// <summary>The memory figure of <see cref="MemoryEnvelope"/>: the full story on top and, when the peak is short, the
/// window around it below.</summary>
internal static class MemoryPlot
{
    public static Multiplot Create(string title, ReplicationDetail detail) =>
        Create(title, MemoryEnvelope.From(detail), detail);

    public static Multiplot Create(string title, MemoryEnvelope e, ReplicationDetail detail)
    {
        var full = Panel(title, e, e.Window, detail, zoomed: false);
        if (e.Zoom is not { } zoom) return PlotFiles.Grid(1, 1, [full]);
        var inset = Panel("around the peak", e, zoom, detail, zoomed: true);
        return PlotFiles.Grid(2, 1, [full, inset]);
    }

    private static Plot Panel(string title, MemoryEnvelope e, StoryWindow w, ReplicationDetail detail, bool zoomed)
    {
        var unit = TimeUnit.For(w.Length);
        var plot = zoomed ? ReportPlotStyle.NewPanel(title, unit.AxisLabel(), "memory (MiB)") : ReportPlotStyle.NewPlot(title, unit.AxisLabel(), "memory used (MiB)");
        if (e.Times.Length == 0)
        {
            ReportPlotStyle.NoData(plot, "no memory samples recorded in this replication");
            return plot;
        }
        double end = Math.Max(w.To, e.Times[^1]);
        var xs = e.Times.Select(unit.Of).Append(unit.Of(end)).ToArray();
        var max = plot.Add.ScatterLine(xs, e.MaxMiB.Append(e.MaxMiB[^1]).ToArray(), StatePalette.Capacity);
        max.ConnectStyle = ConnectStyle.StepHorizontal;
        max.LineWidth = 2.5f;
        max.LegendText = "max across instances";
        var med = plot.Add.ScatterLine(xs, e.MedianMiB.Append(e.MedianMiB[^1]).ToArray(), StatePalette.Healthy);
        med.ConnectStyle = ConnectStyle.StepHorizontal;
        med.LineWidth = 2f;
        med.LegendText = "median across instances";
        if (e.InstanceMiB > 0)
        {
            var size = plot.Add.HorizontalLine(e.InstanceMiB, 2.5f, StatePalette.Failure, LinePattern.Dashed);
            size.LegendText = $"instance size ({ReportPlotStyle.Whole(e.InstanceMiB)} MiB)";
            var limit = plot.Add.HorizontalLine(e.HeadroomLineMiB, 1.5f, StatePalette.Draining, LinePattern.Dashed);
            limit.LegendText = $"{ReportPlotStyle.Number(MemoryEnvelope.HeadroomPct)} % headroom ({ReportPlotStyle.Whole(e.HeadroomLineMiB)} MiB)";
            var peak = plot.Add.HorizontalLine(e.PeakMiB, 1.5f, StatePalette.Marker, LinePattern.Dotted);
            peak.LegendText = $"peak {ReportPlotStyle.Whole(e.PeakMiB)} MiB ({ReportPlotStyle.Number(100 * e.PeakMiB / e.InstanceMiB, 0)} %): headroom {ReportPlotStyle.Whole(Math.Max(0, e.InstanceMiB - e.PeakMiB))} MiB";
        }
        if (e.OomTimes.Length > 0)
        {
            var oom = plot.Add.Markers(e.OomTimes.Select(unit.Of).ToArray(), e.OomTimes.Select(_ => (double)e.InstanceMiB).ToArray(), MarkerShape.FilledTriangleDown, 12, StatePalette.Oom);
            oom.LegendText = $"OOM kill ({ReportPlotStyle.Whole(e.OomTimes.Length)})";
        }
        if (!zoomed) ReportPlotStyle.MarkDeployment(plot, detail.DeploymentStart, detail.DeploymentEnd, unit);
        else
        {
            var p = plot.Add.VerticalLine(unit.Of(e.PeakSeconds), 1.5f, StatePalette.Marker, LinePattern.Dotted);
            p.LegendText = $"peak at {unit.Format(e.PeakSeconds)}";
        }
        double top = Math.Max(e.InstanceMiB, e.PeakMiB);
        plot.Axes.SetLimits(unit.Of(w.From), unit.Of(w.To), 0, Math.Max(top, 1) * 1.1);
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }
}
