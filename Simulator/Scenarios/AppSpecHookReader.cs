using System.Globalization;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>The <c>hooks:</c> section of an appspec as the agent parses it (application_specification.rb:75-97,
/// script_info.rb): an event with no value is ignored, each script needs a <c>location</c> (stripped), <c>timeout</c>
/// defaults to 3600 and goes through Ruby's <c>to_i</c>, <c>runas</c> and <c>sudo</c> are accepted. An event the
/// agent never runs (reserved or unknown) is a warning: CodeDeploy only asks the agent for the events it has
/// (command_poller.rb:16-25).</summary>
internal static class AppSpecHookReader
{
    private static readonly string[] ScriptKeys = ["location", "timeout", "runas", "sudo"];

    public static IReadOnlyList<(LifecycleEvent, IReadOnlyList<AppSpecScript>)> Hooks(ReadContext ctx, YamlNode? hooks)
    {
        var events = new List<(LifecycleEvent, IReadOnlyList<AppSpecScript>)>();
        if (hooks is null) return events;
        if (hooks is not YamlMapping map)
        {
            ctx.Error(hooks, "hooks", $"wrong type: expected a mapping of lifecycle events to lists of scripts, got {hooks.Describe()} (the agent fails on it: each_pair)");
            return events;
        }
        foreach (var (key, value) in map.Entries)
        {
            string field = ReadContext.Join("hooks", key.Value);
            if (value is YamlScalar { IsNull: true }) continue; // application_specification.rb:78-79: "Ignore empty hooks."
            var scripts = Scripts(ctx, value, field);
            if (scripts is null) continue;
            if (ScenarioFormat.ScriptableEvent.TryGet(key.Value, out var ev))
                events.Add((ev, scripts));
            else if (ScenarioFormat.ReservedEvents.Contains(key.Value, StringComparer.Ordinal))
                ctx.Warn(key, field, $"'{key.Value}' is reserved for CodeDeploy: the agent never runs scripts for it, so they are ignored");
            else
                ctx.Warn(key, field, $"'{key.Value}' is not a lifecycle event of an EC2 deployment: CodeDeploy never asks the agent to run it, so its scripts are ignored{AppSpecReader.Near(key.Value, ScenarioFormat.ScriptableEvent.Words)}");
        }
        return events;
    }

    private static List<AppSpecScript>? Scripts(ReadContext ctx, YamlNode value, string field)
    {
        if (value is not YamlSequence seq)
        {
            ctx.Error(value, field, $"wrong type: expected a list of scripts {{location, timeout, runas}}, got {value.Describe()}");
            return null;
        }
        var scripts = new List<AppSpecScript>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Script(ctx, seq.Items[i], ReadContext.Join(field, i)) is { } s) scripts.Add(s);
        }
        return scripts;
    }

    private static AppSpecScript? Script(ReadContext ctx, YamlNode item, string field)
    {
        if (item is not YamlMapping m)
        {
            ctx.Error(item, field, $"wrong type: expected a mapping {{location, timeout, runas}}, got {item.Describe()} (the agent fails on it: has_key?)");
            return null;
        }
        foreach (var (key, _) in m.Entries)
        {
            if (!ScriptKeys.Contains(key.Value, StringComparer.Ordinal))
                ctx.Warn(key, ReadContext.Join(field, key.Value), $"the CodeDeploy agent ignores '{key.Value}' in a script{AppSpecReader.Near(key.Value, ScriptKeys)}");
        }
        var locationNode = AppSpecReader.Value(m, "location");
        string? location = locationNode switch
        {
            null => null,
            YamlScalar s => s.Value.Trim(),   // application_specification.rb:83: location.to_s.strip
            _ => "",
        };
        if (locationNode is not null and not YamlScalar)
        {
            ctx.Error(locationNode, ReadContext.Join(field, "location"), $"wrong type: expected a script path, got {locationNode.Describe()}");
            return null;
        }
        if (string.IsNullOrEmpty(location))
        {
            ctx.Error(locationNode ?? m, ReadContext.Join(field, "location"), AgentReasons.NoLocation);
            return null;
        }
        long seconds = ScenarioFormat.MaxEventTimeout.Milliseconds / 1000;
        if (m.TryGet("timeout", out var t))
        {
            string tf = ReadContext.Join(field, "timeout");
            if (!RubyScalars.ToInteger(t.Value, seconds, out seconds, out bool exact))
            {
                ctx.Error(t.Value, tf, $"wrong type: expected a number of seconds, got {t.Value.Describe()} (the agent fails on it: to_i)");
                return null;
            }
            if (seconds <= 0)
            {
                ctx.Error(t.Value, tf, AgentReasons.Timeout);
                return null;
            }
            if (!exact)
                ctx.Warn(t.Value, tf, string.Create(CultureInfo.InvariantCulture, $"the agent reads {t.Value.Describe()} as {seconds} s (Ruby's to_i)"));
        }
        return new AppSpecScript(location, SimDuration.FromSeconds(Math.Min(seconds, int.MaxValue)), locationNode!);
    }
}
