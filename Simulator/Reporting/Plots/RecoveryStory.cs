using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>One strategy's recovery from a bad revision in the replication drawn: failed requests over time (a rate
/// between two points of the simulation's series, from the cumulative count the world integrates) and the story's
/// moments: deployment start, the bad revision's first request, the alarm, and the moment no serving instance ran it
/// any more (the revert or the reroute done). Times are seconds of simulated time; NaN: did not happen.</summary>
internal sealed record RecoveryStory(
    string Strategy, int Replication, StoryWindow Window, double[] Times, double[] FailedPerSecond, double[] FailedCumulative,
    double DeploymentStart, double FirstBadRequest, double Alarm, double Recovered)
{
    /// <summary>The phase of the story at <paramref name="seconds"/>.</summary>
    public string PhaseAt(double seconds) =>
        !(seconds >= FirstBadRequest) ? "before the bad revision"
        : double.IsFinite(Recovered) && seconds >= Recovered ? "recovered"
        : double.IsFinite(Alarm) && seconds >= Alarm ? "alarm fired, recovering"
        : "bad revision serving, no alarm yet";

    /// <summary>The story of <paramref name="detail"/>, or null when its replication never served a bad revision.</summary>
    public static RecoveryStory? From(string strategy, ReplicationDetail detail)
    {
        var lane = detail.Timeline.Where(s => s.Instance < 0 && s.Lane == ReplicationDetail.BadRevisionLane).ToList();
        var first = lane.FirstOrDefault(s => s.Status == "bad revision");
        if (first.Lane is null) return null;
        double firstBad = first.Start.TotalSeconds;
        var cleared = lane.Where(s => s.Status == "recovered").Select(s => s.Start.TotalSeconds).DefaultIfEmpty(double.NaN).Max();
        var alarm = detail.Timeline.FirstOrDefault(s => s.Lane == ReplicationDetail.AlarmLane);
        double alarmAt = alarm.Lane is null ? double.NaN : alarm.Start.TotalSeconds;
        var series = detail.Series;
        var times = series.Select(p => p.Time.TotalSeconds).ToArray();
        var cumulative = series.Select(p => p.FailedRequests).ToArray();
        // The rate from a point to the next: what failed in between over its length (none after the last point: NaN).
        var rate = new double[times.Length];
        for (int i = 0; i + 1 < times.Length; i++)
            rate[i] = times[i + 1] > times[i] ? (cumulative[i + 1] - cumulative[i]) / (times[i + 1] - times[i]) : 0;
        if (rate.Length > 0) rate[^1] = double.NaN;
        // The story window ends after the last recovery: the bad-revision lane's moments are part of the story.
        return new RecoveryStory(strategy, detail.Replication + 1, StoryWindow.Of(detail),
            times, rate, cumulative, detail.DeploymentStart?.TotalSeconds ?? double.NaN, firstBad, alarmAt, cleared);
    }

    /// <summary>A panel: failed requests per second over time, the undetected stretch shaded red, the recovery amber,
    /// and the story's moments as vertical lines.</summary>
    public Plot Panel(bool withLegend)
    {
        var unit = TimeUnit.For(Window.Length);
        double failed = FailedCumulative.Length == 0 ? 0 : FailedCumulative[^1];
        string title = $"{Strategy} (replication {Replication}): {ReportPlotStyle.Whole(failed)} failed requests";
        var plot = ReportPlotStyle.NewPanel(title, unit.AxisLabel(), "failed requests per second");
        double top = Math.Max(1, FailedPerSecond.Where(double.IsFinite).DefaultIfEmpty(0).Max()) * 1.15;
        double alarmOrEnd = double.IsFinite(Alarm) ? Alarm : double.IsFinite(Recovered) ? Recovered : Window.To;
        Shade(plot, unit.Of(FirstBadRequest), unit.Of(alarmOrEnd), top, StatePalette.Failure, "bad revision serving, no alarm yet");
        if (double.IsFinite(Alarm))
            Shade(plot, unit.Of(Alarm), unit.Of(double.IsFinite(Recovered) ? Recovered : Window.To), top, StatePalette.Draining,
                double.IsFinite(Recovered) ? "alarm fired: revert or reroute under way" : "alarm fired, never recovered");
        if (Times.Length > 0)
        {
            // The series' last point ends the line (nothing is known after it).
            var ys = FailedPerSecond.Select((v, i) => double.IsFinite(v) ? v : i > 0 ? FailedPerSecond[i - 1] : 0).ToArray();
            var line = plot.Add.ScatterLine(Times.Select(unit.Of).ToArray(), ys, StatePalette.Oom);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.LegendText = "failed requests per second";
        }
        Mark(plot, unit, DeploymentStart, "deployment start", StatePalette.Marker, LinePattern.Dashed);
        Mark(plot, unit, FirstBadRequest, "first bad request", StatePalette.Failure, LinePattern.Dotted);
        Mark(plot, unit, Alarm, "alarm", StatePalette.Failure, LinePattern.Dashed);
        Mark(plot, unit, Recovered, "recovered: no instance serves it", StatePalette.Healthy, LinePattern.Solid);
        plot.Axes.SetLimits(unit.Of(Window.From), unit.Of(Window.To), 0, top);
        if (withLegend) ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    private static void Shade(Plot plot, double from, double to, double top, Color colour, string label)
    {
        if (!(to > from)) return;
        var rect = plot.Add.Rectangle(from, to, 0, top);
        rect.FillStyle.Color = colour.WithAlpha(0.18);
        rect.LineStyle.Width = 0;
        rect.LegendText = label;
    }

    private static void Mark(Plot plot, TimeUnit unit, double seconds, string label, Color colour, LinePattern pattern)
    {
        if (!double.IsFinite(seconds)) return;
        var line = plot.Add.VerticalLine(unit.Of(seconds), 2, colour, pattern);
        line.LegendText = $"{label} ({unit.Format(seconds)})";
    }
}
