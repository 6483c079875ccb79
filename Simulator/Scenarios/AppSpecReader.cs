using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>One script entry of an appspec hook: location and timeout (seconds, default 3600), with its position.</summary>
internal sealed record AppSpecScript(string Location, SimDuration Timeout, YamlNode At);

/// <summary>The hooks of an appspec.yml, per lifecycle event, in file order.</summary>
internal sealed record AppSpecHooks(string DisplayName, IReadOnlyList<(LifecycleEvent Event, IReadOnlyList<AppSpecScript> Scripts)> Events);

/// <summary>Reads a real appspec.yml (EC2/On-Premises: <c>version</c>, <c>os</c>, <c>files</c>, <c>permissions</c>,
/// <c>file_exists_behavior</c>, <c>hooks</c>). Only the hooks matter to the simulator; the rest is checked for shape and
/// otherwise ignored. The scripts are never executed or looked for.</summary>
internal static class AppSpecReader
{
    private static readonly string[] OperatingSystems = ["linux", "windows"];
    private static readonly string[] FileExistsBehaviors = ["DISALLOW", "OVERWRITE", "RETAIN"];

    /// <summary>Reads the appspec at <paramref name="path"/> (relative to the scenario); problems go to ctx with the
    /// appspec's own file name and positions. Returns null when the file cannot be read or parsed.</summary>
    public static AppSpecHooks? Read(ReadContext ctx, string path, YamlNode pathNode, string pathField)
    {
        if (!ctx.Files.TryRead(path, out var display, out var text, out var error))
        {
            ctx.Error(pathNode, pathField, $"cannot read the appspec: {error}");
            return null;
        }
        var root = YamlTreeBuilder.Parse(text, display, ctx.Errors);
        if (root is null) return null;
        if (root is not YamlMapping map)
        {
            ctx.Error(root, "", $"wrong type: expected an appspec mapping (version, os, hooks...), got {root.Describe()}");
            return null;
        }
        var r = new ObjectReader(ctx, map, "", "appspec");
        if (r.Get("version") is null) r.Missing("version");
        else if (r.Get("version") is not YamlScalar { Value: "0.0" }) r.Error("version", "the appspec version must be 0.0");
        if (r.Text("os", required: r.Get("os") is null) is { } os && !OperatingSystems.Contains(os, StringComparer.Ordinal))
            r.Error("os", $"'{os}' is not an operating system{DidYouMean.Hint(os, OperatingSystems)}");
        if (r.Text("file_exists_behavior") is { } feb && !FileExistsBehaviors.Contains(feb, StringComparer.Ordinal))
            r.Error("file_exists_behavior", $"'{feb}' is not a file_exists_behavior{DidYouMean.Hint(feb, FileExistsBehaviors)}");
        _ = r.Get("permissions"); // any shape: the simulator has no file permissions
        if (r.Sequence("files", "{source, destination}") is { } files)
        {
            for (int i = 0; i < files.Items.Count; i++)
            {
                string field = ReadContext.Join("files", i);
                if (files.Items[i] is not YamlMapping fm)
                {
                    ctx.Error(files.Items[i], field, $"wrong type: expected a mapping {{source, destination}}, got {files.Items[i].Describe()}");
                    continue;
                }
                var f = new ObjectReader(ctx, fm, field, "appspecFile");
                f.Text("source", required: true);
                f.Text("destination", required: true);
                _ = f.Get("overwrite");
            }
        }
        var events = new List<(LifecycleEvent, IReadOnlyList<AppSpecScript>)>();
        if (r.Mapping("hooks", "lifecycle events to scripts") is { } hooks)
        {
            foreach (var (key, value) in hooks.Entries)
            {
                string field = ReadContext.Join("hooks", key.Value);
                if (!HookEvents.TryEvent(ctx, key, field, out var ev)) continue;
                if (value is not YamlSequence seq)
                {
                    ctx.Error(value, field, $"wrong type: expected a list of scripts {{location, timeout, runas}}, got {value.Describe()}");
                    continue;
                }
                var scripts = new List<AppSpecScript>();
                for (int i = 0; i < seq.Items.Count; i++)
                {
                    string f = ReadContext.Join(field, i);
                    if (seq.Items[i] is not YamlMapping sm)
                    {
                        ctx.Error(seq.Items[i], f, $"wrong type: expected a mapping {{location, timeout, runas}}, got {seq.Items[i].Describe()}");
                        continue;
                    }
                    var s = new ObjectReader(ctx, sm, f, "appspecScript");
                    string? location = s.Text("location", required: true);
                    long seconds = s.Integer("timeout", 3600, 1, 3600, "CodeDeploy allows 1 to 3600 seconds");
                    s.Text("runas");
                    if (location is not null) scripts.Add(new AppSpecScript(location, SimDuration.FromSeconds(seconds), s.At("location")));
                }
                HookEvents.CheckTotalTimeout(ctx, key, field, scripts.Select(x => x.Timeout));
                events.Add((ev, scripts));
            }
        }
        return new AppSpecHooks(display, events);
    }
}

/// <summary>Lifecycle event names and limits shared by appspec files and inline hooks.</summary>
internal static class HookEvents
{
    /// <summary>Resolves an event name, reporting reserved and unknown names (with a did-you-mean).</summary>
    public static bool TryEvent(ReadContext ctx, YamlScalar key, string field, out LifecycleEvent ev)
    {
        if (ScenarioFormat.ScriptableEvent.TryGet(key.Value, out ev)) return true;
        if (ScenarioFormat.ReservedEvents.Contains(key.Value, StringComparer.Ordinal))
            ctx.Error(key, field, $"'{key.Value}' is reserved for CodeDeploy and cannot run scripts");
        else
            ctx.Error(key, field, $"unknown lifecycle event '{key.Value}'{DidYouMean.Hint(key.Value, ScenarioFormat.ScriptableEvent.Words)}");
        return false;
    }

    /// <summary>§1.4: the scripts of one event may take at most 3600 s together.</summary>
    public static void CheckTotalTimeout(ReadContext ctx, YamlNode at, string field, IEnumerable<SimDuration> timeouts)
    {
        double total = timeouts.Sum(t => (double)t.Milliseconds) / 1000;
        if (total > ScenarioFormat.MaxEventTimeout.TotalSeconds)
            ctx.Error(at, field, FormattableString.Invariant(
                $"the scripts' timeouts add up to {total:0.###} s; CodeDeploy allows at most {ScenarioFormat.MaxEventTimeout.TotalSeconds} s per lifecycle event"));
    }
}
