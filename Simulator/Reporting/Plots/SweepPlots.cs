using System.Globalization;
using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Plots of a sweep: one panel per metric that varies across the combinations (success rate always first),
/// as lines with a p10–p90 band over one varied parameter, or as heat maps over two. A heat map whose values differ by
/// less than <see cref="NoChange"/> of their size says "no change" instead of stretching its colours. Sweeps of more
/// parameters get no plot: the CSV and JSON hold them.</summary>
internal static class SweepPlots
{
    /// <summary>Relative spread below which a metric counts as not varying.</summary>
    public const double NoChange = 0.005;

    /// <summary>The candidate panels in order: metric key, label, whether the p50 (else the mean) is the headline.</summary>
    private static readonly (string Metric, string Label, bool Median)[] s_candidates =
    [
        ("successRate", "success rate (%)", false),
        ("rolloutSeconds", "rollout time of successes", true),
        ("timeToFailureSeconds", "time to failure", true),
        ("minServingCapacityPct", "lowest serving capacity (%)", false),
        ("failedRequests", "failed requests", false),
        ("unservedRequests", "unserved requests", false),
        ("peakMemoryPct", "peak memory (% of instance)", false),
        ("oomKills", "OOM kills", false),
        ("instanceHours", "instance-hours", false),
        ("peakInstances", "peak instances", false),
    ];

    /// <summary>The metrics a sweep plot can draw, by their JSON key (what <c>sweep --metrics</c> accepts).</summary>
    public static IReadOnlyList<string> MetricNames { get; } = [.. s_candidates.Select(c => c.Metric)];

    /// <summary>A panel: its metric, label and one value per row (the headline, p10 and p90; NaN: none).</summary>
    public sealed record Panel(string Metric, string Label, double[] Value, double[] P10, double[] P90)
    {
        public bool Varies => Spread(Value) >= NoChange;
    }

