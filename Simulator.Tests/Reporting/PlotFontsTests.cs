using DeploySim.Reporting;
using ScottPlot;
using SkiaSharp;

namespace DeploySim.Tests.Reporting;

public sealed class PlotFontsTests
{
    [Test]
    public void Use_Registered_DefaultFontResolvesToTheShippedTypefaces()
    {
        PlotFonts.Use();

        Assert.That(Fonts.Default, Is.EqualTo(PlotFonts.Family));
        Assert.That(Fonts.GetTypeface(PlotFonts.Family, bold: false, italic: false), Is.SameAs(PlotFonts.Regular));
        Assert.That(Fonts.GetTypeface(PlotFonts.Family, bold: true, italic: false), Is.SameAs(PlotFonts.Bold));
        Assert.That(PlotFonts.Regular.FamilyName, Is.EqualTo("DejaVu Sans"));
        Assert.That(PlotFonts.Bold.FontWeight, Is.EqualTo((int)SKFontStyleWeight.Bold));
    }

    [Test]
    public void Use_CalledTwice_RegistersOneResolver()
    {
        PlotFonts.Use();
        int before = Fonts.FontResolvers.Count;

        PlotFonts.Use();

        Assert.That(Fonts.FontResolvers, Has.Count.EqualTo(before));
    }

    [Test]
    public void LicenceText_Embedded_IsTheBitstreamVeraLicence()
    {
        Assert.That(PlotFonts.LicenceText(), Does.Contain("Bitstream Vera").And.Contain("Permission is hereby granted"));
    }

    [Test]
    public void Render_PlotWithTitle_DrawsTheTitleText()
    {
        int withTitle = DarkPixels("Rollout of web-fleet");
        int withoutTitle = DarkPixels("");

        Assert.That(withTitle - withoutTitle, Is.GreaterThan(500), "the title's glyphs");
    }

    /// <summary>Renders a plot with no data and counts its dark pixels (axes, tick labels and the title).</summary>
    private static int DarkPixels(string title)
    {
        PlotFonts.Use();
        using var plot = new Plot();
        plot.Title(title, 24);
        plot.HideGrid();
        var png = plot.GetImageBytes(600, 300, ImageFormat.Png);
        using var bitmap = SKBitmap.Decode(png);
        int dark = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is { Red: < 128, Green: < 128, Blue: < 128 }) dark++;
        return dark;
    }
}
