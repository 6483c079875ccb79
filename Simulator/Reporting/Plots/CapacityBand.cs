using DeploySim.Metrics;
using MathNet.Numerics.Statistics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Serving capacity per target group over time across replications: at each instant of a common grid, the
/// p10, p50 and p90 over the replications and one replication's capacity: the worst (the one whose weakest group dipped
/// lowest, <see cref="Running.ReplicationChoice"/>) or the one the user chose, against the group's demand (its share of
/// the fleet's). <c>HighlightedReplication</c> is that replication (1-based), <c>HighlightIsWorst</c> whether it is
/// the worst.</summary>
internal sealed record CapacityBand(
    StoryWindow Window, double[] Times, IReadOnlyList<CapacityBand.Group> Groups, int Replications, int HighlightedReplication,
    bool HighlightIsWorst, IReadOnlyList<(string Label, double Seconds)> Markers)
{
    /// <summary>Requests per second, or a worker fleet's jobs per second.</summary>
    public string RateUnit { get; init; } = "requests per second";

    /// <summary>Instants of the grid.</summary>
    public const int Instants = 400;

    /// <summary>One group's band; <c>Highlighted</c> is the highlighted replication's capacity.</summary>
    public sealed record Group(string Name, double[] P10, double[] P50, double[] P90, double[] Highlighted, double[] Demand);

    /// <param name="details">Each replication's trace, with its result (1-based replication numbers are the results' + 1).</param>
    /// <param name="chosen">The replication to highlight (0-based, among <paramref name="details"/>); null: the worst.</param>
    public static CapacityBand From(IReadOnlyList<(ReplicationResult Result, ReplicationDetail Detail)> details, int? chosen = null)
    {
        var windows = details.Select(d => StoryWindow.Of(d.Detail)).ToList();
        var window = new StoryWindow(windows.Min(w => w.From), windows.Max(w => w.To));
        var times = Enumerable.Range(0, Instants).Select(i => window.From + (window.Length * i / (Instants - 1))).ToArray();
        var first = details[0].Detail;
        var names = first.TargetGroupNames.Count > 0 ? first.TargetGroupNames : ["fleet"];
        int worst = 0;
        for (int r = 1; r < details.Count; r++)
            if (Running.ReplicationChoice.Severity.Compare(details[r].Result, details[worst].Result) < 0) worst = r;
        int highlight = chosen is { } c ? Enumerable.Range(0, details.Count).First(r => details[r].Result.Replication == c) : worst;
        var groups = new List<Group>();
        for (int g = 0; g < names.Count; g++)
        {
            int group = first.TargetGroupNames.Count > 0 ? g : -1;
            var samples = details.Select(d => group < 0 ? Sample(d.Detail, times, p => p.ServingCapacityRps) : SampleGroup(d.Detail, times, group)).ToList();
            double share = group < 0 ? 1 : first.TargetGroupShares[group];
            var demand = Sample(first, times, p => p.DemandRps * share);
            double[] Q(double q) => times.Select((_, i) =>
                SortedArrayStatistics.QuantileCustom(samples.Select(s => s[i]).Order().ToArray(), q, QuantileDefinition.R7)).ToArray();
            groups.Add(new Group(names[g], Q(0.1), Q(0.5), Q(0.9), samples[highlight], demand));
        }
        return new CapacityBand(window, times, groups, details.Count, details[highlight].Result.Replication + 1, highlight == worst, FindMarkers(details))
        {
            RateUnit = first.RateUnit,
        };
    }

    /// <summary>A series' value (held since its last change) at each of <paramref name="times"/>.</summary>
    public static double[] Sample(ReplicationDetail detail, double[] times, Func<SeriesPoint, double> value)
    {
        var s = detail.Series;
        var result = new double[times.Length];
        int k = -1;
        for (int i = 0; i < times.Length; i++)
        {
            while (k + 1 < s.Count && s[k + 1].Time.TotalSeconds <= times[i]) k++;
            double v = k < 0 ? 0 : value(s[k]);
            result[i] = double.IsFinite(v) ? v : 0;
        }
        return result;
    }

    /// <summary>Target group <paramref name="g"/>'s capacity (held since its last change) at each of <paramref name="times"/>.</summary>
    public static double[] SampleGroup(ReplicationDetail detail, double[] times, int g)
    {
        var s = detail.Series;
        var groups = detail.GroupCapacityRps;
        var result = new double[times.Length];
        int k = -1;
        for (int i = 0; i < times.Length; i++)
        {
            while (k + 1 < s.Count && k + 1 < groups.Count && s[k + 1].Time.TotalSeconds <= times[i]) k++;
            result[i] = k < 0 ? 0 : groups[k][g];
        }
        return result;
    }

    /// <summary>Deployment start, the median end of successful rollouts, the median failure, alarm and recovery.</summary>
    private static List<(string, double)> FindMarkers(IReadOnlyList<(ReplicationResult Result, ReplicationDetail Detail)> details)
    {
        var markers = new List<(string, double)>();
        var starts = details.Where(d => d.Detail.DeploymentStart is not null).Select(d => d.Detail.DeploymentStart!.Value.TotalSeconds).ToList();
        if (starts.Count == 0) return markers;
        double start = starts.Median();
        markers.Add(("deployment start", start));
        var ok = details.Where(d => d.Result.Outcome == DeploymentOutcome.Succeeded).Select(d => d.Result.RolloutSeconds).ToList();
        if (ok.Count > 0) markers.Add(($"rollout finished, p50 of {ok.Count} successes", start + ok.Median()));
        var failed = details.Select(d => d.Result.TimeToFailureSeconds).Where(double.IsFinite).ToList();
        if (failed.Count > 0) markers.Add(($"failure, p50 of {failed.Count} failed runs", start + failed.Median()));
        var detect = details.Where(d => double.IsFinite(d.Result.TimeToDetectSeconds)).Select(d => d.Detail.Timeline.FirstOrDefault(t => t.Lane == ReplicationDetail.AlarmLane))
            .Where(t => t.Lane is not null).Select(t => t.Start.TotalSeconds).ToList();
        if (detect.Count > 0) markers.Add(("alarm, p50", detect.Median()));
        return markers;
    }
}

