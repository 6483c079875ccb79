using System.Text.Json;

namespace DeploySim.Tests.Golden;

/// <summary>One difference between two JSON documents: the path of a leaf and its old and new values as JSON text
/// (<c>null</c> when the path is missing on that side).</summary>
internal readonly record struct JsonDifference(string Path, string? Old, string? New)
{
    public override string ToString() => $"{Path}: {Old ?? "(missing)"} -> {New ?? "(missing)"}";
}

/// <summary>Compares two JSON documents leaf by leaf: each is flattened to path → value (numbers as their exact text,
/// strings quoted) and the two maps are compared, so a failure names every changed, added or removed field.</summary>
/// <remarks>Paths are dotted object keys with <c>[i]</c> for array elements, e.g. <c>summary.metrics.rolloutSeconds.mean</c>
/// or <c>eventsPerReplication[3]</c>. Empty objects and arrays are leaves (<c>{}</c>, <c>[]</c>). Thread-safe.</remarks>
internal static class JsonDiff
{
    /// <summary>Every leaf of <paramref name="json"/> in document order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var leaves = new List<KeyValuePair<string, string>>();
        Flatten(doc.RootElement, "", leaves);
        return leaves;
    }

    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>: changed and removed
    /// leaves in the expected document's order, then added ones in the actual document's order. Empty when both have the
    /// same leaves with the same values (key order and whitespace are not compared here: compare the texts for that).</summary>
    public static IReadOnlyList<JsonDifference> Compare(string expected, string actual)
    {
        var old = Flatten(expected);
        var now = Flatten(actual);
        var nowByPath = ToMap(now);
        var oldByPath = ToMap(old);
        var differences = new List<JsonDifference>();
        foreach (var (path, value) in old)
        {
            if (!nowByPath.TryGetValue(path, out var current)) differences.Add(new JsonDifference(path, value, null));
            else if (!string.Equals(value, current, StringComparison.Ordinal)) differences.Add(new JsonDifference(path, value, current));
        }
        foreach (var (path, value) in now)
            if (!oldByPath.ContainsKey(path)) differences.Add(new JsonDifference(path, null, value));
        return differences;
    }

    private static Dictionary<string, string> ToMap(IReadOnlyList<KeyValuePair<string, string>> leaves)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // A duplicate key keeps its last value, as JSON readers do.
        foreach (var (path, value) in leaves) map[path] = value;
        return map;
    }

    private static void Flatten(JsonElement e, string path, List<KeyValuePair<string, string>> leaves)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                bool anyProperty = false;
                foreach (var p in e.EnumerateObject())
                {
                    anyProperty = true;
                    Flatten(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", leaves);
                }
                if (!anyProperty) leaves.Add(new(path, "{}"));
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray()) Flatten(item, $"{path}[{i++}]", leaves);
                if (i == 0) leaves.Add(new(path, "[]"));
                break;
            default:
                leaves.Add(new(path, e.GetRawText()));
                break;
        }
    }
}
