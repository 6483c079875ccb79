using System.Text;

namespace DeploySim.Import;

/// <summary>Builds YAML text line by line, with comments: block mappings at a given indent, <c>key: value  # note</c>
/// lines and wrapped comment paragraphs. Lines end with <c>"\n"</c>.</summary>
internal sealed class YamlLines
{
    private const int Width = 118;
    private readonly StringBuilder _sb = new();

    /// <summary>A comment paragraph, wrapped at about <see cref="Width"/> characters.</summary>
    public YamlLines Comment(string text, int indent = 0)
    {
        string pad = new(' ', indent);
        foreach (var paragraph in text.Split('\n'))
        {
            string lead = paragraph[..(paragraph.Length - paragraph.TrimStart(' ').Length)];
            var line = new StringBuilder(lead);
            foreach (var word in paragraph.TrimStart(' ').Split(' '))
            {
                if (line.Length > lead.Length && pad.Length + 2 + line.Length + 1 + word.Length > Width)
                {
                    _sb.Append(pad).Append("# ").Append(line).Append('\n');
                    line.Clear().Append(lead);
                }
                if (line.Length > lead.Length) line.Append(' ');
                line.Append(word);
            }
            _sb.Append(pad).Append('#').Append(line.Length > 0 ? " " : "").Append(line).Append('\n');
        }
        return this;
    }

    /// <summary><c>key: value  # comment</c>; with no value, <c>key:</c> opens a block mapping.</summary>
    public YamlLines Key(int indent, string key, string? value = null, string? comment = null)
    {
        _sb.Append(' ', indent).Append(YamlText.Str(key)).Append(':');
        if (value is not null) _sb.Append(' ').Append(value);
        if (comment is not null) _sb.Append("  # ").Append(comment.Replace('\n', ' '));
        _sb.Append('\n');
        return this;
    }

    /// <summary>A list item that opens a mapping: <c>- key: value  # comment</c>.</summary>
    public YamlLines Item(int indent, string key, string value, string? comment = null)
    {
        _sb.Append(' ', indent).Append("- ").Append(YamlText.Str(key)).Append(": ").Append(value);
        if (comment is not null) _sb.Append("  # ").Append(comment.Replace('\n', ' '));
        _sb.Append('\n');
        return this;
    }

    public YamlLines Raw(string line)
    {
        _sb.Append(line).Append('\n');
        return this;
    }

    public override string ToString() => _sb.ToString();
}
