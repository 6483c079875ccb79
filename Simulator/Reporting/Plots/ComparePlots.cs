using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Plots of a compare: the strategies' capacity curves overlaid, and their key metrics as bars.</summary>
internal static class ComparePlots
{
    /// <summary>Serving capacity of each strategy (first replication) and the demand, as step lines.</summary>
    public static Plot Capacity(string title, IReadOnlyList<(string Strategy, ReplicationDetail Detail)> runs)
    {
        double from = runs.Min(r => CapacityPlot.WindowSeconds(r.Detail).From);
        double to = runs.Max(r => CapacityPlot.WindowSeconds(r.Detail).To);
        var unit = TimeUnit.For(to - from);
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel(), "requests per second");
        var demand = CapacityPlot.Step(plot, runs[0].Detail, unit, p => p.DemandRps, StatePalette.Demand, "demand", to);
        demand.LinePattern = LinePattern.Dashed;
        for (int i = 0; i < runs.Count; i++)
        {
            var (strategy, detail) = runs[i];
            var colour = StatePalette.Series(i);
            var line = CapacityPlot.Step(plot, detail, unit, p => p.ServingCapacityRps, colour, $"{strategy} capacity", to);
            line.LineWidth = 2 + 1.5f * (runs.Count - 1 - i); // earlier strategies wider, so that equal stretches show every colour
            if (detail.DeploymentEnd is { } end)
            {
                var endLine = plot.Add.VerticalLine(unit.Of(end), 1.5f, colour, LinePattern.Dotted);
                endLine.LegendText = $"{strategy} end ({unit.Format(end.TotalSeconds)})";
            }
        }
        if (runs.Select(r => r.Detail.DeploymentStart).FirstOrDefault(s => s is not null) is { } start)
        {
            var line = plot.Add.VerticalLine(unit.Of(start), 2, ReportPlotStyle.MarkerColor, LinePattern.Dashed);
            line.LegendText = $"deployment start ({unit.Format(start.TotalSeconds)})";
        }
        double top = runs.SelectMany(r => r.Detail.Series).Select(p => Math.Max(p.ServingCapacityRps, p.DemandRps))
            .Where(double.IsFinite).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimits(unit.Of(from), unit.Of(to), 0, Math.Max(top, 1) * 1.08);
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }

    /// <summary>The comparison's image height: three rows of panels.</summary>
    public const int MetricsHeight = 1050;

    /// <summary>The strategy comparison (<see cref="ComparisonData"/>): six panels in a 3 × 2 grid, one colour per
    /// strategy throughout.</summary>
    public static Multiplot Metrics(string title, ComparisonData data)
    {
        var names = data.Strategies.Select(s => s.Name).ToArray();
        var colours = names.Select((_, i) => StatePalette.Series(i)).ToArray();
        var panels = new List<Plot>();

        var success = ReportPlotStyle.NewPanel($"{title}: success rate", "", "runs that succeeded (%)");
        Bars(success, names, data.Strategies.Select(s => 100 * s.SuccessRate).ToArray(),
            data.Strategies.Select(s => $"{ReportPlotStyle.Number(100 * s.SuccessRate, 0)} % ({s.Succeeded}/{s.Replications})").ToArray(), colours);
        success.Axes.SetLimitsY(0, 118);
        panels.Add(success);

        panels.Add(RolloutPanel(data, names));
        panels.Add(CapacityPanel(data, names, colours));

        var requests = ReportPlotStyle.NewPanel("failed and unserved requests, mean per run", "", "requests");
        GroupedBars(requests, names, [("failed", StatePalette.Failure, data.Strategies.Select(s => s.MeanFailedRequests).ToArray()),
            ("unserved", StatePalette.Draining, data.Strategies.Select(s => s.MeanUnservedRequests).ToArray())]);
        panels.Add(requests);

        var memory = ReportPlotStyle.NewPanel("peak memory, worst run (% of instance)", "", "% of instance memory");
        Bars(memory, names, data.Strategies.Select(s => s.MaxPeakMemoryPct).ToArray(),
            data.Strategies.Select(s => ReportPlotStyle.Number(s.MaxPeakMemoryPct, 0) + " %").ToArray(), colours);
        var line = memory.Add.HorizontalLine(100, 2, StatePalette.Failure, LinePattern.Dashed);
        line.LegendText = "instance size (OOM above)";
        memory.Axes.SetLimitsY(0, Math.Max(118, data.Strategies.Max(s => s.MaxPeakMemoryPct) * 1.15));
        memory.ShowLegend(Alignment.UpperRight);
        panels.Add(memory);

        var hours = ReportPlotStyle.NewPanel("instance-hours per run, p10–p50–p90", "", "instance-hours");
        Whiskers(hours, names, data.Strategies.Select(s => s.InstanceHours).ToArray(), colours, 0, "");
        ReportPlotStyle.CategoryTicks(hours.Axes.Bottom, names);
        hours.Axes.SetLimitsX(-0.6, names.Length - 0.4);
        hours.Axes.SetLimitsY(0, Math.Max(1, data.Strategies.Select(s => s.InstanceHours.P90).Where(double.IsFinite).DefaultIfEmpty(1).Max()) * 1.25);
        panels.Add(hours);
        return PlotFiles.Grid(3, 2, panels);
    }

    /// <summary>Rollout time of successes (strategy colour) and time to failure (red, beside it) as p10–p90 whiskers
    /// around the p50; a strategy with no success or no failure leaves that whisker out and says so.</summary>
    private static Plot RolloutPanel(ComparisonData data, string[] names)
    {
        double top = data.Strategies.SelectMany(s => new[] { s.RolloutSeconds.P90, s.TimeToFailureSeconds.P90 }).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var unit = TimeUnit.For(top);
        var panel = ReportPlotStyle.NewPanel($"rollout of successes / time to failure ({unit.Name})", "", $"p10–p50–p90 ({unit.Name})");
        var colours = names.Select((_, i) => StatePalette.Series(i)).ToArray();
        string Label(double p50) => ConsoleTables.Duration(p50 * unit.Seconds);   // as the table prints it: 2 min 36 s, not 0 h
        Whiskers(panel, names, data.Strategies.Select(s => Scaled(s.RolloutSeconds, unit)).ToArray(), colours, -0.15, "no success", counts: true, label: Label);
        Whiskers(panel, names, data.Strategies.Select(s => Scaled(s.TimeToFailureSeconds, unit)).ToArray(), names.Select(_ => StatePalette.Failure).ToArray(), 0.15, "", counts: true, label: Label);
        panel.Legend.ManualItems.Add(new LegendItem { LabelText = "rollout time of successes", LineColor = colours[0], LineWidth = 3, MarkerShape = MarkerShape.FilledCircle, MarkerColor = colours[0] });
        panel.Legend.ManualItems.Add(new LegendItem { LabelText = "time to failure", LineColor = StatePalette.Failure, LineWidth = 3, MarkerShape = MarkerShape.FilledCircle, MarkerColor = StatePalette.Failure });
        panel.ShowLegend(Alignment.UpperRight);
        ReportPlotStyle.CategoryTicks(panel.Axes.Bottom, names);
        panel.Axes.SetLimitsX(-0.6, names.Length + 0.3);          // room for the last strategy's labels (four strategies: a narrower unit)
        panel.Axes.SetLimitsY(0, unit.Of(top) * 1.4);
        return panel;
    }

    private static ComparisonData.Band Scaled(ComparisonData.Band b, TimeUnit unit) => b with { P10 = unit.Of(b.P10), P50 = unit.Of(b.P50), P90 = unit.Of(b.P90) };

    /// <summary>Per target group, per strategy: a bar at the median replication's lowest capacity, a red tick at the worst.</summary>
    private static Plot CapacityPanel(ComparisonData data, string[] names, Color[] colours)
    {
        var panel = ReportPlotStyle.NewPanel("lowest serving capacity per target group (%)", "", "% of capacity before the rollout");
        GroupedBars(panel, data.TargetGroups, data.Strategies.Select((s, k) => (s.Name, colours[k], s.MinCapacityPct.Select(c => c.Median).ToArray())).ToArray());
        double width = 0.8 / Math.Max(1, names.Length);
        for (int k = 0; k < names.Length; k++)
            for (int g = 0; g < data.TargetGroups.Count; g++)
            {
                double worst = data.Strategies[k].MinCapacityPct[g].Worst;
                if (!double.IsFinite(worst)) continue;
                double x = g - 0.4 + width * (k + 0.5);
                var tick = panel.Add.Line(x - width * 0.4, worst, x + width * 0.4, worst);
                tick.LineColor = StatePalette.Failure;
                tick.LineWidth = 3;
                if (worst >= data.Strategies[k].MinCapacityPct[g].Median - 0.5) continue;   // on the bar's top: its label says it
                var label = panel.Add.Text(ReportPlotStyle.Number(worst, 0), x, worst);
                label.Alignment = Alignment.UpperCenter;
                label.LabelFontSize = 11;
                label.LabelFontColor = StatePalette.Failure;
            }
        panel.Legend.ManualItems.Add(new LegendItem { LabelText = "worst run", LineColor = StatePalette.Failure, LineWidth = 3 });
        panel.Axes.SetLimitsY(0, CapacityAxisTop(data));
        panel.ShowLegend(Edge.Right);                                  // beside the bars: the axis stays a percentage axis
        return panel;
    }

    /// <summary>The capacity panel's axis: 0 to 100 % (or the highest value observed, a group that gained capacity),
    /// with a little room for the bars' labels.</summary>
    public static double CapacityAxisTop(ComparisonData data) =>
        1.1 * Math.Max(100, data.Strategies.SelectMany(s => s.MinCapacityPct).SelectMany(c => new[] { c.Median, c.Worst }).Where(double.IsFinite).DefaultIfEmpty(100).Max());

    /// <summary>p10–p90 whiskers with a dot at p50 at positions 0, 1, … shifted by <paramref name="offset"/>, the p50
    /// printed beside (by <paramref name="label"/>, or as a number; with <paramref name="counts"/>, the runs it is of);
    /// <paramref name="missing"/> printed where a band has no value.</summary>
    private static void Whiskers(Plot plot, string[] names, ComparisonData.Band[] bands, Color[] colours, double offset, string missing, bool counts = false,
        Func<double, string>? label = null)
    {
        for (int i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            double x = i + offset;
            if (b.Count == 0)
            {
                if (missing.Length == 0) continue;
                var none = plot.Add.Text(missing, x, 0);
                none.Alignment = Alignment.LowerCenter;
                none.LabelFontSize = 12;
                continue;
            }
            var whisker = plot.Add.Line(x, b.P10, x, b.P90);
            whisker.LineColor = colours[i];
            whisker.LineWidth = 4;
            var dot = plot.Add.Marker(x, b.P50, MarkerShape.FilledCircle, 11, colours[i]);
            dot.LegendText = "";
            string runs = !counts ? "" : b.Count == 1 ? "\n(1 run)" : $"\n({b.Count} runs)";
            string value = label?.Invoke(b.P50) ?? ReportPlotStyle.Number(b.P50, b.P50 >= 100 ? 0 : 1);
            var text = plot.Add.Text(value + runs, x + 0.05, b.P50);
            text.Alignment = counts ? Alignment.LowerLeft : Alignment.MiddleLeft;   // two lines: above the axis even at 0
            text.LabelFontSize = 12;
        }
    }

    /// <summary>Groups of bars: one group per category, one bar per series (its colour in the legend), values on top.</summary>
    private static void GroupedBars(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<(string Name, Color Colour, double[] Values)> series)
    {
        double width = 0.8 / Math.Max(1, series.Count);
        double top = 0;
        for (int k = 0; k < series.Count; k++)
        {
            var (name, colour, values) = series[k];
            var bars = values.Select((v, g) => new Bar
            {
                Position = g - 0.4 + width * (k + 0.5),
                Value = double.IsFinite(v) ? v : 0,
                Size = width * 0.92,
                FillColor = colour,
                Label = Short(v),
            }).ToArray();
            top = Math.Max(top, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
            var plottable = plot.Add.Bars(bars);
            plottable.ValueLabelStyle.FontSize = 11;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = colour });
        }
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, categories);
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
        plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.25);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>A value for a bar label: thousands as k, millions as M, rounded for reading.</summary>
    public static string Short(double v) => !double.IsFinite(v) ? "n/a"
        : Math.Abs(v) >= 1e6 ? ReportPlotStyle.Number(v / 1e6, 1) + "M"
        : Math.Abs(v) >= 1e4 ? ReportPlotStyle.Number(v / 1e3, 0) + "k"
        : Math.Abs(v) >= 100 ? ReportPlotStyle.Number(v, 0)
        : ReportPlotStyle.Number(v, 1);

    /// <summary>One bar per category at 0, 1, …, in the given colours, with the given labels on top.</summary>
    public static void Bars(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<double> values, IReadOnlyList<string> labels, IReadOnlyList<Color> colours)
    {
        var bars = values.Select((v, i) => new Bar
        {
            Position = i,
            Value = double.IsFinite(v) ? v : 0,
            FillColor = colours[i],
            Label = labels[i],
            Size = 0.6,
        }).ToArray();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 13;
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, categories);
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
    }
}
