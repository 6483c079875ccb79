using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Serving capacity against demand over time, as step lines (a value holds until the next change), with the
/// deployment's start and end marked. The x axis shows the deployment with some time either side of it.</summary>
internal static class CapacityPlot
{
    public static Plot Create(string title, ReplicationDetail detail)
    {
        var (from, to) = WindowSeconds(detail);
        var unit = TimeUnit.For(to - from);
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel(), detail.RateUnit);
        var demand = Step(plot, detail, unit, p => p.DemandRps, ReportPlotStyle.DemandColor, "demand");
        demand.LinePattern = LinePattern.Dashed;
        Step(plot, detail, unit, p => p.ServingCapacityRps, ReportPlotStyle.CapacityColor, detail.WorkerFleet ? "processing capacity" : "serving capacity");
        if (detail.Series.Any(p => p.Backlog > 0)) AddBacklog(plot, detail, unit);
        if (detail.Series.Count == 0) ReportPlotStyle.NoData(plot, "no capacity samples recorded in this replication");
        ReportPlotStyle.MarkDeployment(plot, detail.DeploymentStart, detail.DeploymentEnd, unit);
        plot.Axes.SetLimitsX(unit.Of(from), unit.Of(to));
        plot.Axes.SetLimitsY(bottom: 0, top: Math.Max(1, MaxY(detail)) * 1.08);
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    /// <summary>A worker fleet's job backlog on a right-hand axis: it changes linearly between samples.</summary>
    private static void AddBacklog(Plot plot, ReplicationDetail detail, TimeUnit unit)
    {
        var axis = plot.Axes.AddRightAxis();
        axis.LabelText = "job backlog (jobs)";
        var line = plot.Add.ScatterLine(detail.Series.Select(p => unit.Of(p.Time.TotalSeconds)).ToArray(), detail.Series.Select(p => p.Backlog).ToArray(), Colors.Purple);
        line.LineWidth = 2f;
        line.LegendText = "job backlog (right axis)";
        line.Axes.YAxis = axis;
        axis.Min = 0;
        axis.Max = Math.Max(1, detail.Series.Max(p => p.Backlog)) * 1.08;
    }

    /// <summary>A step line of one series value, held to the end of the run (or to <paramref name="endSeconds"/>
    /// when that is later).</summary>
    public static ScottPlot.Plottables.Scatter Step(Plot plot, ReplicationDetail detail, TimeUnit unit,
        Func<SeriesPoint, double> value, Color color, string label, double endSeconds = 0)
    {
        var (xs, ys) = StepPoints(detail, unit, value, endSeconds);
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2.5f;
        line.LegendText = label;
        return line;
    }

    /// <summary>The points of a series with the last value repeated at the end of the run, so that it holds.</summary>
    public static (double[] Xs, double[] Ys) StepPoints(ReplicationDetail detail, TimeUnit unit, Func<SeriesPoint, double> value, double endSeconds = 0)
    {
        var s = detail.Series;
        if (s.Count == 0) return ([0.0], [0.0]);
        var xs = new double[s.Count + 1];
        var ys = new double[s.Count + 1];
        for (int i = 0; i < s.Count; i++)
        {
            xs[i] = unit.Of(s[i].Time);
            ys[i] = Finite(value(s[i]));
        }
        xs[^1] = unit.Of(Math.Max(endSeconds, EndSeconds(detail)));
        ys[^1] = ys[^2];
        return (xs, ys);
    }

    /// <summary>The last time of interest: the last sample or the deployment's end, whichever is later.</summary>
    public static double EndSeconds(ReplicationDetail detail)
    {
        double end = detail.Series.Count > 0 ? detail.Series[^1].Time.TotalSeconds : 0;
        if (detail.Memory.Count > 0) end = Math.Max(end, detail.Memory[^1].Time.TotalSeconds);
        foreach (var span in detail.Timeline) end = Math.Max(end, span.End.TotalSeconds);
        if (detail.DeploymentEnd is { } e) end = Math.Max(end, e.TotalSeconds);
        if (detail.DeploymentStart is { } s) end = Math.Max(end, s.TotalSeconds);
        return end;
    }

    /// <summary>The span shown: the story of <see cref="StoryWindow"/>.</summary>
    public static (double From, double To) WindowSeconds(ReplicationDetail detail)
    {
        var w = StoryWindow.Of(detail);
        return (w.From, w.To);
    }

    private static double MaxY(ReplicationDetail detail) =>
        detail.Series.Count == 0 ? 0 : detail.Series.Max(p => Math.Max(Finite(p.ServingCapacityRps), Finite(p.DemandRps)));

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
