namespace DeploySim.Scenarios;

/// <summary>A node of a parsed YAML document that remembers where it came from. Aliases are resolved to the anchored
/// node itself (shared, not copied); <see cref="ExpandedSize"/> counts nodes as if they had been copied.</summary>
/// <remarks>Immutable: overrides rebuild the path they change.</remarks>
internal abstract class YamlNode
{
    protected YamlNode(string source, int line, int column)
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>File name as shown in errors (or <c>--set</c> for an override's value).</summary>
    public string Source { get; }
    public int Line { get; }
    public int Column { get; }
    public abstract long ExpandedSize { get; }

    /// <summary>What the node is, for "expected X, got Y" messages.</summary>
    public abstract string Describe();
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string source, int line, int column, string value, bool isPlain)
        : base(source, line, column)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    /// <summary>Unquoted and not tagged <c>!!str</c>: may be read as a number, a boolean or null.</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
    public override long ExpandedSize => 1;

    public override string Describe() => IsNull ? "no value" : IsPlain ? $"'{Value}'" : $"the string \"{Value}\"";
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(string source, int line, int column, IReadOnlyList<YamlNode> items, long expandedSize)
        : base(source, line, column)
    {
        Items = items;
        ExpandedSize = expandedSize;
    }

    public IReadOnlyList<YamlNode> Items { get; }
    public override long ExpandedSize { get; }
    public override string Describe() => "a list";
}

internal readonly record struct YamlEntry(YamlScalar Key, YamlNode Value);

internal sealed class YamlMapping : YamlNode
{
    private readonly Dictionary<string, int> _index;

    public YamlMapping(string source, int line, int column, IReadOnlyList<YamlEntry> entries, long expandedSize)
        : base(source, line, column)
    {
        Entries = entries;
        ExpandedSize = expandedSize;
        _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++) _index.TryAdd(entries[i].Key.Value, i);
    }

    public IReadOnlyList<YamlEntry> Entries { get; }
    public override long ExpandedSize { get; }

    public bool TryGet(string key, out YamlEntry entry)
    {
        if (_index.TryGetValue(key, out int i))
        {
            entry = Entries[i];
            return true;
        }
        entry = default;
        return false;
    }

    public override string Describe() => "a mapping";
}
