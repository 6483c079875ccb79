using DeploySim.Metrics;
using DeploySim.Scenarios;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>A Gantt chart of each instance's lifecycle events, like the CodeDeploy console's: one row per instance and
/// lane, one bar per span coloured by its name, failed spans outlined in red with a red diamond at their end. The x
/// axis shows the deployment window of <see cref="CapacityPlot.WindowSeconds"/>. Huge fleets are cut to the first
/// instances (by number), and the title says so.</summary>
internal static class TimelinePlot
{
    /// <summary>At most this many rows (instance × lane) are drawn.</summary>
    public const int MaxRows = 40;

    public static Plot Create(string title, ReplicationDetail detail)
    {
        var spans = detail.Timeline;
        var lanes = spans.Select(s => s.Lane).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var instances = spans.Select(s => s.Instance).Distinct().Order().ToArray();
        int shown = Math.Min(instances.Length, Math.Max(1, MaxRows / Math.Max(1, lanes.Length)));
        var drawn = instances.Take(shown).ToArray();
        var kept = spans.Where(s => Array.BinarySearch(drawn, s.Instance) >= 0).ToList();

        var (from, to) = detail.DeploymentStart is not null
            ? CapacityPlot.WindowSeconds(detail)
            : (kept.Count > 0 ? kept.Min(s => s.Start.TotalSeconds) : 0, kept.Count > 0 ? kept.Max(s => s.End.TotalSeconds) : 1);
        var unit = TimeUnit.For(to - from);
        string suffix = shown < instances.Length ? $" (first {shown} of {instances.Length} instances)" : "";
        var plot = ReportPlotStyle.NewPlot(title + suffix, unit.AxisLabel(), lanes.Length > 1 ? "instance / lane" : "instance");

        var rowOf = new Dictionary<(int, string), int>();
        var labels = new List<string>();
        foreach (var i in drawn)
            foreach (var lane in lanes)
                if (kept.Any(s => s.Instance == i && s.Lane == lane))
                {
                    rowOf[(i, lane)] = labels.Count;
                    labels.Add(lanes.Length > 1 ? $"#{i} {lane}" : $"#{i}");
                }

        var legend = ColoursByName(kept);
        var colours = legend.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var s in kept)
        {
            int row = rowOf[(s.Instance, s.Lane)];
            double x1 = unit.Of(s.Start), x2 = Math.Max(unit.Of(s.End), x1);
            var rect = plot.Add.Rectangle(x1, x2, row - 0.38, row + 0.38);
            rect.FillStyle.Color = colours[s.Name];
            if (IsFailure(s.Status))
            {
                rect.LineStyle.Color = ReportPlotStyle.FailureColor;
                rect.LineStyle.Width = 3;
                plot.Add.Marker(x2, row, MarkerShape.FilledDiamond, 14, ReportPlotStyle.FailureColor);
            }
            else
            {
                rect.LineStyle.Color = colours[s.Name].Darken(0.3);
                rect.LineStyle.Width = 0.5f;
            }
        }

        ReportPlotStyle.MarkDeployment(plot, detail.DeploymentStart, detail.DeploymentEnd, unit);
        foreach (var (name, colour) in legend)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = colour, OutlineColor = colour.Darken(0.3) });
        if (kept.Any(s => IsFailure(s.Status)))
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "failed (red outline, ◆ at its end)", FillColor = Colors.White, OutlineColor = ReportPlotStyle.FailureColor, OutlineWidth = 3,
            });

        if (labels.Count == 0) ReportPlotStyle.NoData(plot, "no lifecycle events recorded in this replication");
        ReportPlotStyle.CategoryTicks(plot.Axes.Left, labels);
        plot.Axes.Left.TickLabelStyle.FontSize = labels.Count > 25 ? 11 : 14;
        plot.Axes.SetLimits(unit.Of(from), unit.Of(to), Math.Max(labels.Count, 1) - 0.5, -0.5);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    /// <summary>Whether a span's status means it failed (<c>Failed</c>, <c>TimedOut</c>, <c>Abandoned</c>, an error).</summary>
    public static bool IsFailure(string status) =>
        status.Contains("fail", StringComparison.OrdinalIgnoreCase)
        || status.Contains("timedout", StringComparison.OrdinalIgnoreCase)
        || status.Contains("timeout", StringComparison.OrdinalIgnoreCase)
        || status.Contains("abandon", StringComparison.OrdinalIgnoreCase)
        || status.Contains("error", StringComparison.OrdinalIgnoreCase);

    /// <summary>One colour per span name: lifecycle events in CodeDeploy's order first, then other names in order of
    /// first appearance. Colours come from Category20 without its reds (red marks failures): the nine strong hues,
    /// then their light shades, so that neighbouring events differ.</summary>
    public static IReadOnlyList<KeyValuePair<string, Color>> ColoursByName(IEnumerable<TimelineSpan> spans)
    {
        var names = spans.Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        var lifecycle = Enum.GetNames<LifecycleEvent>();
        var ordered = lifecycle.Where(names.Contains).Concat(names.Where(n => !lifecycle.Contains(n))).ToList();
        return ordered.Select((n, i) => new KeyValuePair<string, Color>(n, s_palette[i % s_palette.Length])).ToList();
    }

    private static readonly Color[] s_palette = BuildPalette();

    private static Color[] BuildPalette()
    {
        var colours = new ScottPlot.Palettes.Category20().Colors;
        int[] hues = [0, 1, 2, 4, 5, 6, 7, 8, 9]; // hue 3 is red
        return hues.Select(h => colours[2 * h]).Concat(hues.Select(h => colours[2 * h + 1])).ToArray();
    }
}
