using System.Globalization;
using System.Text;

namespace DeploySim.Scenarios;

/// <summary>Writes a parsed YAML tree back as block YAML: the scenario as resolved (overrides applied, aliases
/// expanded), for <c>scenario.resolved.yaml</c> and the HTML report. Comments and the original layout are not kept.</summary>
internal static class YamlWriter
{
    public static string Write(YamlNode root)
    {
        var text = new StringBuilder();
        Block(text, root, 0);
        return text.ToString();
    }

    private static void Block(StringBuilder text, YamlNode node, int indent)
    {
        switch (node)
        {
            case YamlMapping { Entries.Count: > 0 } map:
                foreach (var (key, value) in map.Entries)
                {
                    text.Append(' ', indent).Append(Scalar(key)).Append(':');
                    Value(text, value, indent);
                }
                break;
            case YamlSequence { Items.Count: > 0 } seq:
                foreach (var item in seq.Items)
                {
                    if (item is YamlScalar || IsEmpty(item))
                    {
                        text.Append(' ', indent).Append("- ").Append(Inline(item)).Append('\n');
                        continue;
                    }
                    // The item's block at indent + 2, its first line's indentation replaced by "- ".
                    var child = new StringBuilder();
                    Block(child, item, indent + 2);
                    text.Append(' ', indent).Append("- ").Append(child, indent + 2, child.Length - indent - 2);
                }
                break;
            default:
                text.Append(' ', indent).Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void Value(StringBuilder text, YamlNode value, int indent)
    {
        if (value is YamlScalar || IsEmpty(value))
        {
            text.Append(' ').Append(Inline(value)).Append('\n');
            return;
        }
        text.Append('\n');
        Block(text, value, indent + 2);
    }

    private static bool IsEmpty(YamlNode node) => node is YamlMapping { Entries.Count: 0 } or YamlSequence { Items.Count: 0 };

    private static string Inline(YamlNode node) => node switch
    {
        YamlScalar s => Scalar(s),
        YamlMapping => "{}",
        _ => "[]",
    };

    /// <summary>A plain scalar as read (it was plain in the source, so it reads back the same), unless it would not
    /// survive on one line; any other scalar double-quoted with escapes.</summary>
    private static string Scalar(YamlScalar s)
    {
        if (s.IsPlain && s.Value.Length > 0 && !NeedsQuotes(s.Value)) return s.Value;
        if (s.IsPlain && s.IsNull) return "null";
        var quoted = new StringBuilder("\"");
        foreach (char c in s.Value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    private static bool NeedsQuotes(string value) =>
        value.Any(c => c is '\n' or '\r' or '\t' || char.IsControl(c)) || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':') || value[0] is ' ' || value[^1] is ' '
        || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0]) && !(value[0] == '-' && value.Length > 1 && value[1] != ' ');
}
