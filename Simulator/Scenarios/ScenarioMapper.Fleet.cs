using System.Text.RegularExpressions;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

// The Auto Scaling group and the target groups (docs/model.md#auto-scaling-group, docs/model.md#target-groups).
internal static partial class ScenarioMapper
{
    private static AutoScalingSpec AutoScaling(ObjectReader? r)
    {
        var d = new AutoScalingSpec();
        if (r is null) return d;
        string range = $"allowed 0 to {MaxInstances} (simulator limit)";
        int desired = r.Int("desiredCapacity", d.DesiredCapacity, 0, MaxInstances, range);
        int min = r.Int("minSize", d.MinSize, 0, MaxInstances, range);
        int max = r.Int("maxSize", d.MaxSize, 0, MaxInstances, range);
        if (!(min <= desired && desired <= max))
        {
            string key = r.Get("desiredCapacity") is not null ? "desiredCapacity" : r.Get("minSize") is not null ? "minSize" : "maxSize";
            r.Error(key, $"minSize ({min}) <= desiredCapacity ({desired}) <= maxSize ({max}) does not hold");
        }
        var relaunch = r.Duration("relaunchDelay", d.RelaunchDelay, DurationRange.Any);
        return new AutoScalingSpec
        {
            DesiredCapacity = desired,
            MinSize = min,
            MaxSize = max,
            HealthCheckType = r.Keyword("healthCheckType", d.HealthCheckType, ScenarioFormat.HealthCheckType),
            HealthCheckGracePeriod = r.Duration("healthCheckGracePeriod", d.HealthCheckGracePeriod, DurationRange.AwsSeconds(0, int.MaxValue)),
            ScheduledActions = ScheduledActions(r, min, desired, max),
            TerminationOrder = r.Keyword("terminationOrder", d.TerminationOrder, ScenarioFormat.TerminationOrder),
            LaunchHook = LaunchHook(r.Object("launchHook", "launchHook")),
            RelaunchDelay = relaunch,
            RelaunchDelayMax = RelaunchDelayMax(r, d, relaunch),
            HealthCheckPeriod = r.Duration("healthCheckPeriod", d.HealthCheckPeriod, DurationRange.Positive),
            AvailabilityZones = Zones(r),
            TerminationHooks = TerminationHooks(r),
            WarmPool = WarmPool(r.Object("warmPool", "warmPool")),
        };
    }

