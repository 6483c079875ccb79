using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Plots of a compare: the strategies' capacity curves overlaid, and their key metrics as bars.</summary>
internal static class ComparePlots
{
    /// <summary>The metrics of the bar charts, with the statistic shown.</summary>
    public static readonly string[] BarMetrics = ["rolloutSeconds", "minServingCapacityPct", "peakInstances", "instanceHours"];

    /// <summary>Serving capacity of each strategy (first replication) and the demand, as step lines.</summary>
    public static Plot Capacity(string title, IReadOnlyList<(string Strategy, ReplicationDetail Detail)> runs)
    {
        double from = runs.Min(r => CapacityPlot.WindowSeconds(r.Detail).From);
        double to = runs.Max(r => CapacityPlot.WindowSeconds(r.Detail).To);
        var unit = TimeUnit.For(to - from);
        var plot = ReportPlotStyle.NewPlot(title, unit.AxisLabel(), "requests per second");
        var palette = new ScottPlot.Palettes.Category10();

        var demand = CapacityPlot.Step(plot, runs[0].Detail, unit, p => p.DemandRps, Colors.Gray, "demand", to);
        demand.LinePattern = LinePattern.Dashed;
        for (int i = 0; i < runs.Count; i++)
        {
            var (strategy, detail) = runs[i];
            var colour = palette.GetColor(i);
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

    /// <summary>A 2 × 2 grid of bar charts, one per metric of <see cref="BarMetrics"/>, one bar per strategy (mean over
    /// replications, the value printed on the bar).</summary>
    public static Multiplot Metrics(string title, IReadOnlyList<RunSummary> summaries)
    {
        var names = summaries.Select(s => ReportNames.Of(s.Strategy)).ToArray();
        var panels = new List<Plot>();
        foreach (var metric in BarMetrics)
        {
            var means = summaries.Select(s => s[metric].Mean).ToArray();
            var (values, label) = metric == "rolloutSeconds" ? InTimeUnit(means) : (means, ReportNames.MetricLabel(metric));
            var panel = ReportPlotStyle.NewPanel(label + ", mean", "", label);
            Bars(panel, names, values);
            panels.Add(panel);
        }
        ReportPlotStyle.PanelTitle(panels[0], $"{title}: {panels[0].Axes.Title.Label.Text}");
        return PlotFiles.Grid(2, 2, panels);
    }

    /// <summary>One bar per category at 0, 1, …, coloured like the capacity curves, values printed on top.</summary>
    public static void Bars(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<double> values)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var bars = values.Select((v, i) => new Bar
        {
            Position = i,
            Value = double.IsFinite(v) ? v : 0,
            FillColor = palette.GetColor(i),
            Label = ReportPlotStyle.Number(v, 2),
            Size = 0.6,
        }).ToArray();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 13;
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, categories);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
    }

    private static (double[] Values, string Label) InTimeUnit(double[] seconds)
    {
        var unit = TimeUnit.For(seconds.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        return (seconds.Select(unit.Of).ToArray(), $"rollout time ({unit.Name})");
    }
}
