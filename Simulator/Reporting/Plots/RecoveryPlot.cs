using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Recovery from a bad revision, per strategy (a compare of a scenario with a bad revision): a lane from the
/// first request the bad revision served, red until the alarm fired (time to detect), amber until no serving instance
/// ran it any more (revert or reroute done: time to recover), as p50 over replications with the p90 whisker, and the
/// requests the bad revision failed printed beside.</summary>
internal static class RecoveryPlot
{
    /// <summary>One strategy's lane: p50 and p90 of time to detect and to recover (seconds from the first bad request;
    /// NaN: never), and the mean requests failed by the bad revision.</summary>
    public readonly record struct Lane(string Strategy, double DetectP50, double DetectP90, double RecoverP50, double RecoverP90, double FailedRequests, int Recovered, int Replications);

    /// <summary>The lanes, or null when no run has a bad revision.</summary>
    public static IReadOnlyList<Lane>? Lanes(IReadOnlyList<(string Name, IReadOnlyList<ReplicationResult> Results)> runs)
    {
        if (!runs.Any(r => r.Results.Any(x => double.IsFinite(x.TimeToDetectSeconds) || double.IsFinite(x.TimeToRecoverSeconds)))) return null;
        return [.. runs.Select(r =>
        {
            var detect = ComparisonData.Band.Of(r.Results.Select(x => x.TimeToDetectSeconds));
            var recover = ComparisonData.Band.Of(r.Results.Select(x => x.TimeToRecoverSeconds));
            return new Lane(r.Name, detect.P50, detect.P90, recover.P50, recover.P90,
                r.Results.Count == 0 ? 0 : r.Results.Average(x => x.BadRevisionFailedRequests), recover.Count, r.Results.Count);
        })];
    }

    /// <summary>The figure: the lanes across replications on top, then each strategy's failed requests over time in
    /// the replication drawn (<see cref="RecoveryStory"/>; none for a strategy whose replication served no bad revision).</summary>
    public static Multiplot Create(string title, IReadOnlyList<Lane> lanes, IReadOnlyList<RecoveryStory> stories) =>
        PlotFiles.Grid(1 + stories.Count, 1, [Create(title, lanes), .. stories.Select(s => s.Panel(withLegend: true))]);

    /// <summary>The image height: taller with each strategy's panel.</summary>
    public static int Height(int stories) => ReportPlotStyle.Height + 330 * stories;

    public static Plot Create(string title, IReadOnlyList<Lane> lanes)
    {
        double top = lanes.SelectMany(l => new[] { l.DetectP90, l.RecoverP90 }).Where(double.IsFinite).DefaultIfEmpty(60).Max();
        var unit = TimeUnit.For(top);
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel("time since the bad revision's first request"), "");
        for (int i = 0; i < lanes.Count; i++)
        {
            var l = lanes[i];
            double detect = double.IsFinite(l.DetectP50) ? unit.Of(l.DetectP50) : double.NaN;
            double recover = double.IsFinite(l.RecoverP50) ? unit.Of(l.RecoverP50) : double.NaN;
            if (double.IsFinite(detect)) Segment(plot, 0, detect, i, StatePalette.Failure);
            if (double.IsFinite(recover)) Segment(plot, double.IsFinite(detect) ? Math.Min(detect, recover) : 0, recover, i, StatePalette.Draining);
            if (double.IsFinite(l.RecoverP90) && double.IsFinite(recover))
            {
                var whisker = plot.Add.Line(recover, i, unit.Of(l.RecoverP90), i);
                whisker.LineColor = StatePalette.Marker;
                whisker.LineWidth = 2;
            }
            string text = double.IsFinite(recover)
                ? $"  alarm {Format(l.DetectP50, unit)}, recovered {Format(l.RecoverP50, unit)} (p90 {Format(l.RecoverP90, unit)}); {ComparePlots.Short(l.FailedRequests)} failed requests/run"
                : $"  never recovered in {l.Replications - l.Recovered} of {l.Replications} runs; {ComparePlots.Short(l.FailedRequests)} failed requests/run";
            var label = plot.Add.Text(text, double.IsFinite(recover) ? unit.Of(Math.Max(l.RecoverP90, l.RecoverP50)) : 0, i);
            label.Alignment = Alignment.MiddleLeft;
            label.LabelFontSize = 13;
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "bad revision serving, no alarm yet", FillColor = StatePalette.Failure });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "alarm fired: revert or reroute under way", FillColor = StatePalette.Draining });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "p90 of recovery", LineColor = StatePalette.Marker, LineWidth = 2 });
        ReportPlotStyle.CategoryTicks(plot.Axes.Left, [.. lanes.Select(l => l.Strategy)]);
        plot.Axes.SetLimits(0, unit.Of(top) * 2.4, lanes.Count - 0.5, -0.5);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static string Format(double seconds, TimeUnit unit) => double.IsFinite(seconds) ? unit.Format(seconds) : "n/a";

    private static void Segment(Plot plot, double from, double to, int row, Color colour)
    {
        var rect = plot.Add.Rectangle(from, Math.Max(to, from), row - 0.3, row + 0.3);
        rect.FillStyle.Color = colour;
        rect.LineStyle.Width = 0;
    }
}