    /// <summary><c>availabilityZones: [a, b, c]</c>: unique names, at most 16 (docs/model.md#availability-zones).</summary>
    private static List<string> Zones(ObjectReader r)
    {
        var zones = new List<string>();
        if (r.Sequence("availabilityZones", "zone names") is not { } seq) return zones;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string field = ReadContext.Join(r.Field("availabilityZones"), i);
            if (!ScalarReader.Text(r.Context, seq.Items[i], field, out var name)) continue;
            if (zones.Contains(name, StringComparer.Ordinal)) r.Context.Error(seq.Items[i], field, $"zone '{name}' is listed twice");
            else zones.Add(name);
        }
        if (zones.Count > 16) r.Error("availabilityZones", $"{zones.Count} zones: the simulator takes at most 16");
        return zones;
    }

    /// <summary><c>events: [{ at, zoneImpaired, for }]</c>: a zone of <c>autoScaling.availabilityZones</c> impaired from
    /// <c>at</c> for <c>for</c> (docs/model.md#availability-zones).</summary>
    private static List<ZoneEvent> ZoneEvents(ObjectReader f, AutoScalingSpec group, SimDuration horizon)
    {
        var events = new List<ZoneEvent>();
        if (f.Sequence("events", "events {at, zoneImpaired, for}") is not { } seq) return events;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(f, "events", seq, i, "event") is not { } e) continue;
            foreach (var key in new[] { "at", "zoneImpaired", "for" }) if (e.Get(key) is null) e.Missing(key);
            string? zone = e.Text("zoneImpaired");
            int index = zone is null ? -1 : IndexOf(group.AvailabilityZones, zone);
            if (zone is not null && index < 0)
                e.Error("zoneImpaired", $"'{zone}' is not one of autoScaling.availabilityZones{(group.AvailabilityZones.Count == 0 ? " (none declared)" : DidYouMean.Hint(zone, group.AvailabilityZones))}");
            var at = e.Duration("at", SimDuration.Zero, DurationRange.Any);
            if (at >= horizon && e.Get("at") is not null) e.Error("at", $"{at} is not before the horizon ({horizon})");
            events.Add(new ZoneEvent { At = at, Zone = Math.Max(0, index), For = e.Duration("for", SimDuration.Zero, DurationRange.Positive) });
        }
        return [.. events.OrderBy(x => x.At)];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int k = 0; k < names.Count; k++) if (names[k] == name) return k;
        return -1;
    }

    private static SimDuration RelaunchDelayMax(ObjectReader r, AutoScalingSpec d, SimDuration first)
    {
        var max = r.Duration("relaunchDelayMax", SimDuration.Max(d.RelaunchDelayMax, first), DurationRange.Any);
        if (max < first && r.Get("relaunchDelayMax") is not null)
            r.Error("relaunchDelayMax", $"{max} is shorter than relaunchDelay ({first}): the back-off starts at relaunchDelay and grows up to relaunchDelayMax");
        return max;
    }

    /// <summary>Reads the actions, then replays them in time order and checks min ≤ desired ≤ max after each.</summary>
    private static List<ScheduledAction> ScheduledActions(ObjectReader r, int min, int desired, int max)
    {
        var actions = new List<(ScheduledAction Action, ObjectReader Reader)>();
        if (r.Sequence("scheduledActions", "scheduled actions {at, desiredCapacity, minSize, maxSize}") is not { } seq) return [];
        string range = $"allowed 0 to {MaxInstances} (simulator limit)";
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(r, "scheduledActions", seq, i, "scheduledAction") is not { } a) continue;
            if (a.Get("at") is null) a.Missing("at");
            var action = new ScheduledAction
            {
                At = a.Duration("at", SimDuration.Zero, DurationRange.Any),
                DesiredCapacity = a.OptionalInt("desiredCapacity", 0, MaxInstances, range),
                MinSize = a.OptionalInt("minSize", 0, MaxInstances, range),
                MaxSize = a.OptionalInt("maxSize", 0, MaxInstances, range),
            };
            if (a.Get("desiredCapacity") is null && a.Get("minSize") is null && a.Get("maxSize") is null)
                a.Context.Error(a.Node, a.Path, "a scheduled action must set desiredCapacity, minSize or maxSize");
            actions.Add((action, a));
        }
        foreach (var (action, a) in actions.OrderBy(x => x.Action.At))
        {
            min = action.MinSize ?? min;
            max = action.MaxSize ?? max;
            desired = action.DesiredCapacity ?? desired;
            if (!(min <= desired && desired <= max))
                a.Context.Error(a.Node, a.Path, $"after this action at {action.At}, minSize ({min}) <= desiredCapacity ({desired}) <= maxSize ({max}) does not hold");
        }
        return actions.Select(x => x.Action).ToList();
    }

    private static LaunchHookSpec LaunchHook(ObjectReader? r)
    {
        var d = new LaunchHookSpec();
        if (r is null) return d;
        var heartbeat = r.Duration("heartbeatTimeout", d.HeartbeatTimeout, DurationRange.AwsSeconds(30, 7200));
        var global = r.Duration("globalTimeout", d.GlobalTimeout, DurationRange.AwsSeconds(30, 172_800));
        if (global < heartbeat)
            r.Error(r.Get("globalTimeout") is not null ? "globalTimeout" : "heartbeatTimeout", $"globalTimeout ({global}) is shorter than heartbeatTimeout ({heartbeat})");
        return new LaunchHookSpec
        {
            Enabled = r.Bool("enabled", d.Enabled),
            HeartbeatTimeout = heartbeat,
            DefaultResult = r.Keyword("defaultResult", d.DefaultResult, ScenarioFormat.HookResult),
            GlobalTimeout = global,
        };
    }

    private static List<TargetGroupSpec> TargetGroups(ObjectReader root)
    {
        var list = new List<TargetGroupSpec>();
        if (root.Sequence("targetGroups", "target groups") is not { } seq) return list;
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(root, "targetGroups", seq, i, "targetGroup") is not { } r) continue;
            var d = new TargetGroupSpec { Name = "" };
            string name = r.Text("name", required: true) ?? "";
            if (name.Length > 0 && !TargetGroupName().IsMatch(name))
                r.Error("name", $"'{name}' is not a valid target group name: AWS allows up to 32 letters, digits and hyphens, not starting or ending with a hyphen");
            if (name.Length > 0 && !seen.TryAdd(name, r.At("name")))
                r.Error("name", $"duplicate target group name '{name}' (first at line {seen[name].Line})");
            var slowStart = r.Duration("slowStart", d.SlowStart, DurationRange.AwsSeconds(0, 900));
            if (slowStart > SimDuration.Zero && slowStart < SimDuration.FromSeconds(30))
                r.Error("slowStart", $"{slowStart} is out of range: AWS allows 0 (off) or 30 to 900 seconds");
            list.Add(new TargetGroupSpec
            {
                Name = name,
                HealthCheck = HealthCheck(r.Object("healthCheck", "healthCheck")),
                DeregistrationDelay = r.Duration("deregistrationDelay", d.DeregistrationDelay, DurationRange.AwsSeconds(0, 3600)),
                SlowStart = slowStart,
                InitialHealthyChecks = r.OptionalInt("initialHealthyChecks", 1, 10),
                DrainImmediatelyWhenIdle = r.Bool("drainImmediatelyWhenIdle", d.DrainImmediatelyWhenIdle),
                ConnectionsCloseWhenIdle = r.Bool("connectionsCloseWhenIdle", d.ConnectionsCloseWhenIdle),
            });
        }
        return list;
    }

    private static HealthCheckSpec HealthCheck(ObjectReader? r)
    {
        var d = new HealthCheckSpec();
        if (r is null) return d;
        var interval = r.Duration("interval", d.Interval, DurationRange.AwsSeconds(5, 300));
        var timeout = r.Duration("timeout", d.Timeout, DurationRange.AwsSeconds(2, 120));
        if (timeout >= interval)
            r.Error(r.Get("timeout") is not null ? "timeout" : "interval", $"timeout ({timeout}) must be shorter than interval ({interval}) (AWS rule)");
        return new HealthCheckSpec
        {
            Interval = interval,
            Timeout = timeout,
            HealthyThreshold = r.Int("healthyThreshold", d.HealthyThreshold, 2, 10, "AWS allows 2 to 10"),
            UnhealthyThreshold = r.Int("unhealthyThreshold", d.UnhealthyThreshold, 2, 10, "AWS allows 2 to 10"),
            Mode = r.Keyword("mode", d.Mode, ScenarioFormat.HealthCheckMode),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")]
    private static partial Regex TargetGroupName();
}
