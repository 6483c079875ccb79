using System.Globalization;
using DeploySim.Metrics;
using ScottPlot;

namespace DeploySim.Reporting.Plots;

/// <summary>Plots of a sweep: key metrics against the varied value (one parameter), or as heatmaps over the two varied
/// values (two parameters). Sweeps of more parameters get no plot: the CSV and JSON hold them.</summary>
internal static class SweepPlots
{
    private static readonly (string Metric, string Stat)[] s_panels =
    [
        ("rolloutSeconds", "p50"), ("minServingCapacityPct", "mean"), ("peakInstances", "mean"), ("instanceHours", "mean"),
    ];

    /// <summary>The sweep's plot, or null when it varies no parameter or more than two.</summary>
    public static Multiplot? Create(string title, IReadOnlyList<SweepRow> rows)
    {
        if (rows.Count == 0) return null;
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        return paths.Length switch
        {
            1 => Lines(title, rows, paths[0]),
            2 => Heatmaps(title, rows, paths[0], paths[1]),
            _ => null,
        };
    }

    private static Multiplot Lines(string title, IReadOnlyList<SweepRow> rows, string path)
    {
        var axis = Axis.Of(rows, path);
        var panels = new List<Plot>();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (metric, stat) in s_panels)
        {
            var (scale, label) = Scale(metric, rows);
            var panel = ReportPlotStyle.NewPanel($"{label}, {stat}", path, label);
            var points = rows.Select(r => (X: axis.Position(Value(r, path)), Y: Stat(r.Summary[metric], stat) / scale))
                .OrderBy(p => p.X).ToArray();
            var line = panel.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), palette.GetColor(0));
            line.LineWidth = 2;
            line.MarkerSize = 8;
            if (metric == "rolloutSeconds")
            {
                var p90 = rows.Select(r => (X: axis.Position(Value(r, path)), Y: r.Summary[metric].P90 / scale)).OrderBy(p => p.X).ToArray();
                var l90 = panel.Add.Scatter(p90.Select(p => p.X).ToArray(), p90.Select(p => p.Y).ToArray(), palette.GetColor(3));
                l90.LinePattern = LinePattern.Dashed;
                l90.LineWidth = 2;
                l90.LegendText = "p90";
                line.LegendText = "p50";
                panel.ShowLegend(Alignment.UpperLeft);
                ReportPlotStyle.PanelTitle(panel, label);
            }
            axis.Apply(panel.Axes.Bottom);
            double top = rows.Select(r => r.Summary[metric].P90 / scale).Concat(points.Select(p => p.Y)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
            panel.Axes.AutoScaleX();
            panel.Axes.SetLimitsY(0, top > 0 ? top * 1.15 : 1);
            panels.Add(panel);
        }
        ReportPlotStyle.PanelTitle(panels[0], $"{title}: {panels[0].Axes.Title.Label.Text}");
        return PlotFiles.Grid(2, 2, panels);
    }

    private static Multiplot Heatmaps(string title, IReadOnlyList<SweepRow> rows, string xPath, string yPath)
    {
        var xAxis = Axis.Of(rows, xPath);
        var yAxis = Axis.Of(rows, yPath);
        var panels = new List<Plot>();
        foreach (var (metric, stat) in s_panels)
        {
            var (scale, label) = Scale(metric, rows);
            var panel = ReportPlotStyle.NewPanel($"{label}, {stat}", xPath, yPath);
            int cols = xAxis.Values.Count, nRows = yAxis.Values.Count;
            var cells = new double[nRows, cols];
            for (int r = 0; r < nRows; r++)
                for (int c = 0; c < cols; c++)
                    cells[r, c] = double.NaN;
            foreach (var row in rows)
            {
                int c = xAxis.Index(Value(row, xPath)), j = yAxis.Index(Value(row, yPath));
                double v = Stat(row.Summary[metric], stat) / scale;
                cells[nRows - 1 - j, c] = v;
                var text = panel.Add.Text(ReportPlotStyle.Number(v, 1), c, j);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 12;
                text.LabelFontColor = Colors.White;
                text.LabelBackgroundColor = Colors.Black.WithAlpha(0.45);
                text.LabelStyle.Padding = 4;
            }
            var heatmap = panel.Add.Heatmap(cells);
            // With no extent, cell (row r, column c) covers c ± 0.5 and (nRows - 1 - r) ± 0.5: the categories' positions.
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            var finite = cells.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
            if (finite.Max() - finite.Min() < 1e-9) heatmap.ManualRange = new ScottPlot.Range(finite.Min() - 1, finite.Max() + 1);
            panel.MoveToBack(heatmap);
            panel.Add.ColorBar(heatmap);
            ReportPlotStyle.CategoryTicks(panel.Axes.Bottom, xAxis.Labels);
            ReportPlotStyle.CategoryTicks(panel.Axes.Left, yAxis.Labels);
            panel.Axes.SetLimits(-0.5, cols - 0.5, -0.5, nRows - 0.5);
            panels.Add(panel);
        }
        ReportPlotStyle.PanelTitle(panels[0], $"{title}: {panels[0].Axes.Title.Label.Text}");
        return PlotFiles.Grid(2, 2, panels);
    }

    private static (double Scale, string Label) Scale(string metric, IReadOnlyList<SweepRow> rows)
    {
        if (metric != "rolloutSeconds") return (1, ReportNames.MetricLabel(metric));
        var unit = TimeUnit.For(rows.Select(r => r.Summary[metric].Max).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        return (unit.Seconds, $"rollout time ({unit.Name})");
    }

    private static double Stat(MetricSummary m, string stat) => stat switch
    {
        "p50" => m.P50,
        "p90" => m.P90,
        _ => m.Mean,
    };

    private static string Value(SweepRow row, string path) =>
        row.Parameters.FirstOrDefault(p => p.Key == path).Value ?? "";

    /// <summary>The values of one parameter: numbers placed at their value when every value is a number, otherwise
    /// categories at 0, 1, … in order of first appearance.</summary>
    private sealed class Axis
    {
        public required IReadOnlyList<string> Values { get; init; }
        public required bool Numeric { get; init; }
        public IReadOnlyList<string> Labels => Values;

        public static Axis Of(IReadOnlyList<SweepRow> rows, string path)
        {
            var values = rows.Select(r => Value(r, path)).Distinct(StringComparer.Ordinal).ToList();
            bool numeric = values.All(v => TryNumber(v, out _));
            if (numeric) values = values.OrderBy(v => TryNumber(v, out var d) ? d : 0).ToList();
            return new Axis { Values = values, Numeric = numeric };
        }

        public int Index(string value) => Values.ToList().IndexOf(value);

        public double Position(string value) => Numeric && TryNumber(value, out var d) ? d : Index(value);

        /// <summary>Category ticks unless the values are numbers (then the axis's own ticks serve).</summary>
        public void Apply(IAxis axis)
        {
            if (!Numeric) ReportPlotStyle.CategoryTicks(axis, Values);
        }

        private static bool TryNumber(string s, out double d) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);
    }
}
