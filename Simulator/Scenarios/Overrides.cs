namespace DeploySim.Scenarios;

/// <summary>Applies <see cref="ScenarioOverride"/>s to a parsed document tree before mapping, so that an overridden value
/// is validated exactly like one written in the file. Missing mappings on the path are created; a list index may be
/// one past the end (append); a key on a list picks the item with that <c>name</c> (<c>fleets[api]</c>). The tree is not changed: the nodes along the path are rebuilt.</summary>
internal static class Overrides
{
    private const string Source = ScenarioDocument.OverrideSource;

    /// <summary>Applies each override in order; returns the new root, with problems added to <paramref name="errors"/>.</summary>
    public static YamlNode Apply(YamlNode root, IEnumerable<ScenarioOverride> overrides, List<ScenarioError> errors)
    {
        foreach (var o in overrides)
        {
            if (!ScenarioOverride.TryParsePath(o.Path, out var segments, out var pathError))
            {
                ScenarioError.Report(errors, new ScenarioError(Source, 0, 0, o.Path, pathError));
                continue;
            }
            int before = errors.Count;
            var value = YamlTreeBuilder.Parse(o.Value, Source, errors, positionless: true, allowEmpty: true);
            for (int i = before; i < errors.Count; i++) errors[i] = errors[i] with { Field = o.Path };
            if (value is null) continue;
            var updated = Set(root, segments, 0, value, "", out var error);
            // A document that is not a mapping at all is the file's problem, not the override's.
            if (error is not null && root is not YamlMapping) ScenarioError.Report(errors, new ScenarioError(root.Source, root.Line, root.Column, o.Path, error));
            else if (error is not null) ScenarioError.Report(errors, new ScenarioError(Source, 0, 0, o.Path, error));
            else root = updated!;
        }
        return root;
    }

    private static YamlNode? Set(YamlNode? current, List<ScenarioOverride.Segment> path, int i, YamlNode value, string prefix, out string? error)
    {
        error = null;
        if (i == path.Count) return value;
        var seg = path[i];
        string here = seg.IsIndex ? ReadContext.Join(prefix, seg.Index) : ReadContext.Join(prefix, seg.Key);
        if (!seg.IsIndex && current is YamlSequence named)
            return SetNamedItem(named, path, i, value, prefix, out error);
        if (!seg.IsIndex)
        {
            var map = current as YamlMapping;
            if (current is not null && map is null)
            {
                error = $"{Name(prefix)} is {current.Describe()}, not a mapping: it has no field '{seg.Key}'";
                return null;
            }
            var entries = map?.Entries.ToList() ?? [];
            int at = entries.FindIndex(e => e.Key.Value == seg.Key);
            var child = Set(at >= 0 ? entries[at].Value : null, path, i + 1, value, here, out error);
            if (child is null) return null;
            if (at >= 0) entries[at] = entries[at] with { Value = child };
            else entries.Add(new YamlEntry(new YamlScalar(Source, 0, 0, seg.Key, isPlain: true), child));
            return new YamlMapping(map?.Source ?? Source, map?.Line ?? 0, map?.Column ?? 0, entries, 1 + entries.Sum(e => e.Value.ExpandedSize + 1));
        }
        var seq = current as YamlSequence;
        if (current is not null && seq is null)
        {
            error = $"{Name(prefix)} is {current.Describe()}, not a list: it has no item [{seg.Index}]";
            return null;
        }
        var items = seq?.Items.ToList() ?? [];
        if (seg.Index > items.Count)
        {
            error = $"index {seg.Index} is out of range: {Name(prefix)} has {items.Count} item(s) (use [{items.Count}] to append)";
            return null;
        }
        var item = Set(seg.Index < items.Count ? items[seg.Index] : null, path, i + 1, value, here, out error);
        if (item is null) return null;
        if (seg.Index < items.Count) items[seg.Index] = item;
        else items.Add(item);
        return new YamlSequence(seq?.Source ?? Source, seq?.Line ?? 0, seq?.Column ?? 0, items, 1 + items.Sum(x => x.ExpandedSize));
    }

    /// <summary><c>fleets[api]</c>: in a list of mappings, the item whose <c>name</c> is the key.</summary>
    private static YamlSequence? SetNamedItem(YamlSequence seq, List<ScenarioOverride.Segment> path, int i, YamlNode value, string prefix, out string? error)
    {
        var seg = path[i];
        var items = seq.Items.ToList();
        var names = items.Select(x => x is YamlMapping m && m.TryGet("name", out var n) && n.Value is YamlScalar s ? s.Value : null).ToList();
        int at = names.IndexOf(seg.Key);
        if (at < 0)
        {
            var known = names.Where(n => n is not null).ToList();
            error = known.Count == 0
                ? $"{Name(prefix)} is a list without names: pick an item by its index, e.g. {Name(prefix)}[0]"
                : $"{Name(prefix)} has no item named '{seg.Key}': its names are {string.Join(", ", known)}";
            return null;
        }
        var item = Set(items[at], path, i + 1, value, ReadContext.Join(prefix, seg.Key), out error);
        if (item is null) return null;
        items[at] = item;
        return new YamlSequence(seq.Source, seq.Line, seq.Column, items, 1 + items.Sum(x => x.ExpandedSize));
    }

    private static string Name(string prefix) => prefix.Length == 0 ? "the document" : prefix;
}
