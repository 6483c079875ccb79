using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeploySim.Import;

// The tree YamlEditor edits: each node with its character positions in the text, parsed with YamlDotNet's event parser.
internal sealed partial class YamlEditor
{
    private enum Kind { Scalar, Mapping, Sequence }

    private sealed class Node(Kind kind, int start, bool flow)
    {
        public Kind Kind { get; } = kind;
        public int Start { get; } = start;
        public bool Flow { get; } = flow;
        /// <summary>Just past the last character of the value itself (block collections: of their last item).</summary>
        public int ContentEnd { get; set; }
        public string Value { get; init; } = "";
        public bool IsNull { get; init; }
        public List<(Node Key, Node Value)> Entries { get; } = [];
        public List<Node> Items { get; } = [];
    }

    private static Node Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<(Node Node, Node? PendingKey)>();
        Node? root = null;
        while (parser.MoveNext())
        {
            Node? node = null;
            bool opened = false;
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.Scalar s:
                    node = new Node(Kind.Scalar, (int)s.Start.Index, flow: true)
                    {
                        Value = s.Value,
                        IsNull = s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL",
                        ContentEnd = TrimEnd(text, (int)s.Start.Index, (int)s.End.Index),
                    };
                    break;
                case AnchorAlias a:
                    node = new Node(Kind.Scalar, (int)a.Start.Index, flow: true) { ContentEnd = (int)a.End.Index };
                    break;
                case MappingStart m:
                    stack.Push((new Node(Kind.Mapping, (int)m.Start.Index, m.Style == MappingStyle.Flow), null));
                    opened = true;
                    break;
                case SequenceStart q:
                    stack.Push((new Node(Kind.Sequence, (int)q.Start.Index, q.Style == SequenceStyle.Flow), null));
                    opened = true;
                    break;
                case MappingEnd or SequenceEnd:
                {
                    var (done, _) = stack.Pop();
                    done.ContentEnd = done.Flow ? AfterBracket(text, (int)parser.Current.Start.Index, done.Kind == Kind.Mapping ? '}' : ']')
                        : done.Kind == Kind.Mapping ? (done.Entries.Count > 0 ? done.Entries[^1].Value.ContentEnd : done.Start)
                        : (done.Items.Count > 0 ? done.Items[^1].ContentEnd : done.Start);
                    node = done;
                    break;
                }
            }
            if (node is null || opened) continue;
            if (stack.Count == 0)
            {
                root = node;
                continue;
            }
            var (parent, pending) = stack.Pop();
            if (parent.Kind == Kind.Sequence) parent.Items.Add(node);
            else if (pending is null)
            {
                stack.Push((parent, node));
                continue;
            }
            else parent.Entries.Add((pending, node));
            stack.Push((parent, null));
        }
        return root is { Kind: Kind.Mapping } ? root : throw new InvalidOperationException("the scenario is not a YAML mapping");
    }

    /// <summary>Just past the closing bracket of a flow collection whose end event starts at <paramref name="from"/>.</summary>
    private static int AfterBracket(string text, int from, char bracket)
    {
        int at = text.IndexOf(bracket, Math.Min(from, text.Length));
        return at < 0 ? text.Length : at + 1;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && end <= text.Length && text[end - 1] is '\n' or '\r' or ' ' or '\t') end--;
        return end;
    }
}
