using ScottPlot;
using SkiaSharp;

namespace DeploySim.Reporting;

/// <summary>Makes ScottPlot draw every label with the DejaVu Sans files embedded in this assembly (regular and bold;
/// licence in <c>Reporting/Fonts/LICENSE-DejaVu.txt</c>), so that plots have text on a machine with no fonts
/// installed and look the same everywhere.</summary>
/// <remarks>
/// <see cref="Use"/> registers a font resolver for the family <see cref="Family"/> ahead of ScottPlot's system resolver
/// and makes it <see cref="Fonts.Default"/>. The family has a name of its own so that an installed "DejaVu Sans"
/// can never stand in for the shipped files. ScottPlot's font settings are process-wide; <see cref="Use"/> is
/// idempotent and thread-safe, and must run before a <see cref="Plot"/> is created (plots copy the default font).
/// </remarks>
public static class PlotFonts
{
    /// <summary>The font family name plots use.</summary>
    public const string Family = "DeploySim DejaVu Sans";

    private const string ResourcePrefix = "DeploySim.Reporting.Fonts.";
    private static readonly Lock s_lock = new();
    private static Resolver? s_resolver;

    /// <summary>The shipped regular typeface.</summary>
    public static SKTypeface Regular => Loaded().Regular;

    /// <summary>The shipped bold typeface (titles and axis labels).</summary>
    public static SKTypeface Bold => Loaded().Bold;

    /// <summary>Registers the shipped fonts with ScottPlot and makes them the default. Throws
    /// <see cref="InvalidOperationException"/> when the assembly lacks them (the csproj must embed
    /// <c>Reporting/Fonts/*.ttf</c>): plots would otherwise lose their text silently.</summary>
    public static void Use()
    {
        var resolver = Loaded();
        lock (s_lock)
        {
            if (!Fonts.FontResolvers.Contains(resolver)) Fonts.FontResolvers.Insert(0, resolver);
            Fonts.Default = Family;
        }
    }

    /// <summary>The licence text of the shipped fonts.</summary>
    public static string LicenceText()
    {
        using var stream = OpenResource("LICENSE-DejaVu.txt");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Resolver Loaded()
    {
        lock (s_lock)
        {
            return s_resolver ??= new Resolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        }
    }

    private static SKTypeface Load(string file)
    {
        using var stream = OpenResource(file);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"the embedded font {file} could not be read");
    }

    private static Stream OpenResource(string file) =>
        typeof(PlotFonts).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException(
            $"the report font resource {ResourcePrefix + file} is missing: Simulator.csproj must embed Reporting/Fonts " +
            "(<EmbeddedResource Include=\"Reporting/Fonts/*.ttf;Reporting/Fonts/LICENSE-DejaVu.txt\" " +
            "LogicalName=\"DeploySim.Reporting.Fonts.%(Filename)%(Extension)\" />)");

    /// <summary>Answers only for <see cref="Family"/>: bold and semi-bold or heavier get the bold file, everything else
    /// (italic included: DejaVu Sans Oblique is not shipped) the regular one.</summary>
    private sealed class Resolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface Regular { get; } = regular;
        public SKTypeface Bold { get; } = bold;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Family ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? (bold ? Bold : Regular) : null;
    }
}
