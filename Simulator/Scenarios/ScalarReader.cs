using System.Globalization;
using System.Text.RegularExpressions;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>The range a duration field accepts, how to describe it, and the step AWS takes it in (whole seconds...).</summary>
internal readonly record struct DurationRange(SimDuration Min, SimDuration Max, string Text, long StepMs = 1, string StepName = "")
{
    public static readonly DurationRange Any = new(SimDuration.Zero, SimDuration.MaxValue, "");
    public static readonly DurationRange Positive = new(SimDuration.FromMilliseconds(1), SimDuration.MaxValue, "must be more than zero");

    /// <summary>Whole seconds from <paramref name="min"/> to <paramref name="max"/>, as AWS takes them.</summary>
    public static DurationRange AwsSeconds(long min, long max) =>
        new(SimDuration.FromSeconds(min), SimDuration.FromSeconds(max), $"AWS allows {min} to {max} seconds", 1000, "seconds");

    public static DurationRange AwsMinutes(long min, long max) =>
        new(SimDuration.FromMinutes(min), SimDuration.FromMinutes(max), $"AWS allows {min} to {max} minutes", 60_000, "minutes");
}

/// <summary>Reads typed values from scalar nodes, reporting what is wrong with the node's position and field path.</summary>
internal static partial class ScalarReader
{
    public static bool Scalar(ReadContext ctx, YamlNode node, string field, string expected, out YamlScalar scalar)
    {
        if (node is YamlScalar { IsNull: false } s)
        {
            scalar = s;
            return true;
        }
        ctx.Error(node, field, node is YamlScalar ? $"no value: expected {expected}" : $"wrong type: expected {expected}, got {node.Describe()}");
        scalar = null!;
        return false;
    }

    public static bool Text(ReadContext ctx, YamlNode node, string field, out string text)
    {
        text = "";
        if (!Scalar(ctx, node, field, "a string", out var s)) return false;
        if (s.Value.Length == 0)
        {
            ctx.Error(node, field, "must not be empty");
            return false;
        }
        text = s.Value;
        return true;
    }

    public static bool Integer(ReadContext ctx, YamlNode node, string field, long min, long max, string? rangeText, out long value)
    {
        value = 0;
        if (!Scalar(ctx, node, field, "a whole number", out var s)) return false;
        if (!s.IsPlain || !IntegerPattern().IsMatch(s.Value))
        {
            ctx.Error(node, field, $"wrong type: expected a whole number, got {s.Describe()}");
            return false;
        }
        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            ctx.Error(node, field, $"{s.Value} is out of range: {rangeText ?? DescribeRange(min, max)}");
            return false;
        }
        return true;
    }

    public static bool UInt64(ReadContext ctx, YamlNode node, string field, out ulong value)
    {
        value = 0;
        if (!Scalar(ctx, node, field, "a whole number", out var s)) return false;
        if (!s.IsPlain || !IntegerPattern().IsMatch(s.Value))
        {
            ctx.Error(node, field, $"wrong type: expected a whole number, got {s.Describe()}");
            return false;
        }
        if (!ulong.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            ctx.Error(node, field, $"{s.Value} is out of range: allowed 0 to {ulong.MaxValue}");
            return false;
        }
        return true;
    }

    public static bool Number(ReadContext ctx, YamlNode node, string field, double min, double max, string? rangeText, out double value)
    {
        value = 0;
        if (!Scalar(ctx, node, field, "a number", out var s)) return false;
        if (!s.IsPlain || !NumberPattern().IsMatch(s.Value)
            || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            ctx.Error(node, field, $"wrong type: expected a number, got {s.Describe()}");
            return false;
        }
        if (!double.IsFinite(value) || value < min || value > max)
        {
            ctx.Error(node, field, $"{s.Value} is out of range: {rangeText ?? DescribeRange(min, max)}");
            return false;
        }
        return true;
    }

    public static bool Bool(ReadContext ctx, YamlNode node, string field, out bool value)
    {
        value = false;
        if (!Scalar(ctx, node, field, "true or false", out var s)) return false;
        switch (s.IsPlain ? s.Value : "")
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                ctx.Error(node, field, $"wrong type: expected true or false, got {s.Describe()}");
                return false;
        }
    }

    public static bool Duration(ReadContext ctx, YamlNode node, string field, DurationRange range, out SimDuration value)
    {
        value = SimDuration.Zero;
        if (!Scalar(ctx, node, field, "a duration such as 30s", out var s)) return false;
        if (!SimDuration.TryParse(s.Value, out value, out var error))
        {
            ctx.Error(node, field, error);
            return false;
        }
        if (value < range.Min || value > range.Max)
        {
            ctx.Error(node, field, $"{s.Value.Trim()} is out of range: {(range.Text.Length > 0 ? range.Text : $"allowed {range.Min} to {range.Max}")}");
            return false;
        }
        if (value.Milliseconds % range.StepMs != 0)
        {
            ctx.Error(node, field, $"{s.Value.Trim()} is not a whole number of {range.StepName}: AWS takes whole {range.StepName}");
            return false;
        }
        return true;
    }

    private const string SizeFormat = "a whole number followed by MiB or GiB, e.g. 300MiB, 8GiB";

    /// <summary>A memory size such as <c>300MiB</c> or <c>8GiB</c>, in MiB.</summary>
    public static bool Mebibytes(ReadContext ctx, YamlNode node, string field, long min, out long mib)
    {
        mib = 0;
        if (!Scalar(ctx, node, field, $"a size ({SizeFormat})", out var s)) return false;
        var text = s.Value.Trim();
        var m = SizePattern().Match(text);
        if (!m.Success)
        {
            string hint = text.StartsWith('-') ? $"negative size '{text}': sizes must be zero or more"
                : text.EndsWith("MB", StringComparison.OrdinalIgnoreCase) || text.EndsWith("GB", StringComparison.OrdinalIgnoreCase)
                    ? $"invalid size '{text}': write binary units, MiB or GiB"
                    : $"invalid size '{text}': expected {SizeFormat}";
            ctx.Error(node, field, hint);
            return false;
        }
        long factor = m.Groups[2].Value == "GiB" ? 1024 : 1;
        if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / 1024 / factor)
        {
            ctx.Error(node, field, $"size '{text}' is too large");
            return false;
        }
        mib = n * factor;
        if (mib < min)
        {
            ctx.Error(node, field, $"{text} is out of range: must be at least {min}MiB");
            return false;
        }
        return true;
    }

    public static bool Keyword<T>(ReadContext ctx, YamlNode node, string field, Keywords<T> words, out T value)
    {
        value = default!;
        if (!Scalar(ctx, node, field, words.What, out var s)) return false;
        if (words.TryGet(s.Value, out value)) return true;
        ctx.Error(node, field, $"'{s.Value}' is not {words.What}{DidYouMean.Hint(s.Value, words.Words)}");
        return false;
    }

    public static string DescribeRange(double min, double max) =>
        max >= long.MaxValue ? FormattableString.Invariant($"must be at least {min}")
        : FormattableString.Invariant($"allowed {min} to {max}");

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^([0-9]+)(MiB|GiB)$")]
    private static partial Regex SizePattern();
}
