using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace DeploySim.Reporting.Plots;

/// <summary>Writes a plot as <c>NAME.png</c> and <c>NAME.svg</c> (both atomically) and returns the file paths.</summary>
/// <remarks>Renders under the invariant culture: ScottPlot formats tick labels with the current culture, and the
/// images must not depend on the machine. PNGs are compressed with zlib level 1 (<see cref="PngOptions"/>): encoding at
/// Skia's default level 6 took 45 ms of a 1200 x 700 figure's 63 ms; level 1 takes 21 ms, for files 5 to 25 % larger.</remarks>
internal static partial class PlotFiles
{
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 1);

    public static IReadOnlyList<string> Save(Plot plot, string dir, string name) => Invariant(() =>
    {
        var png = Path.Combine(dir, name + ".png");
        var svg = Path.Combine(dir, name + ".svg");
        AtomicFile.WriteAllBytes(png, Png(ReportPlotStyle.Width, ReportPlotStyle.Height, canvas => plot.Render(canvas, ReportPlotStyle.Width, ReportPlotStyle.Height)));
        AtomicFile.WriteAllText(svg, NumberSvgIds(plot.GetSvgXml(ReportPlotStyle.Width, ReportPlotStyle.Height)));
        return new[] { png, svg };
    });

    public static IReadOnlyList<string> Save(Multiplot plots, string dir, string name, int height = ReportPlotStyle.Height, int width = ReportPlotStyle.Width) => Invariant(() =>
    {
        var png = Path.Combine(dir, name + ".png");
        var svg = Path.Combine(dir, name + ".svg");
        var rect = new PixelRect(0, width, height, 0);
        AtomicFile.WriteAllBytes(png, Png(width, height, canvas => plots.Render(canvas, rect)));
        using (var buffer = new MemoryStream())
        {
            using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), buffer))
            {
                plots.Render(canvas, rect);
            }
            AtomicFile.WriteAllText(svg, NumberSvgIds(AtomicFile.Utf8.GetString(buffer.ToArray())));
        }
        return new[] { png, svg };
    });

    /// <summary>Draws on a raster surface and encodes it as PNG with <see cref="PngOptions"/>.</summary>
    private static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"Skia could not create a {width} x {height} surface");
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("Skia could not encode the figure as PNG");
        return data.ToArray();
    }

    /// <summary>Renumbers Skia's clip-path ids (<c>cl_&lt;hex&gt;</c>, drawn from a process-wide counter) in order of
    /// first appearance, so that the same plot gives the same SVG however many were drawn before it.</summary>
    internal static string NumberSvgIds(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return SvgClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = "cl_" + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids.Add(m.Value, id);
            }
            return id;
        });
    }

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-f]+(?=[""\)])")]
    private static partial Regex SvgClipId();

    private static T Invariant<T>(Func<T> render)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>A grid of panels, filled row by row.</summary>
    public static Multiplot Grid(int rows, int columns, IReadOnlyList<Plot> panels)
    {
        var multiplot = new Multiplot(panels[0]);
        foreach (var p in panels.Skip(1)) multiplot.AddPlot(p);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return multiplot;
    }
}
