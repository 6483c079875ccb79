using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeploySim.Import;

/// <summary>Edits YAML text in place: replaces the value at a path, or adds a key where it is missing, leaving every
/// other character (comments, order, quoting, blank lines) as the user wrote it.</summary>
/// <remarks>Values are written in flow style, so one fits wherever a value can stand (in a block mapping, on the next
/// line, or inside a flow mapping). Comments inside a value that is replaced are lost with it. Each edit re-parses the
/// text: O(size) per edit, fine for scenario files. Not thread-safe.</remarks>
internal sealed partial class YamlEditor
{
    private Node _root;

    public YamlEditor(string text)
    {
        Text = text;
        _root = Parse(text);
    }

    public string Text { get; private set; }

    /// <summary>The file's own line ending (CRLF when it has any), used for the lines an edit adds.</summary>
    private string NewLine => Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>On the line of the key at <paramref name="path"/>, replaces <paramref name="old"/> by
    /// <paramref name="replacement"/> (for a comment that an edit made untrue); nothing when either is absent.</summary>
    public void ReplaceOnKeyLine(object[] path, string old, string replacement)
    {
        if (path.Length == 0 || path[^1] is not string key) return;
        var parent = Find(path[..^1]);
        if (parent is not { Kind: Kind.Mapping }) return;
        var entry = parent.Entries.FirstOrDefault(e => e.Key.Value == key);
        if (entry.Key is null) return;
        int nl = Text.IndexOf('\n', entry.Key.Start);
        int lineEnd = nl < 0 ? Text.Length : nl;
        int at = Text.IndexOf(old, entry.Key.Start, lineEnd - entry.Key.Start, StringComparison.Ordinal);
        if (at >= 0) Apply(at, at + old.Length, replacement);
    }

    /// <summary>The scalar at <paramref name="path"/> (keys are strings, list indexes ints), or null.</summary>
    public string? Scalar(params object[] path) => Find(path) is { Kind: Kind.Scalar, IsNull: false } n ? n.Value : null;

    public bool Exists(params object[] path) => Find(path) is not null;

    /// <summary>Keys of the mapping at <paramref name="path"/> (empty when it is not a mapping).</summary>
    public IReadOnlyList<string> Keys(params object[] path) => Find(path) is { Kind: Kind.Mapping } n ? [.. n.Entries.Select(e => e.Key.Value)] : [];

