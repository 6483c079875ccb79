using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeploySim.Scenarios;

/// <summary>Builds a <see cref="YamlNode"/> tree from YamlDotNet's low-level event parser, keeping every node's position.</summary>
/// <remarks>Guards against hostile input: nesting deeper than <see cref="MaxDepth"/> and documents that would expand to more
/// than <see cref="MaxExpandedNodes"/> nodes through aliases (alias bombs) stop with an error, in time linear in the text.
/// Duplicate keys and non-scalar keys are reported and parsing goes on. Nothing here recurses on the input's depth.</remarks>
internal static class YamlTreeBuilder
{
    public const int MaxDepth = 64;
    public const long MaxExpandedNodes = 1_000_000;

    private const string StrTag = "tag:yaml.org,2002:str";

    private sealed class Frame(bool isMapping, int line, int column, string? anchor, string path)
    {
        public readonly bool IsMapping = isMapping;
        public readonly string Path = path;
        public readonly int Line = line, Column = column;
        public readonly string? Anchor = anchor;
        public readonly List<YamlNode> Items = [];
        public readonly List<YamlEntry> Entries = [];
        public readonly Dictionary<string, YamlScalar> Keys = new(StringComparer.Ordinal);
        public YamlNode? PendingKey;
        public long Size = 1;
    }

    /// <summary>The 1-based line and column of the first tab among a line's leading whitespace, or null.</summary>
    internal static (int Line, int Column)? FirstIndentingTab(string text)
    {
        int line = 1, column = 1;
        bool leading = true;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                leading = true;
                continue;
            }
            if (leading && c == '\t') return (line, column);
            if (c != ' ' && c != '\r') leading = false;
            column++;
        }
        return null;
    }

    /// <summary>Parses one YAML document. Returns null (with at least one error added) when the text is empty, is not YAML,
    /// or trips a limit. With <paramref name="positionless"/>, nodes get line and column 0 (override values); with
    /// <paramref name="allowEmpty"/>, an empty text is a null scalar rather than an error.</summary>
    public static YamlNode? Parse(string text, string source, List<ScenarioError> errors, bool positionless = false, bool allowEmpty = false)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        int documents = 0, lastLine = 1, lastColumn = 1;
        int errorsBefore = errors.Count;

        bool Fail(int line, int column, string message)
        {
            ScenarioError.Report(errors, new ScenarioError(source, positionless ? 0 : line, positionless ? 0 : column, "", message));
            return false;
        }

        bool Add(YamlNode node, int line, int column)
        {
            if (stack.Count == 0)
            {
                root = node;
                return true;
            }
            var frame = stack.Peek();
            frame.Size += node.ExpandedSize;
            if (frame.Size > MaxExpandedNodes)
            {
                return Fail(line, column,
                    $"the document expands to more than {MaxExpandedNodes} nodes (counting each alias as a copy of its anchor): is this an alias bomb?");
            }
            if (!frame.IsMapping)
            {
                frame.Items.Add(node);
                return true;
            }
            if (frame.PendingKey is null)
            {
                frame.PendingKey = node;
                return true;
            }
            var key = frame.PendingKey;
            frame.PendingKey = null;
            if (key is not YamlScalar k || k.IsNull)
            {
                ScenarioError.Report(errors, new ScenarioError(source, key.Line, key.Column, frame.Path, $"a key must be a plain name, got {key.Describe()}"));
            }
            else if (frame.Keys.TryGetValue(k.Value, out var first))
            {
                string at = first.Line > 0 ? $" (first at line {first.Line})" : "";
                ScenarioError.Report(errors, new ScenarioError(source, k.Line, k.Column, ReadContext.Join(frame.Path, k.Value), $"duplicate key '{k.Value}'{at}"));
            }
            else
            {
                frame.Keys.Add(k.Value, k);
                frame.Entries.Add(new YamlEntry(k, node));
            }
            return true;
        }

        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                lastLine = (int)Math.Min(ev.Start.Line, int.MaxValue);
                lastColumn = (int)Math.Min(ev.Start.Column, int.MaxValue);
                int line = positionless ? 0 : lastLine, column = positionless ? 0 : lastColumn;
                switch (ev)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            Fail(lastLine, lastColumn, "expected one YAML document, found more than one (a second '---')");
                            return null;
                        }
                        break;
                    case Scalar s:
                    {
                        bool plain = s.Style == ScalarStyle.Plain && !(s.Tag.IsGlobal && s.Tag.Value == StrTag);
                        var node = new YamlScalar(source, line, column, s.Value, plain);
                        Remember(s.Anchor, node);
                        if (!Add(node, lastLine, lastColumn)) return null;
                        break;
                    }
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            Fail(lastLine, lastColumn, $"unknown alias '*{alias.Value.Value}': no anchor '&{alias.Value.Value}' before it");
                            return null;
                        }
                        if (!Add(target, lastLine, lastColumn)) return null;
                        break;
                    case SequenceStart ss:
                        if (!Push(new Frame(false, line, column, ss.Anchor.IsEmpty ? null : ss.Anchor.Value, ChildPath()))) return null;
                        break;
                    case MappingStart ms:
                        if (!Push(new Frame(true, line, column, ms.Anchor.IsEmpty ? null : ms.Anchor.Value, ChildPath()))) return null;
                        break;
                    case SequenceEnd or MappingEnd:
                    {
                        var frame = stack.Pop();
                        YamlNode node = frame.IsMapping
                            ? new YamlMapping(source, frame.Line, frame.Column, frame.Entries, frame.Size)
                            : new YamlSequence(source, frame.Line, frame.Column, frame.Items, frame.Size);
                        if (frame.Anchor is not null) anchors[frame.Anchor] = node;
                        if (!Add(node, frame.Line, frame.Column)) return null;
                        break;
                    }
                }
            }
        }
        catch (YamlException ex) when (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
        {
            // YamlDotNet reports a tab in the indentation at the mapping it was scanning (often 1:1): point at the tab.
            Fail(tab.Line, tab.Column, "not valid YAML: a tab in the indentation (YAML indents with spaces only)");
            return null;
        }
        catch (YamlException ex)
        {
            Fail((int)Math.Min(ex.Start.Line, int.MaxValue), (int)Math.Min(ex.Start.Column, int.MaxValue), $"not valid YAML: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet throws other exceptions for some malformed input (InvalidOperationException for an
            // unterminated flow list): report where it stopped.
            Fail(lastLine, lastColumn, $"not valid YAML: the parser stopped after this point ({ex.Message})");
            return null;
        }

        if (errors.Count > errorsBefore && root is null) return null;
        if (allowEmpty && root is null) return new YamlScalar(source, 0, 0, "", isPlain: true);
        if (allowEmpty && root is YamlScalar { IsNull: true }) return root;
        if (root is null || root is YamlScalar { IsNull: true })
        {
            Fail(1, 1, "the file is empty: expected a YAML mapping");
            return null;
        }
        return root;

        // Field path of the collection about to start (for messages about its keys).
        string ChildPath()
        {
            if (stack.Count == 0) return "";
            var parent = stack.Peek();
            if (!parent.IsMapping) return ReadContext.Join(parent.Path, parent.Items.Count);
            return parent.PendingKey is YamlScalar key ? ReadContext.Join(parent.Path, key.Value) : parent.Path;
        }

        void Remember(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        }

        bool Push(Frame frame)
        {
            if (stack.Count >= MaxDepth)
            {
                return Fail(lastLine, lastColumn, $"nesting deeper than {MaxDepth} levels");
            }
            stack.Push(frame);
            return true;
        }
    }
}
