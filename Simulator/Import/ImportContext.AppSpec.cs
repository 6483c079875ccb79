using DeploySim.Scenarios;

namespace DeploySim.Import;

// The appspec in the imported scenario: inline under deployment.appspec by default (the scenario file then stands alone:
// copying it never silently changes or breaks the hooks), or a file next to the output with --appspec-file.
internal sealed partial class ImportContext
{
    private List<string>? _inlineLines;

    /// <summary>The appspec's lines to indent under <c>deployment.appspec:</c>, comments kept; null (with the reason)
    /// when the text cannot be embedded as it is (several YAML documents).</summary>
    internal static List<string>? InlineLines(string text, out string? why)
    {
        why = null;
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = 0;
        var kept = new List<string>();
        while (start < lines.Count && (lines[start].Trim().Length == 0 || lines[start].TrimStart().StartsWith('#') || lines[start].StartsWith('%')))
        {
            if (!lines[start].StartsWith('%')) kept.Add(lines[start]);   // directives belong to the file, not the mapping
            start++;
        }
        if (start < lines.Count && lines[start].Trim() == "---") start++;
        var body = lines.Skip(start).ToList();
        while (body.Count > 0 && body[^1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
        if (body.Count > 0 && body[^1].Trim() == "...") body.RemoveAt(body.Count - 1);
        if (body.Any(l => IsMarker(l, "---") || IsMarker(l, "...")))
        {
            why = "it holds a YAML document marker (--- or ...) inside, which cannot be indented";
            return null;
        }
        return [.. kept.Concat(body).Select(l => l.Trim().Length == 0 ? "" : l)];
    }

    private static bool IsMarker(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == marker.Length || line[marker.Length] is ' ' or '\t');

    /// <summary>Null when every inline appspec of <paramref name="text"/> reads back as the file did (the same events,
    /// scripts and timeouts, no new problem); otherwise what differs.</summary>
    internal string? InlineDiffers(string text)
    {
        var errors = new List<ScenarioError>();
        if (YamlTreeBuilder.Parse(text, request.Out, errors) is not YamlMapping root || errors.Count > 0)
            return $"the scenario does not parse with it ({errors.FirstOrDefault()?.Message ?? "not a mapping"})";
        var deployments = new List<(YamlMapping Node, string Field)>();
        if (root.TryGet("deployment", out var d) && d.Value is YamlMapping dm) deployments.Add((dm, "deployment"));
        if (root.TryGet("fleets", out var f) && f.Value is YamlSequence fleets)
        {
            for (int i = 0; i < fleets.Items.Count; i++)
                if (fleets.Items[i] is YamlMapping fm && fm.TryGet("deployment", out var fd) && fd.Value is YamlMapping fdm) deployments.Add((fdm, $"fleets[{i}].deployment"));
        }
        var files = new ScenarioFiles(Path.GetDirectoryName(Path.GetFullPath(request.Out)) ?? ".", "");
        foreach (var (node, field) in deployments)
        {
            if (!node.TryGet("appspec", out var a)) continue;
            if (a.Value is not YamlMapping inline) return $"{field}.appspec is not a mapping when read back";
            var ctx = new ReadContext(files);
            var back = AppSpecReader.ReadInline(ctx, inline, field + ".appspec");
            if (ctx.Errors.Count > 0 || back is null) return $"read back, it fails: {ctx.Errors.FirstOrDefault()?.Message ?? "no hooks"}";
            if (!SameHooks(back, _appspec!)) return "read back, its hooks differ from the file's";
        }
        return null;
    }

    private static bool SameHooks(AppSpecHooks a, AppSpecHooks b) =>
        a.Events.Count == b.Events.Count
        && a.Events.Zip(b.Events).All(p => p.First.Event == p.Second.Event
            && p.First.Scripts.Select(s => (s.Location, s.Timeout)).SequenceEqual(p.Second.Scripts.Select(s => (s.Location, s.Timeout))));

    /// <summary><c>appspec:</c> inline (its lines indented under the key) or as the relative path of the file.</summary>
    private void WriteAppSpec(YamlLines y)
    {
        if (AppSpecInline && _inlineLines is not null)
        {
            y.Key(_i + 2, "appspec", comment: $"--appspec {Path.GetFileName(request.AppSpec)}, written inline (--appspec-file keeps a file); read as the CodeDeploy agent reads it");
            foreach (var line in _inlineLines) y.Raw(line.Length == 0 ? "" : new string(' ', _i + 4) + line);
            return;
        }
        y.Key(_i + 2, "appspec", YamlText.Str(AppSpecRelative!), AppSpecCopyPath is null ? "--appspec" : $"a copy of {request.AppSpec}");
    }
}
