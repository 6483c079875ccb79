using System.Globalization;
using DeploySim.Engine;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace DeploySim.Reporting.Plots;

/// <summary>What every plot shares: the image size, the fonts and their sizes, colours, the time unit of the x axis,
/// and category ticks.</summary>
internal static class ReportPlotStyle
{
    public const int Width = 1200;
    public const int Height = 700;

    public static readonly Color CapacityColor = StatePalette.Capacity;
    public static readonly Color DemandColor = StatePalette.Demand;
    public static readonly Color MarkerColor = StatePalette.Marker;
    public static readonly Color FailureColor = StatePalette.Failure;

    /// <summary>A plot with the shipped fonts and sizes readable at <see cref="Width"/> × <see cref="Height"/>.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        PlotFonts.Use();
        var plot = new Plot();
        Style(plot, title, xLabel, yLabel, titleSize: 22, labelSize: 17, tickSize: 14, titleChars: 60);
        return plot;
    }

    /// <summary>A smaller style for one panel of a grid of plots.</summary>
    public static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        PlotFonts.Use();
        var plot = new Plot();
        Style(plot, title, xLabel, yLabel, titleSize: 17, labelSize: 14, tickSize: 12, titleChars: 48);
        return plot;
    }

    private static void Style(Plot plot, string title, string xLabel, string yLabel, float titleSize, float labelSize, float tickSize, int titleChars)
    {
        plot.Title(title, TitleSize(title, titleSize, titleChars));
        plot.XLabel(xLabel, labelSize);
        plot.YLabel(yLabel, labelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = tickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = tickSize;
        plot.Legend.FontSize = tickSize;
    }

    /// <summary>Replaces the title of a panel made by <see cref="NewPanel"/>.</summary>
    public static void PanelTitle(Plot panel, string title) => panel.Title(title, TitleSize(title, 17, 48));

    /// <summary>The title's font size: <paramref name="size"/> when it has at most <paramref name="fits"/> characters
    /// (about what the width holds), smaller in proportion for longer titles, never below 11.</summary>
    public static float TitleSize(string title, float size, int fits) =>
        title.Length <= fits ? size : Math.Max(11f, size * fits / title.Length);

    /// <summary>Shows the legend to the right of the data area, where it hides no data; no legend when it would be empty
    /// (an empty legend panel leaves ScottPlot with a blank image).</summary>
    public static void LegendRight(Plot plot)
    {
        if (plot.Legend.GetItems().Length > 0) plot.ShowLegend(Edge.Right);
    }

    /// <summary>Dashed vertical lines at the deployment's start and end, with legend entries.</summary>
    public static void MarkDeployment(Plot plot, SimTime? start, SimTime? end, TimeUnit unit)
    {
        if (start is { } s)
        {
            var line = plot.Add.VerticalLine(unit.Of(s), 2, MarkerColor, LinePattern.Dashed);
            line.LegendText = $"deployment start ({unit.Format(s.TotalSeconds)})";
        }
        if (end is { } e)
        {
            var line = plot.Add.VerticalLine(unit.Of(e), 2, MarkerColor, LinePattern.Dotted);
            line.LegendText = $"deployment end ({unit.Format(e.TotalSeconds)})";
        }
    }

    /// <summary>Says in the middle of the data area that there is nothing to draw.</summary>
    public static void NoData(Plot plot, string message)
    {
        var note = plot.Add.Annotation(message, Alignment.MiddleCenter);
        note.LabelFontSize = 18;
    }

    /// <summary>Labels the integer positions 0, 1, … of an axis with <paramref name="labels"/>.</summary>
    public static void CategoryTicks(IAxis axis, IReadOnlyList<string> labels)
    {
        var ticks = new NumericManual();
        for (int i = 0; i < labels.Count; i++) ticks.AddMajor(i, labels[i]);
        axis.TickGenerator = ticks;
    }

    /// <summary>A count or whole quantity with thousands separators, invariant culture (<c>8,192</c>).</summary>
    public static string Whole(double value) =>
        double.IsFinite(value) ? Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Numbers for labels: invariant culture, at most <paramref name="decimals"/> decimals, no trailing zeros.</summary>
    public static string Number(double value, int decimals = 1) =>
        double.IsFinite(value) ? Math.Round(value, decimals).ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>The unit of a time axis, chosen from the span shown: seconds up to 3 minutes, minutes up to 3 hours,
/// hours beyond.</summary>
internal readonly record struct TimeUnit(string Name, double Seconds)
{
    public static TimeUnit For(double maxSeconds) => maxSeconds switch
    {
        <= 180 => new("s", 1),
        <= 3 * 3600 => new("min", 60),
        _ => new("h", 3600),
    };

    public double Of(SimTime t) => t.TotalSeconds / Seconds;
    public double Of(double seconds) => seconds / Seconds;
    public string Format(double seconds) => $"{ReportPlotStyle.Number(Of(seconds))} {Name}";

    /// <summary>e.g. <c>time since start (min)</c>.</summary>
    public string AxisLabel(string what = "time since start") => $"{what} ({Name})";
}
