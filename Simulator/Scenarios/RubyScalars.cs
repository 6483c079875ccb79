using System.Globalization;
using System.Text.RegularExpressions;

namespace DeploySim.Scenarios;

/// <summary>How the CodeDeploy agent (Ruby, <c>YAML.load</c> with Psych) sees a YAML scalar: the numbers Psych makes of
/// plain scalars (YAML 1.1: <c>0755</c> is octal) and Ruby's <c>to_s</c> / <c>to_i</c>.</summary>
internal static partial class RubyScalars
{
    /// <summary>True when Psych loads the plain scalar as a number equal to 0 (<c>0</c>, <c>0.0</c>, <c>00</c>, <c>+0.0</c>):
    /// the agent's <c>[0.0].include?(version)</c> holds for exactly these.</summary>
    public static bool IsNumericZero(YamlScalar s) => s.IsPlain && ZeroPattern().IsMatch(s.Value);

    /// <summary>Ruby's <c>value.to_i</c> as the agent applies it to a timeout (script_info.rb:17-18): an integer as
    /// written, a float truncated, a string's leading digits (<c>"300s"</c> → 300, <c>"abc"</c> → 0), null or false →
    /// the default. Returns false for what has no <c>to_i</c> (true, a list, a mapping): the agent fails there too.</summary>
    public static bool ToInteger(YamlNode node, long nullValue, out long value, out bool exact)
    {
        value = nullValue;
        exact = true;
        if (node is not YamlScalar s) return false;
        if (s.IsNull || (s.IsPlain && s.Value is "false" or "False" or "FALSE")) return true;
        if (s.IsPlain && s.Value is "true" or "True" or "TRUE") return false;
        string text = s.Value;
        if (s.IsPlain && FloatPattern().IsMatch(text) && double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            value = (long)Math.Clamp(Math.Truncate(d), long.MinValue / 2, long.MaxValue / 2);
            exact = d == Math.Truncate(d);
            return true;
        }
        var m = LeadingInteger().Match(text);
        string digits = m.Groups[1].Value.Replace("_", "", StringComparison.Ordinal);
        value = digits.Length == 0 ? 0
            : long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v
            : digits.StartsWith('-') ? long.MinValue / 2 : long.MaxValue / 2;
        exact = m.Length == text.Length && digits.Length > 0;
        return true;
    }

    /// <summary>The text Ruby's <c>to_s</c> gives a permissions mode (mode_info.rb:14): Psych reads a plain
    /// <c>0755</c> as the octal number 493, so its text is "493".</summary>
    public static string ModeText(YamlScalar s)
    {
        if (s.IsPlain && OctalPattern().IsMatch(s.Value))
        {
            long n = 0;
            foreach (char c in s.Value.Replace("_", "", StringComparison.Ordinal)) n = checked((n * 8) + (c - '0'));
            return n.ToString(CultureInfo.InvariantCulture);
        }
        return s.IsPlain && DecimalPattern().IsMatch(s.Value) ? s.Value.Replace("_", "", StringComparison.Ordinal) : s.Value;
    }

    [GeneratedRegex(@"^[-+]?(0[0_,]*|0x[0_,]+|0b[0_]+|(0[0_,]*)?\.[0_]*([eE][-+]?[0-9]+)?|\.?0[0_]*\.?)$")]
    private static partial Regex ZeroPattern();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\s*([-+]?[0-9]+(?:_[0-9]+)*)")]
    private static partial Regex LeadingInteger();

    [GeneratedRegex(@"^0[0-7_]{1,20}$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[0-9][0-9_]{0,20}$")]
    private static partial Regex DecimalPattern();
}
