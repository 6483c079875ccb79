using DeploySim.Engine;

namespace DeploySim.Scenarios;

// Lifecycle hooks: from an appspec.yml plus `scripts:` (what the simulator needs to know of each script), or written inline.
internal static partial class ScenarioMapper
{
    private static (IReadOnlyDictionary<LifecycleEvent, IReadOnlyList<HookScript>> Hooks, string? AppSpecPath) Hooks(ObjectReader r, List<TargetGroupSpec> declared, Distribution fallback)
    {
        var appspecNode = r.Get("appspec");
        string? appspec = appspecNode is YamlMapping ? null : r.Text("appspec");
        var inline = r.Mapping("hooks", "lifecycle events to scripts");
        var scripts = Scripts(r, declared);
        var byEvent = new SortedDictionary<LifecycleEvent, IReadOnlyList<HookScript>>();

        if (appspecNode is not null && inline is not null)
        {
            r.Error("hooks", "give either appspec or hooks, not both");
        }
        else if (inline is not null)
        {
            if (r.Get("scripts") is not null)
                r.Error("scripts", "scripts describes the scripts of an appspec; with inline hooks, write duration, failureRate and action in each hook entry");
            InlineHooks(r, inline, declared, byEvent);
        }
        else if ((appspecNode is YamlMapping inlineSpec ? AppSpecReader.ReadInline(r.Context, inlineSpec, r.Field("appspec"))
                  : appspec is not null ? AppSpecReader.Read(r.Context, appspec, appspecNode!, r.Field("appspec")) : null) is { } spec)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            var warned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (ev, list) in spec.Events)
            {
                var hookScripts = new List<HookScript>();
                foreach (var s in list)
                {
                    used.Add(s.Location);
                    if (scripts.TryGetValue(s.Location, out var info))
                    {
                        hookScripts.Add(info.Script with { Location = s.Location, Timeout = s.Timeout });
                        continue;
                    }
                    // Not an error: the script takes time only (the agent runs it; the simulator does not know what it does).
                    hookScripts.Add(new HookScript { Location = s.Location, Timeout = s.Timeout, Duration = fallback });
                    if (!warned.Add(s.Location)) continue;
                    var unused = scripts.Keys.Where(k => !spec.Events.Any(e => e.Scripts.Any(x => x.Location == k))).ToArray();
                    string hint = DidYouMean.Suggest(s.Location, unused) is { } near ? $"; did you mean '{near}'?" : "";
                    r.Context.Warn(r.Get("scripts") ?? appspecNode!, ReadContext.Join(r.Field("scripts"), s.Location),
                        $"no entry for '{s.Location}', which {spec.DisplayName}:{s.At.Line}:{s.At.Column} runs in {ev}: it takes "
                        + $"{r.Field("defaultScriptDuration")} (default 1s) and does nothing else; to model it, add "
                        + $"{ReadContext.Join(r.Field("scripts"), s.Location)}: {{ duration, failureRate, action }}{hint}");
                }
                byEvent[ev] = hookScripts.ToArray();   // arrays: CodeDeploy indexes them per script without an interface call
            }
            foreach (var (location, info) in scripts)
            {
                // An entry the file leaves unused is fine (another appspec may use it); one that an override adds must be used.
                if (info.Key.Source == ScenarioDocument.OverrideSource && !used.Contains(location))
                    r.Context.Error(info.Key, ReadContext.Join(r.Field("scripts"), location),
                        $"no hook in {spec.DisplayName} runs '{location}'{DidYouMean.Hint(location, used)}");
            }
        }
        else if (appspecNode is null && r.Get("scripts") is not null)
        {
            r.Error("scripts", "scripts describes the scripts of an appspec: give deployment.appspec too");
        }
        return (new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(byEvent), appspec);
    }

    /// <summary><c>scripts:</c> location → what the script does; Location and Timeout come later from the appspec.</summary>
    private static Dictionary<string, (HookScript Script, YamlScalar Key)> Scripts(ObjectReader r, List<TargetGroupSpec> declared)
    {
        var result = new Dictionary<string, (HookScript, YamlScalar)>(StringComparer.Ordinal);
        if (r.Mapping("scripts", "script locations to {duration, failureRate, action, targetGroup}") is not { } map) return result;
        foreach (var (key, value) in map.Entries)
        {
            string field = ReadContext.Join(r.Field("scripts"), key.Value);
            if (value is not YamlMapping m)
            {
                r.Context.Error(value, field, $"wrong type: expected a mapping {{duration, failureRate, action, targetGroup}}, got {value.Describe()}");
                continue;
            }
            var s = new ObjectReader(r.Context, m, field, "script");
            result[key.Value] = (ScriptInfo(s, key.Value, ScenarioFormat.MaxEventTimeout, declared), key);
        }
        return result;
    }

    private static void InlineHooks(ObjectReader r, YamlMapping inline, List<TargetGroupSpec> declared, SortedDictionary<LifecycleEvent, IReadOnlyList<HookScript>> byEvent)
    {
        foreach (var (key, value) in inline.Entries)
        {
            string field = ReadContext.Join(r.Field("hooks"), key.Value);
            if (!TryInlineEvent(r.Context, key, field, out var ev)) continue;
            if (value is not YamlSequence seq)
            {
                r.Context.Error(value, field, $"wrong type: expected a list of scripts {{location, timeout, action...}}, got {value.Describe()}");
                continue;
            }
            var list = new List<HookScript>();
            for (int i = 0; i < seq.Items.Count; i++)
            {
                string f = ReadContext.Join(field, i);
                if (seq.Items[i] is not YamlMapping m)
                {
                    r.Context.Error(seq.Items[i], f, $"wrong type: expected a mapping {{location, timeout, action...}}, got {seq.Items[i].Describe()}");
                    continue;
                }
                var s = new ObjectReader(r.Context, m, f, "hookScript");
                string? location = s.Text("location", required: true);
                var timeout = s.Duration("timeout", ScenarioFormat.MaxEventTimeout, DurationRange.AwsSeconds(1, 3600) with { Text = "CodeDeploy allows 1 to 3600 seconds" });
                s.Text("runas");
                if (location is not null) list.Add(ScriptInfo(s, location, timeout, declared));
            }
            byEvent[ev] = list.ToArray();
        }
    }

    /// <summary>Resolves an inline hook's event name, reporting reserved and unknown names (with a did-you-mean). Inline
    /// hooks are DeploySim's own format, so a name CodeDeploy would ignore is an error here; in an appspec it is a warning.</summary>
    private static bool TryInlineEvent(ReadContext ctx, YamlScalar key, string field, out LifecycleEvent ev)
    {
        if (ScenarioFormat.ScriptableEvent.TryGet(key.Value, out ev)) return true;
        if (ScenarioFormat.ReservedEvents.Contains(key.Value, StringComparer.Ordinal))
            ctx.Error(key, field, $"'{key.Value}' is reserved for CodeDeploy and cannot run scripts");
        else
            ctx.Error(key, field, $"unknown lifecycle event '{key.Value}'{DidYouMean.Hint(key.Value, ScenarioFormat.ScriptableEvent.Words)}");
        return false;
    }

    /// <summary>duration, failureRate, action and targetGroup of a script (shapes <c>script</c> and <c>hookScript</c>).</summary>
    private static HookScript ScriptInfo(ObjectReader s, string location, SimDuration timeout, List<TargetGroupSpec> declared)
    {
        var action = s.Keyword("action", ScriptAction.None, ScenarioFormat.Action);
        string? targetGroup = s.Text("targetGroup");
        bool needsGroup = action is ScriptAction.RegisterTargetGroup or ScriptAction.DeregisterTargetGroup;
        if (needsGroup && targetGroup is null && s.Get("targetGroup") is null)
        {
            s.Context.Error(s.Node, s.Field("targetGroup"), $"{ScenarioFormat.Action.WordOf(action)} needs targetGroup: the name of a declared target group");
        }
        else if (!needsGroup && targetGroup is not null)
        {
            s.Error("targetGroup", "targetGroup applies only to the actions registerTargetGroup and deregisterTargetGroup");
        }
        else if (targetGroup is not null && !declared.Any(t => t.Name == targetGroup))
        {
            var names = declared.Select(t => t.Name).ToArray();
            s.Error("targetGroup", $"target group '{targetGroup}' is not declared in targetGroups{DidYouMean.Hint(targetGroup, names)}");
        }
        return new HookScript
        {
            Location = location,
            Timeout = timeout,
            Duration = s.Distribution("duration", Distribution.Constant(0)),
            FailureRate = s.Rate("failureRate", 0),
            Action = action,
            TargetGroup = needsGroup ? targetGroup : null,
            Processes = Processes(s, action),
        };
    }

    /// <summary><c>processes</c> of a suspendProcesses/resumeProcesses script: Auto Scaling process names; none means all.</summary>
    private static AutoScalingProcesses Processes(ObjectReader s, ScriptAction action)
    {
        bool takesProcesses = action is ScriptAction.SuspendProcesses or ScriptAction.ResumeProcesses;
        if (s.Sequence("processes", "Auto Scaling process names") is not { } seq) return takesProcesses ? AutoScalingProcesses.All : AutoScalingProcesses.None;
        if (!takesProcesses)
        {
            s.Error("processes", "processes applies only to the actions suspendProcesses and resumeProcesses");
            return AutoScalingProcesses.None;
        }
        var result = AutoScalingProcesses.None;
        for (int i = 0; i < seq.Items.Count; i++)
            if (ScalarReader.Keyword(s.Context, seq.Items[i], ReadContext.Join(s.Field("processes"), i), ScenarioFormat.Process, out var p)) result |= p;
        return seq.Items.Count == 0 ? AutoScalingProcesses.All : result;
    }
}
