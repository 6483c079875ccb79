using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Instances needed per strategy and instance size: bars grouped by instance size, one colour per strategy,
/// each bar labelled with its instance count and the largest safe worker count.</summary>
internal static class PlanPlot
{
    public static Plot Create(string title, IReadOnlyList<PlanRow> rows)
    {
        var plot = ReportPlotStyle.NewPlot(title, "instance memory", "instances needed");
        var sizes = rows.Select(r => r.InstanceMemoryMiB).Distinct().Order().ToArray();
        var strategies = rows.Select(r => r.Strategy).Distinct().Order().ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        double groupWidth = 0.8, barWidth = groupWidth / Math.Max(1, strategies.Length);
        for (int k = 0; k < strategies.Length; k++)
        {
            var colour = palette.GetColor(k);
            var bars = new List<Bar>();
            foreach (var row in rows.Where(r => r.Strategy == strategies[k]))
            {
                int group = Array.IndexOf(sizes, row.InstanceMemoryMiB);
                bars.Add(new Bar
                {
                    Position = group - groupWidth / 2 + barWidth * (k + 0.5),
                    Value = row.InstancesNeeded,
                    Size = barWidth * 0.92,
                    FillColor = colour,
                    Label = $"{row.InstancesNeeded} ({row.MaxSafeWorkers}w)",
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = ReportNames.Of(strategies[k]);
            plottable.ValueLabelStyle.FontSize = strategies.Length * sizes.Length > 12 ? 11 : 14;
        }
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, sizes.Select(s => $"{s} MiB").ToArray());
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.6, sizes.Length - 0.4);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "bar label: instances (max safe workers)" });
        ReportPlotStyle.LegendRight(plot);
        return plot;
    }
}