    /// <summary>Every scalar value under a key named <paramref name="key"/>, with its path.</summary>
    public IReadOnlyList<(object[] Path, string Value)> ScalarsUnder(string key)
    {
        var result = new List<(object[], string)>();
        void Walk(Node n, List<object> path)
        {
            if (n.Kind == Kind.Mapping)
            {
                foreach (var (k, v) in n.Entries)
                {
                    path.Add(k.Value);
                    if (k.Value == key && v is { Kind: Kind.Scalar, IsNull: false }) result.Add(([.. path], v.Value));
                    Walk(v, path);
                    path.RemoveAt(path.Count - 1);
                }
            }
            else if (n.Kind == Kind.Sequence)
            {
                for (int i = 0; i < n.Items.Count; i++)
                {
                    path.Add(i);
                    Walk(n.Items[i], path);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        Walk(_root, []);
        return result;
    }

    private Node? Find(object[] path)
    {
        Node? n = _root;
        foreach (var seg in path)
        {
            n = seg switch
            {
                string key when n is { Kind: Kind.Mapping } => n.Entries.FirstOrDefault(e => e.Key.Value == key).Value,
                int i when n is { Kind: Kind.Sequence } && i >= 0 && i < n.Items.Count => n.Items[i],
                _ => null,
            };
            if (n is null) return null;
        }
        return n;
    }

    /// <summary>Sets the value at <paramref name="path"/> to <paramref name="flowValue"/> (YAML text in flow style),
    /// adding the key, and any missing mappings above it, when absent. <paramref name="comment"/> goes at the end of the
    /// line when nothing else follows the value there.</summary>
    public void Set(object[] path, string flowValue, string? comment = null)
    {
        if (path.Length == 0) throw new ArgumentException("empty path", nameof(path));
        var node = _root;
        for (int i = 0; i < path.Length; i++)
        {
            if (path[i] is int index)
            {
                if (node.Kind != Kind.Sequence || index < 0 || index >= node.Items.Count)
                    throw new InvalidOperationException($"no item [{index}] at {Describe(path, i)}");
                if (i == path.Length - 1)
                {
                    Replace(node.Items[index], flowValue, comment);
                    return;
                }
                node = node.Items[index];
                continue;
            }
            string key = (string)path[i];
            if (node.Kind != Kind.Mapping)
            {
                if (node is { Kind: Kind.Scalar, IsNull: true })
                {
                    Replace(node, Nest(path, i, flowValue), comment);
                    return;
                }
                throw new InvalidOperationException($"{Describe(path, i)} is not a mapping");
            }
            var entry = node.Entries.FirstOrDefault(e => e.Key.Value == key);
            if (entry.Value is null)
            {
                Insert(node, key, Nest(path, i + 1, flowValue), comment);
                return;
            }
            if (i == path.Length - 1)
            {
                Replace(entry.Value, flowValue, comment);
                return;
            }
            node = entry.Value;
        }
    }

    /// <summary>Inserts or replaces a block of comment lines after the first line when it is the schema line (else at
    /// the top), between a line starting with <paramref name="marker"/> and one starting with "# end of" + marker text.</summary>
    public void SetHeader(string marker, IReadOnlyList<string> lines)
    {
        string begin = "# " + marker;
        string end = "# end of " + marker;
        var block = string.Concat(new[] { begin }.Concat(lines.Select(l => l.Length == 0 ? "#" : "# " + l)).Append(end).Select(l => l + NewLine));
        int found = Text.IndexOf("\n" + begin, StringComparison.Ordinal);
        int start = Text.StartsWith(begin, StringComparison.Ordinal) ? 0 : found >= 0 ? found + 1 : -1;
        if (start >= 0)
        {
            int stop = Text.IndexOf("\n" + end, start, StringComparison.Ordinal);
            if (stop >= 0)
            {
                int lineEnd = Text.IndexOf('\n', stop + 1);
                lineEnd = lineEnd < 0 ? Text.Length : lineEnd + 1;
                Apply(start, lineEnd, block);
                return;
            }
        }
        int at = 0;
        if (Text.StartsWith("# yaml-language-server:", StringComparison.Ordinal))
        {
            int nl = Text.IndexOf('\n', StringComparison.Ordinal);
            at = nl < 0 ? Text.Length : nl + 1;
            if (nl < 0) block = NewLine + block;
        }
        Apply(at, at, block);
    }

    private static string Describe(object[] path, int upTo) =>
        upTo == 0 ? "the document" : string.Concat(path.Take(upTo).Select((p, i) => p is int n ? $"[{n}]" : i == 0 ? (string)p : "." + p));

    private static string Nest(object[] path, int from, string value)
    {
        if (from == path.Length) return value;
        if (path[from] is not string key) throw new InvalidOperationException("cannot create a list item");
        return $"{{ {YamlText.Str(key)}: {Nest(path, from + 1, value)} }}";
    }

    private void Replace(Node node, string value, string? comment)
    {
        int end = node.ContentEnd;
        Apply(node.Start, end, value);
        if (comment is not null) CommentAfter(node.Start + value.Length, comment);
    }

    private void Insert(Node map, string key, string value, string? comment)
    {
        string entry = $"{YamlText.Str(key)}: {value}";
        if (map.Flow)
        {
            if (map.Entries.Count == 0) Apply(map.Start + 1, map.Start + 1, $" {entry} ");
            else
            {
                int at = map.Entries[^1].Value.ContentEnd;
                Apply(at, at, ", " + entry);
            }
            return;
        }
        int keyStart = map.Entries[0].Key.Start;
        int lineStart = Text.LastIndexOf('\n', Math.Max(0, keyStart - 1)) + 1;
        if (keyStart == 0) lineStart = 0;
        string indent = new(' ', keyStart - lineStart);
        int after = map.Entries[^1].Value.ContentEnd;
        int nl = Text.IndexOf('\n', after);
        string line = NewLine + indent + entry + (comment is null ? "" : "  # " + comment);
        if (nl < 0) Apply(Text.Length, Text.Length, line + NewLine);
        else Apply(nl > 0 && Text[nl - 1] == '\r' ? nl - 1 : nl, nl > 0 && Text[nl - 1] == '\r' ? nl - 1 : nl, line);
    }

    /// <summary>Adds "  # comment" after position <paramref name="at"/> when the rest of that line is blank, or replaces
    /// the comment there when it says the value is a default still to be fitted, or a previous fit.</summary>
    private void CommentAfter(int at, string comment)
    {
        int nl = Text.IndexOf('\n', at);
        int lineEnd = nl < 0 ? Text.Length : nl > 0 && Text[nl - 1] == '\r' ? nl - 1 : nl;
        var rest = Text.AsSpan(at, Math.Max(0, lineEnd - at)).Trim();
        bool stale = rest.StartsWith("#") && (rest.Contains("to be fitted", StringComparison.Ordinal) || rest[1..].TrimStart().StartsWith("fitted:", StringComparison.Ordinal));
        if (rest.Length != 0 && !stale) return;
        Apply(at, lineEnd, "  # " + comment);
    }

    private void Apply(int start, int end, string replacement)
    {
        Text = string.Concat(Text.AsSpan(0, start), replacement, Text.AsSpan(end));
        _root = Parse(Text);
    }
}