/// <summary>The capacity band figure: one panel per target group.</summary>
internal static class CapacityBandPlot
{
    public static Multiplot Create(string title, CapacityBand band)
    {
        var unit = TimeUnit.For(band.Window.Length);
        var panels = new List<Plot>();
        foreach (var g in band.Groups)
        {
            string name = band.Groups.Count > 1 || g.Name != "fleet" ? $"target group {g.Name}" : "fleet";
            string heading = panels.Count == 0 ? $"{title}: {name}, {band.Replications} replications" : name;
            var plot = band.Groups.Count == 1 ? ReportPlotStyle.NewPlot(heading, unit.AxisLabel(), band.RateUnit)
                : ReportPlotStyle.NewPanel(heading, unit.AxisLabel(), band.RateUnit);
            var xs = band.Times.Select(unit.Of).ToArray();
            var fill = plot.Add.FillY(xs, g.P90, g.P10);
            fill.FillStyle.Color = StatePalette.Capacity.WithAlpha(0.25);
            fill.LineStyle.Width = 0;
            fill.LegendText = "p10–p90 of replications";
            Line(plot, xs, g.P50, StatePalette.Capacity, 2.5f, "p50 serving capacity");
            Line(plot, xs, g.Highlighted, StatePalette.Failure, 1.5f,
                band.HighlightIsWorst ? $"worst replication ({band.HighlightedReplication})" : $"replication {band.HighlightedReplication}");
            var demand = Line(plot, xs, g.Demand, StatePalette.Demand, 2f, "demand");
            demand.LinePattern = LinePattern.Dashed;
            foreach (var (label, seconds) in band.Markers)
            {
                var line = plot.Add.VerticalLine(unit.Of(seconds), 1.5f, label.StartsWith("failure", StringComparison.Ordinal) || label.StartsWith("alarm", StringComparison.Ordinal) ? StatePalette.Failure : StatePalette.Marker,
                    label.StartsWith("deployment", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Dotted);
                line.LegendText = $"{label} ({unit.Format(seconds)})";
            }
            double top = new[] { g.P90, g.Highlighted, g.Demand }.SelectMany(a => a).DefaultIfEmpty(1).Max();
            plot.Axes.SetLimits(xs[0], xs[^1], 0, Math.Max(1, top) * 1.1);
            ReportPlotStyle.LegendRight(plot);
            panels.Add(plot);
        }
        return PlotFiles.Grid(panels.Count, 1, panels);
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color colour, float width, string label)
    {
        var line = plot.Add.ScatterLine(xs, ys, colour);
        line.LineWidth = width;
        line.LegendText = label;
        return line;
    }

    /// <summary>The image height: taller with more groups.</summary>
    public static int Height(CapacityBand band) => ReportPlotStyle.Height + 300 * Math.Max(0, band.Groups.Count - 1);
}
