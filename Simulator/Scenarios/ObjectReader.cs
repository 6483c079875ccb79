using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Reads the fields of one YAML mapping of a known shape (<see cref="ScenarioFormat.Shapes"/>): reports unknown
/// keys on construction (with a did-you-mean), then hands out typed values with defaults, reporting problems by position
/// and field path. Getters return the default when the key is absent or its value is wrong.</summary>
internal sealed class ObjectReader
{
    private readonly ReadContext _ctx;
    private readonly string _shape;
    private readonly IReadOnlyList<string> _keys;

    public ObjectReader(ReadContext ctx, YamlMapping map, string path, string shape)
    {
        _ctx = ctx;
        _shape = shape;
        _keys = ScenarioFormat.Shapes[shape];
        Node = map;
        Path = path;
        foreach (var e in map.Entries)
        {
            if (!_keys.Contains(e.Key.Value, StringComparer.Ordinal))
                ctx.Error(e.Key, Field(e.Key.Value), $"unknown field '{e.Key.Value}'{(ctx.Full ? "" : DidYouMean.Hint(e.Key.Value, _keys))}");
        }
    }

    public YamlMapping Node { get; }
    public string Path { get; }
    public ReadContext Context => _ctx;

    public string Field(string key) => ReadContext.Join(Path, key);

    /// <summary>The value of <paramref name="key"/>, or null when absent. The key must belong to the shape.</summary>
    public YamlNode? Get(string key)
    {
        if (!_keys.Contains(key, StringComparer.Ordinal))
            throw new InvalidOperationException($"the mapper reads '{key}', which shape '{_shape}' does not declare");
        _ctx.ReadKeys.Add($"{_shape}.{key}");
        return Node.TryGet(key, out var e) ? e.Value : null;
    }

    /// <summary>Where to report a problem about <paramref name="key"/>: its value, or the mapping when it is absent.</summary>
    public YamlNode At(string key) => Node.TryGet(key, out var e) ? e.Value : Node;

    public void Error(string key, string message) => _ctx.Error(At(key), Field(key), message);

    public void Missing(string key) => _ctx.Error(Node, Field(key), $"missing required field '{key}'");

    public string? Text(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required) Missing(key);
            return null;
        }
        return ScalarReader.Text(_ctx, node, Field(key), out var text) ? text : null;
    }

    public long Integer(string key, long fallback, long min, long max, string? rangeText = null) =>
        Get(key) is { } node && ScalarReader.Integer(_ctx, node, Field(key), min, max, rangeText, out long v) ? v : fallback;

    public int Int(string key, int fallback, int min, int max, string? rangeText = null) =>
        (int)Integer(key, fallback, min, max, rangeText);

    /// <summary>An optional whole number: null when absent or wrong.</summary>
    public int? OptionalInt(string key, int min, int max, string? rangeText = null) =>
        Get(key) is { } node && ScalarReader.Integer(_ctx, node, Field(key), min, max, rangeText, out long v) ? (int)v : null;

    public ulong UInt64(string key, ulong fallback) =>
        Get(key) is { } node && ScalarReader.UInt64(_ctx, node, Field(key), out ulong v) ? v : fallback;

    public double Number(string key, double fallback, double min, double max, string? rangeText = null) =>
        Get(key) is { } node && ScalarReader.Number(_ctx, node, Field(key), min, max, rangeText, out double v) ? v : fallback;

    /// <summary>A probability: a number from 0 to 1.</summary>
    public double Rate(string key, double fallback) => Number(key, fallback, 0, 1, "a rate must be from 0 to 1");

    public bool Bool(string key, bool fallback) =>
        Get(key) is { } node && ScalarReader.Bool(_ctx, node, Field(key), out bool v) ? v : fallback;

    public SimDuration Duration(string key, SimDuration fallback, DurationRange range) =>
        Get(key) is { } node && ScalarReader.Duration(_ctx, node, Field(key), range, out var v) ? v : fallback;

    public long Mebibytes(string key, long fallback, long min = 0) =>
        Get(key) is { } node && ScalarReader.Mebibytes(_ctx, node, Field(key), min, out long v) ? v : fallback;

    public T Keyword<T>(string key, T fallback, Keywords<T> words) =>
        Get(key) is { } node && ScalarReader.Keyword(_ctx, node, Field(key), words, out var v) ? v : fallback;

    /// <summary>A distribution of durations (values in milliseconds).</summary>
    public Distribution Distribution(string key, Distribution fallback) =>
        Get(key) is { } node && DistributionReader.Read(_ctx, node, Field(key), DistributionUnit.Duration, out var v) ? v : fallback;

    /// <summary>A nested mapping of the given shape, or null when absent (or not a mapping: reported).</summary>
    public ObjectReader? Object(string key, string shape)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlMapping m) return new ObjectReader(_ctx, m, Field(key), shape);
        _ctx.Error(node, Field(key), $"wrong type: expected a mapping of {shape} fields, got {node.Describe()}");
        return null;
    }

    /// <summary>A list, or null when absent (or not a list: reported).</summary>
    public YamlSequence? Sequence(string key, string what)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlSequence s) return s;
        _ctx.Error(node, Field(key), $"wrong type: expected a list of {what}, got {node.Describe()}");
        return null;
    }

    /// <summary>A mapping with free keys (hooks, scripts), or null when absent (or not a mapping: reported).</summary>
    public YamlMapping? Mapping(string key, string what)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlMapping m) return m;
        _ctx.Error(node, Field(key), $"wrong type: expected a mapping of {what}, got {node.Describe()}");
        return null;
    }
}
