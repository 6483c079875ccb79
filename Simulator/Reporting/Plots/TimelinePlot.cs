using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The fleet timeline (<see cref="FleetTimelineData"/>): one row per instance, its target state in the lower
/// half and its lifecycle, Auto Scaling and unicorn events in the upper half, coloured by <see cref="StatePalette"/>;
/// failed spans outlined in red. Instances launched after the deployment started sit below a line labelled as the
/// replacement fleet. Above <see cref="FleetTimelineData.MaxRows"/> instances, stacked counts of targets per state.</summary>
internal static class TimelinePlot
{
    public static Plot Create(string title, ReplicationDetail detail) => Create(title, FleetTimelineData.From(detail));

    public static Plot Create(string title, FleetTimelineData data)
    {
        var w = data.Window;
        var unit = TimeUnit.For(w.Length);
        var plot = data.StateStrip
            ? ReportPlotStyle.NewPlot($"{title} ({ReportPlotStyle.Whole(data.Instances)} instances: targets per state)", unit.AxisLabel(), "targets")
            : ReportPlotStyle.NewPlot(title, unit.AxisLabel(), data.Rows.Count > 40 ? "instance (launch order)" : "instance");
        if (data.StateStrip) StateStrip(plot, data, unit);
        else Rows(plot, data, unit);
        foreach (var (label, seconds) in data.Markers)
        {
            var line = plot.Add.VerticalLine(unit.Of(seconds), 2, label is "alarm" or "first failure" ? StatePalette.Failure : StatePalette.Marker,
                label.StartsWith("deployment", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Dotted);
            line.LegendText = $"{label} ({unit.Format(seconds)})";
        }
        if (data.Instances == 0) ReportPlotStyle.NoData(plot, "no lifecycle events recorded in this replication");
        plot.Axes.SetLimitsX(unit.Of(w.From), unit.Of(w.To));
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    private static void Rows(Plot plot, FleetTimelineData data, TimeUnit unit)
    {
        double minWidth = unit.Of(data.Window.Length) * 0.004;     // point events (launch, terminate, USR2) stay visible
        foreach (var b in data.Bars)
        {
            double x1 = unit.Of(b.From), x2 = Math.Max(unit.Of(b.To), x1 + minWidth);
            var rect = b.TargetState ? plot.Add.Rectangle(x1, x2, b.Row + 0.02, b.Row + 0.42) : plot.Add.Rectangle(x1, x2, b.Row - 0.42, b.Row - 0.02);
            var colour = StatePalette.Of(b.Name);
            rect.FillStyle.Color = colour;
            rect.LineStyle.Color = b.Failed ? StatePalette.Failure : colour;
            rect.LineStyle.Width = b.Failed ? 3 : 0;
        }
        int rows = data.Rows.Count;
        if (data.FirstReplacementRow < rows && data.FirstReplacementRow > 0)
        {
            plot.Add.HorizontalLine(data.FirstReplacementRow - 0.5, 1.5f, Colors.Black, LinePattern.Solid);
            var note = plot.Add.Text("↓ launched during the rollout (replacement fleet)", unit.Of(data.Window.From), data.FirstReplacementRow - 0.5);
            note.Alignment = Alignment.UpperLeft;
            note.LabelFontSize = 12;
            note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        }
        var names = data.Bars.Select(b => b.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in StatePalette.TargetStates.Where(names.Contains))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"target {name} (lower half)", FillColor = StatePalette.Of(name) });
        foreach (var name in OrderedEvents(names))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = StatePalette.Of(name) });
        if (data.Bars.Any(b => b.Failed))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "failed (red outline)", FillColor = Colors.White, OutlineColor = StatePalette.Failure, OutlineWidth = 3 });
        var labels = data.Rows.Select(i => $"#{i}").ToList();
        int step = Math.Max(1, (int)Math.Ceiling(rows / 40.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < rows; i += step) ticks.AddMajor(i, labels[i]);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = rows > 25 ? 11 : 14;
        plot.Axes.SetLimitsY(Math.Max(rows, 1) - 0.5, -0.5);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
    }

    /// <summary>Names that are no target state: lifecycle events in CodeDeploy's order first, then the others in order
    /// of first appearance.</summary>
    private static IEnumerable<string> OrderedEvents(List<string> names)
    {
        var lifecycle = Enum.GetNames<Scenarios.LifecycleEvent>();
        var others = names.Where(n => StatePalette.TargetState(n) is null).ToList();
        return lifecycle.Where(others.Contains).Concat(others.Where(n => !lifecycle.Contains(n)));
    }

    private static void StateStrip(Plot plot, FleetTimelineData data, TimeUnit unit)
    {
        // Counts hold from one time to the next: each time appears twice, with the value before and after it.
        int n = data.CountTimes.Count;
        var xs = Enumerable.Range(0, 2 * n).Select(k => unit.Of(data.CountTimes[k / 2])).ToArray();
        var below = new double[xs.Length];
        foreach (var (state, counts) in data.Counts)
        {
            var top = below.Select((b, k) => b + (k % 2 == 1 ? counts[k / 2] : k == 0 ? 0 : counts[k / 2 - 1])).ToArray();
            var fill = plot.Add.FillY(xs, top, below);
            fill.FillStyle.Color = StatePalette.Of(state).WithAlpha(0.85);
            fill.LineStyle.Width = 0;
            fill.LegendText = $"target {state}";
            below = top;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsY(0, Math.Max(1, below.DefaultIfEmpty(0).Max()) * 1.08);
    }

    /// <summary>Whether a span's status means it failed (<c>Failed</c>, <c>TimedOut</c>, <c>Abandoned</c>, an error).</summary>
    public static bool IsFailure(string status) =>
        status.Contains("fail", StringComparison.OrdinalIgnoreCase)
        || status.Contains("timedout", StringComparison.OrdinalIgnoreCase)
        || status.Contains("timeout", StringComparison.OrdinalIgnoreCase)
        || status.Contains("abandon", StringComparison.OrdinalIgnoreCase)
        || status.Contains("error", StringComparison.OrdinalIgnoreCase);
}