    /// <summary>The relative spread of the finite values: (max − min) / max |value|; 0 when fewer than two.</summary>
    public static double Spread(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length < 2) return 0;
        double size = v.Max(Math.Abs);
        return size == 0 ? 0 : (v.Max() - v.Min()) / size;
    }

    /// <summary>The panels drawn: success rate, then each other candidate that varies (at most <paramref name="max"/>),
    /// or the metrics named in <paramref name="metrics"/> in that order.</summary>
    public static IReadOnlyList<Panel> Panels(IReadOnlyList<SweepRow> rows, IReadOnlyList<string>? metrics = null, int max = 6)
    {
        var all = s_candidates.Select(c => Build(c.Metric, c.Label, c.Median, rows)).ToList();
        if (metrics is { Count: > 0 })   // the success rate always comes first
            return [.. metrics.Prepend("successRate").Distinct(StringComparer.Ordinal).Select(m => all.FirstOrDefault(p => p.Metric == m)).OfType<Panel>()];
        return [.. all.Where((p, i) => i == 0 || p.Varies).Take(max)];
    }

    private static Panel Build(string metric, string label, bool median, IReadOnlyList<SweepRow> rows)
    {
        if (metric == "successRate")
        {
            var rate = rows.Select(r => 100 * r.Summary.SuccessRate).ToArray();
            return new Panel(metric, label, rate, rate, rate);
        }
        var stats = rows.Select(r => r.Summary[metric]).ToArray();
        double scale = 1;
        if (metric.EndsWith("Seconds", StringComparison.Ordinal))
        {
            var unit = TimeUnit.For(stats.Select(s => s.P90).Where(double.IsFinite).DefaultIfEmpty(0).Max());
            scale = unit.Seconds;
            label = $"{label} ({unit.Name})";
        }
        return new Panel(metric, label + (median ? ", p50" : ", mean"),
            stats.Select(s => (median ? s.P50 : s.Mean) / scale).ToArray(),
            stats.Select(s => (double.IsNaN(s.P10) ? s.Min : s.P10) / scale).ToArray(),
            stats.Select(s => s.P90 / scale).ToArray());
    }

    /// <summary>The sweep's plot, or null when it varies no parameter or more than two.</summary>
    public static Multiplot? Create(string title, IReadOnlyList<SweepRow> rows, IReadOnlyList<string>? metrics = null)
    {
        if (rows.Count == 0) return null;
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        if (paths.Length is 0 or > 2) return null;
        var panels = Panels(rows, metrics);
        var plots = panels.Select(p => paths.Length == 1 ? Line(p, rows, paths[0]) : Heatmap(p, rows, paths[0], paths[1])).ToList();
        ReportPlotStyle.PanelTitle(plots[0], $"{title}: {plots[0].Axes.Title.Label.Text}");
        return PlotFiles.Grid((plots.Count + 1) / 2, Math.Min(2, plots.Count), plots);
    }

    /// <summary>The image height for <paramref name="panels"/> panels in rows of two.</summary>
    public static int Height(int panels) => Math.Max(ReportPlotStyle.Height, 380 * ((panels + 1) / 2));

    private static Plot Line(Panel p, IReadOnlyList<SweepRow> rows, string path)
    {
        var axis = Axis.Of(rows, path);
        var plot = ReportPlotStyle.NewPanel(p.Label, ReportNames.ParameterLabel(path), p.Label);
        var order = Enumerable.Range(0, rows.Count).Where(i => double.IsFinite(p.Value[i])).OrderBy(i => axis.Position(Value(rows[i], path))).ToArray();
        var xs = order.Select(i => axis.Position(Value(rows[i], path))).ToArray();
        if (xs.Length > 0)
        {
            var lo = order.Select(i => Finite(p.P10[i], p.Value[i])).ToArray();
            var hi = order.Select(i => Finite(p.P90[i], p.Value[i])).ToArray();
            if (p.Metric != "successRate")
            {
                var band = plot.Add.FillY(xs, hi, lo);
                band.FillStyle.Color = StatePalette.Capacity.WithAlpha(0.2);
                band.LineStyle.Width = 0;
            }
            var line = plot.Add.Scatter(xs, order.Select(i => p.Value[i]).ToArray(), StatePalette.Capacity);
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }
        else ReportPlotStyle.NoData(plot, "no value in any combination");
        if (p.Metric == "peakMemoryPct")
        {
            var size = plot.Add.HorizontalLine(100, 2, StatePalette.Failure, LinePattern.Dashed);
            size.LegendText = "instance size (OOM above)";
            plot.ShowLegend(Alignment.LowerRight);
        }
        axis.Apply(plot.Axes.Bottom);
        double top = p.P90.Concat(p.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.AutoScaleX();
        if (p.Metric == "peakMemoryPct") top = Math.Max(top, 100);
        // The success rate's axis starts a little below 0 so that a 0 % point is not hidden under the axis.
        if (p.Metric == "successRate") plot.Axes.SetLimitsY(-4, 105);
        else plot.Axes.SetLimitsY(0, top > 0 ? top * 1.15 : 1);
        return plot;
    }

    private static double Finite(double v, double fallback) => double.IsFinite(v) ? v : fallback;

    private static Plot Heatmap(Panel p, IReadOnlyList<SweepRow> rows, string xPath, string yPath)
    {
        var xAxis = Axis.Of(rows, xPath);
        var yAxis = Axis.Of(rows, yPath);
        bool varies = p.Varies;
        var plot = ReportPlotStyle.NewPanel(varies ? p.Label : $"{p.Label}: no change", ReportNames.ParameterLabel(xPath), ReportNames.ParameterLabel(yPath));
        int cols = xAxis.Values.Count, nRows = yAxis.Values.Count;
        var cells = new double[nRows, cols];
        for (int r = 0; r < nRows; r++)
            for (int c = 0; c < cols; c++)
                cells[r, c] = double.NaN;
        for (int i = 0; i < rows.Count; i++)
        {
            int c = xAxis.Index(Value(rows[i], xPath)), j = yAxis.Index(Value(rows[i], yPath));
            double v = p.Value[i];
            cells[nRows - 1 - j, c] = varies ? v : double.NaN;
            var text = plot.Add.Text(double.IsFinite(v) ? ReportPlotStyle.Number(v, Math.Abs(v) >= 100 ? 0 : 1) : "n/a", c, j);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontSize = 12;
            text.LabelFontColor = varies ? Colors.White : Colors.Black;
            text.LabelBackgroundColor = varies ? Colors.Black.WithAlpha(0.45) : Colors.Transparent;
            text.LabelStyle.Padding = 4;
        }
        var finite = cells.Cast<double>().Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            var heatmap = plot.Add.Heatmap(cells);
            // With no extent, cell (row r, column c) covers c ± 0.5 and (nRows - 1 - r) ± 0.5: the categories' positions.
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.NaNCellColor = StatePalette.Unused.WithAlpha(0.4);
            plot.MoveToBack(heatmap);
            plot.Add.ColorBar(heatmap);
        }
        ReportPlotStyle.CategoryTicks(plot.Axes.Bottom, xAxis.Values);
        ReportPlotStyle.CategoryTicks(plot.Axes.Left, yAxis.Values);
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, nRows - 0.5);
        return plot;
    }

    private static string Value(SweepRow row, string path) =>
        row.Parameters.FirstOrDefault(p => p.Key == path).Value ?? "";

    /// <summary>The values of one parameter: numbers placed at their value when every value is a number (integer ticks
    /// when every value is whole), otherwise categories at 0, 1, … in order of first appearance.</summary>
    private sealed class Axis
    {
        public required IReadOnlyList<string> Values { get; init; }
        public required bool Numeric { get; init; }
        public bool Integer { get; init; }

        public static Axis Of(IReadOnlyList<SweepRow> rows, string path)
        {
            var values = rows.Select(r => Value(r, path)).Distinct(StringComparer.Ordinal).ToList();
            bool numeric = values.All(v => TryNumber(v, out _));
            if (numeric) values = [.. values.OrderBy(v => TryNumber(v, out var d) ? d : 0)];
            bool integer = numeric && values.All(v => TryNumber(v, out var d) && d == Math.Round(d));
            return new Axis { Values = values, Numeric = numeric, Integer = integer };
        }

        public int Index(string value) => Values.ToList().IndexOf(value);

        public double Position(string value) => Numeric && TryNumber(value, out var d) ? d : Index(value);

        /// <summary>Category ticks unless the values are numbers; whole-number ticks for whole-number values.</summary>
        public void Apply(IAxis axis)
        {
            if (!Numeric) ReportPlotStyle.CategoryTicks(axis, Values);
            else if (Integer) axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        /// <summary>A number, or a duration such as <c>30s</c>, <c>5m</c>, <c>1h</c> in its own unit (the values of one
        /// parameter share their unit in practice; the ticks keep the text).</summary>
        private static bool TryNumber(string s, out double d)
        {
            string t = s.Trim();
            foreach (var suffix in new[] { "ms", "s", "m", "h" })
                if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.Ordinal) && char.IsDigit(t[^(suffix.Length + 1)]))
                {
                    t = t[..^suffix.Length];
                    break;
                }
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);
        }
    }
}
