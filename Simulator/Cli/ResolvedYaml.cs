using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>scenario.resolved.yaml</c>'s text: the scenario as resolved, made to run again from any folder (files
/// read from disk named by their full path, built-in texts embedded).</summary>
internal static class ResolvedYaml
{
    /// <summary><paramref name="yaml"/> (the resolved document of <paramref name="scenarioFile"/>) with the files
    /// <paramref name="document"/> read made reachable from anywhere.</summary>
    public static string Of(string yaml, string? scenarioFile, ScenarioDocument document) =>
        WithBuiltInFilesInline(WithAbsoluteFiles(yaml, scenarioFile, document.FilesRead), document.BuiltInFilesRead);

    /// <summary>The resolved YAML with each file the scenario read from disk (appspec, empirical CSV) named by its full
    /// path, so that <c>deploysim run OUT/scenario.resolved.yaml</c> finds them from the output folder: a line whose
    /// value is the path as the scenario wrote it (relative to its folder) gets the full path.</summary>
    private static string WithAbsoluteFiles(string yaml, string? scenarioFile, IReadOnlyList<(string DisplayName, string FullPath)> files)
    {
        if (files.Count == 0) return yaml;
        string dir = scenarioFile is null ? "" : Path.GetDirectoryName(scenarioFile) ?? "";
        var lines = yaml.Split('\n');
        foreach (var (display, full) in files)
        {
            string relative = dir.Length > 0 && display.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? display[(dir.Length + 1)..] : display;
            for (int i = 0; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0 || lines[i][(colon + 2)..].Trim().Trim('"', '\'') != relative) continue;
                lines[i] = lines[i][..(colon + 2)] + "'" + full.Replace("'", "''", StringComparison.Ordinal) + "'";
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>The resolved YAML with each built-in text the scenario read (the default scenario's appspec files, which
    /// exist on no disk) embedded under its key, as <c>import</c> embeds an appspec: a line whose value is the built-in
    /// path gets the text's lines indented under it, so that <c>scenario.resolved.yaml</c> runs from any folder.</summary>
    private static string WithBuiltInFilesInline(string yaml, IReadOnlyList<(string RelativePath, string Text)> builtIns)
    {
        if (builtIns.Count == 0) return yaml;
        var lines = yaml.Split('\n').ToList();
        foreach (var (relative, text) in builtIns)
        {
            if (Import.ImportContext.InlineLines(text, out _) is not { } inline) continue;
            for (int i = 0; i < lines.Count; i++)
            {
                int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0 || lines[i][(colon + 2)..].Trim().Trim('"', '\'') != relative) continue;
                string indent = new(' ', lines[i].Length - lines[i].TrimStart().Length + 2);
                lines[i] = lines[i][..(colon + 1)] + " # built-in " + relative + ", embedded";
                lines.InsertRange(i + 1, inline.Select(l => l.Length == 0 ? "" : indent + l));
                i += inline.Count;
            }
        }
        return string.Join('\n', lines);
    }

}
