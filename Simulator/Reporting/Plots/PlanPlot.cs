using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>The capacity plan: per instance size (groups) and strategy (colours), the largest safe worker count per
/// instance and the instances needed at it, each bar labelled with the memory headroom its rollout used (peak memory,
/// worst replication); a configuration with no safe worker count is marked unsafe in red instead of a bar.</summary>
internal static class PlanPlot
{
    /// <summary>One bar pair: its group (instance size index), its strategy index, and what is drawn.</summary>
    public readonly record struct Cell(int Group, int Strategy, string StrategyName, long InstanceMiB, int Workers, int Instances, double PeakMemoryPct, bool Unsafe);

    public static IReadOnlyList<Cell> Cells(IReadOnlyList<PlanRow> rows)
    {
        var sizes = rows.Select(r => r.InstanceMemoryMiB).Distinct().Order().ToList();
        var strategies = rows.Select(r => r.Strategy).Distinct().Order().ToList();
        return [.. rows.Select(r => new Cell(sizes.IndexOf(r.InstanceMemoryMiB), strategies.IndexOf(r.Strategy), ReportNames.Of(r.Strategy),
            r.InstanceMemoryMiB, r.MaxSafeWorkers, r.InstancesNeeded, r.PeakMemoryPct.Max, r.MaxSafeWorkers <= 0 || r.InstancesNeeded <= 0))];
    }

    public static Multiplot Create(string title, IReadOnlyList<PlanRow> rows)
    {
        var cells = Cells(rows);
        var sizes = rows.Select(r => r.InstanceMemoryMiB).Distinct().Order().Select(m => $"{ReportPlotStyle.Whole(m / 1024.0)} GiB").ToArray();
        int strategies = cells.Select(c => c.Strategy).DefaultIfEmpty(-1).Max() + 1;
        var workers = ReportPlotStyle.NewPanel($"{title}: safe workers per instance", "instance memory", "unicorn workers per instance");
        Draw(workers, cells, sizes, strategies, c => c.Workers, c => $"{c.Workers}\n{ReportPlotStyle.Number(c.PeakMemoryPct, 0)} %");
        var instances = ReportPlotStyle.NewPanel("instances needed at that worker count", "instance memory", "instances");
        Draw(instances, cells, sizes, strategies, c => c.Instances, c => ReportPlotStyle.Whole(c.Instances));
        workers.Legend.ManualItems.Add(new LegendItem { LabelText = "label: workers, peak memory (worst run)" });
        return PlotFiles.Grid(1, 2, [workers, instances]);
    }

    private static void Draw(Plot plot, IReadOnlyList<Cell> cells, string[] sizes, int strategies, Func<Cell, int> value, Func<Cell, string> label)
    {
        double width = 0.8 / Math.Max(1, strategies);
        foreach (var group in cells.GroupBy(c => c.Strategy).OrderBy(g => g.Key))
        {
            var colour = StatePalette.Series(group.Key);
            var bars = new List<Bar>();
            foreach (var c in group)
            {
                double x = c.Group - 0.4 + width * (c.Strategy + 0.5);
                if (c.Unsafe)
                {
                    var mark = plot.Add.Text("unsafe", x, 0);
                    mark.Alignment = Alignment.LowerCenter;
                    mark.LabelFontColor = StatePalette.Failure;
                    mark.LabelFontSize = 12;
                    mark.LabelBold = true;
                    continue;
                }
                bars.Add(new Bar { Position = x, Value = value(c), Size = width * 0.92, FillColor = colour, Label = label(c) });
            }
            if (bars.Count > 0)
            {
                var plottable = plot.Add.Bars(bars);
                plottable.ValueLabelStyle.FontSize = 11;
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = group.First().StrategyName, FillColor = colour });
        }
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, sizes);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.6, sizes.Length - 0.4);
        plot.Axes.SetLimitsY(0, Math.Max(1, cells.Select(value).DefaultIfEmpty(1).Max()) * 1.3);
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
