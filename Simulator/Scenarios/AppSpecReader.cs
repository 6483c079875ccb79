using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>One script entry of an appspec hook: location (stripped, as the agent does) and timeout (seconds, default
/// 3600), with its position.</summary>
internal sealed record AppSpecScript(string Location, SimDuration Timeout, YamlNode At);

/// <summary>The hooks of an appspec.yml, per lifecycle event, in file order.</summary>
internal sealed record AppSpecHooks(string DisplayName, IReadOnlyList<(LifecycleEvent Event, IReadOnlyList<AppSpecScript> Scripts)> Events);

/// <summary>Reads a real appspec.yml (EC2/On-Premises) the way the CodeDeploy agent does: it accepts what the agent
/// accepts and rejects what the agent rejects, with the agent's reason (<see cref="AgentReasons"/>) at the position.
/// Only the hooks matter to the simulator; scripts are never executed or looked for.</summary>
/// <remarks>The agent reads exactly these keys (application_specification.rb:19-24) and ignores any other: DeploySim
/// warns. The README's appspec-rules table lists every rule (docs/model.md#appspecyml-as-the-agent-reads-it).</remarks>
internal static class AppSpecReader
{
    private static readonly string[] TopLevelKeys = ["version", "os", "hooks", "files", "permissions", "file_exists_behavior"];
    private static readonly string[] FileExistsBehaviors = ["DISALLOW", "OVERWRITE", "RETAIN"];

    /// <summary>Reads the appspec at <paramref name="path"/> (relative to the scenario); problems and warnings go to ctx
    /// with the appspec's own file name and positions. Returns null when the file cannot be read or parsed.</summary>
    public static AppSpecHooks? Read(ReadContext ctx, string path, YamlNode pathNode, string pathField)
    {
        if (!ctx.Files.TryRead(path, out var display, out var text, out var error))
        {
            ctx.Error(pathNode, pathField, $"cannot read the appspec: {error}");
            return null;
        }
        var root = YamlTreeBuilder.Parse(text, display, ctx.Errors, allowEmpty: true);
        if (root is null) return null;
        if (root is YamlScalar { IsNull: true })
        {
            ctx.Errors.Add(new ScenarioError(display, 1, 1, "", AgentReasons.Empty));
            return null;
        }
        return Read(ctx, root, display);
    }

    /// <summary>Reads an appspec written inline in a scenario (<c>deployment.appspec: { version: 0.0, os: linux, hooks: ... }</c>):
    /// the same rules, positions in the scenario file, fields named under <paramref name="field"/>.</summary>
    public static AppSpecHooks? ReadInline(ReadContext ctx, YamlMapping appspec, string field) =>
        Read(ctx.Under(field), appspec, appspec.Source);

    private static AppSpecHooks? Read(ReadContext ctx, YamlNode root, string display)
    {
        if (root is not YamlMapping map)
        {
            ctx.Error(root, "", $"wrong type: expected an appspec mapping (version, os, hooks...), got {root.Describe()}");
            return null;
        }
        foreach (var (key, _) in map.Entries)
        {
            if (!TopLevelKeys.Contains(key.Value, StringComparer.Ordinal))
                ctx.Warn(key, key.Value, $"the CodeDeploy agent ignores '{key.Value}' (it reads {string.Join(", ", TopLevelKeys)}){Near(key.Value, TopLevelKeys)}");
        }
        CheckVersion(ctx, map);
        string? os = CheckOs(ctx, map);
        CheckFileExistsBehavior(ctx, map);
        AppSpecSections.Files(ctx, Value(map, "files"));
        AppSpecSections.Permissions(ctx, Value(map, "permissions"), os);
        return new AppSpecHooks(display, AppSpecHookReader.Hooks(ctx, Value(map, "hooks")));
    }

    /// <summary>"; did you mean 'x'?" when a name is close, otherwise nothing.</summary>
    internal static string Near(string input, IEnumerable<string> candidates) =>
        DidYouMean.Suggest(input, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>The value of <paramref name="key"/>, or null when absent or written with no value (the agent's
    /// <c>yaml_hash[key] || default</c>).</summary>
    internal static YamlNode? Value(YamlMapping map, string key) =>
        map.TryGet(key, out var e) && e.Value is not YamlScalar { IsNull: true } ? e.Value : null;

    private static void CheckVersion(ReadContext ctx, YamlMapping map)
    {
        var node = Value(map, "version");
        if (node is YamlScalar s && RubyScalars.IsNumericZero(s)) return;
        string shown = node is YamlScalar v ? v.Value : node?.Describe() ?? "";
        string hint = node is YamlScalar { IsPlain: false } q && RubyScalars.IsNumericZero(new YamlScalar(q.Source, q.Line, q.Column, q.Value, isPlain: true))
            ? " (DeploySim: the agent compares the number 0.0 with Ruby's ==; a quoted \"0.0\" is a string and fails: write version: 0.0 unquoted)"
            : "";
        ctx.Error(node ?? map, "version", AgentReasons.Version(shown) + hint);
    }

    /// <summary>linux or windows (the agent on each platform accepts its own: linux_util.rb:7-9, windows_util.rb:13).
    /// DeploySim accepts both and models the same instance either way.</summary>
    private static string? CheckOs(ReadContext ctx, YamlMapping map)
    {
        var node = Value(map, "os");
        if (node is YamlScalar { Value: "linux" or "windows" } s) return s.Value;
        string shown = node is YamlScalar v ? v.Value : node?.Describe() ?? "";
        ctx.Error(node ?? map, "os", AgentReasons.OperatingSystem(shown) + Near(shown, ["linux", "windows"]));
        return null;
    }

    private static void CheckFileExistsBehavior(ReadContext ctx, YamlMapping map)
    {
        var node = Value(map, "file_exists_behavior");
        if (node is null || (node is YamlScalar s && FileExistsBehaviors.Contains(s.Value, StringComparer.Ordinal))) return;
        string shown = node is YamlScalar v ? v.Value : node.Describe();
        ctx.Error(node, "file_exists_behavior", AgentReasons.FileExistsBehavior(shown) + Near(shown, FileExistsBehaviors));
    }
}
