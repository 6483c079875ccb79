using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeploySim.Engine;

namespace DeploySim.Import;

/// <summary>Scenario values written as YAML text: quoted strings, durations, sizes and distributions in the forms the
/// scenario loader reads (flow style, so that a value fits on one line and can replace another in place).</summary>
internal static partial class YamlText
{
    private static readonly string[] s_specialWords =
        ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"];

    /// <summary><paramref name="s"/> plain when YAML reads it back as the same string in block and flow context,
    /// double-quoted otherwise.</summary>
    public static string Str(string s)
    {
        if (PlainSafe().IsMatch(s) && !s_specialWords.Contains(s, StringComparer.OrdinalIgnoreCase)
            && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return s;
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Duration(SimDuration d) => d.ToString();

    /// <summary>Whole AWS seconds as <c>Ns</c>, the unit AWS shows them in.</summary>
    public static string Seconds(long s) => s.ToString(CultureInfo.InvariantCulture) + "s";

    public static string Minutes(long m) => m.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>Milliseconds rounded to a whole millisecond, as a duration.</summary>
    public static string Milliseconds(double ms) => new SimDuration((long)Math.Round(Math.Max(0, ms), MidpointRounding.AwayFromZero)).ToString();

    public static string Mebibytes(long mib) => mib % 1024 == 0 && mib > 0 ? $"{(mib / 1024).ToString(CultureInfo.InvariantCulture)}GiB" : $"{mib.ToString(CultureInfo.InvariantCulture)}MiB";

    public static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static string Int(long x) => x.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool b) => b ? "true" : "false";

    /// <summary>A duration distribution (values in milliseconds) in flow style.</summary>
    public static string Distribution(Distribution d) => d.Kind switch
    {
        DistributionKind.Constant => Milliseconds(d.ParameterA),
        DistributionKind.Uniform => $"{{ uniform: [{Milliseconds(d.ParameterA)}, {Milliseconds(d.ParameterB)}] }}",
        DistributionKind.Normal => $"{{ normal: {{ mean: {Milliseconds(d.ParameterA)}, sd: {Milliseconds(d.ParameterB)} }} }}",
        DistributionKind.LogNormal => LogNormal(d),
        DistributionKind.Exponential => $"{{ exponential: {{ mean: {Milliseconds(d.ParameterA)} }} }}",
        _ => $"{{ empirical: [{string.Join(", ", d.Values.Select(Milliseconds))}] }}",
    };

    /// <summary>Lognormal as median and p90, rounded to the millisecond; p90 is kept at least the median after rounding.</summary>
    private static string LogNormal(Distribution d)
    {
        long median = Math.Max(1, (long)Math.Round(d.ParameterA, MidpointRounding.AwayFromZero));
        long p90 = Math.Max(median, (long)Math.Round(d.ParameterB, MidpointRounding.AwayFromZero));
        return $"{{ lognormal: {{ median: {new SimDuration(median)}, p90: {new SimDuration(p90)} }} }}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./+@()-]*$")]
    private static partial Regex PlainSafe();
}
