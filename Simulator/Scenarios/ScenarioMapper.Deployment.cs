using DeploySim.Engine;

namespace DeploySim.Scenarios;

// The deployment: strategy, configuration, managed target groups, blue/green and graceful-restart settings (docs/model.md#blue-green-deployments, docs/model.md#deployment-configurations, docs/model.md#capistrano-flow).
internal static partial class ScenarioMapper
{
    private static DeploymentSpec Deployment(ObjectReader? r, List<TargetGroupSpec> declared, SimDuration horizon, Era era)
    {
        var d = new DeploymentSpec { OutdatedInstances = EraRules.DefaultOutdatedInstances(era) };
        if (r is null) return d;
        var strategy = r.Keyword("strategy", d.Strategy, ScenarioFormat.Strategy);
        var targetGroups = DeploymentTargetGroups(r, declared, era);
        if (strategy == StrategyKind.BlueGreen && targetGroups.Count == 0 && r.Get("strategy") is not null)
            r.Error("strategy", "blue-green needs a load balancer: name a target group in deployment.targetGroups (CodeDeploy requires one for blue/green)");
        var defaultScriptDuration = r.Distribution("defaultScriptDuration", HookScript.UnmappedDuration);
        var (hooks, appSpecPath) = Hooks(r, declared, defaultScriptDuration);
        return new DeploymentSpec
        {
            Strategy = strategy,
            StartAt = StartAt(r, d.StartAt, horizon),
            Config = Configuration(r, d.Config),
            TargetGroups = targetGroups,
            Hooks = hooks,
            AppSpecPath = appSpecPath,
            FromAppSpec = r.Get("appspec") is not null,
            DownloadBundleTime = r.Distribution("downloadBundleTime", d.DownloadBundleTime),
            InstallTime = r.Distribution("installTime", d.InstallTime),
            EmptyEventTime = r.Distribution("emptyEventTime", d.EmptyEventTime),
            AgentEventGap = r.Distribution("agentEventGap", d.AgentEventGap),
            TrafficPollInterval = r.Duration("trafficPollInterval", d.TrafficPollInterval, DurationRange.Positive),
            ExtraTrafficInterval = r.Bool("extraTrafficInterval", d.ExtraTrafficInterval),
            BlockTrafficWaitsHealthCheckEstimate = r.Bool("blockTrafficWaitsHealthCheckEstimate", d.BlockTrafficWaitsHealthCheckEstimate),
            TrafficWaitTimeout = r.Duration("trafficWaitTimeout", d.TrafficWaitTimeout, DurationRange.Positive),
            AutoRollback = r.Bool("autoRollback", d.AutoRollback),
            IgnoreApplicationStopFailures = r.Bool("ignoreApplicationStopFailures", d.IgnoreApplicationStopFailures),
            OutdatedInstances = OutdatedInstances(r, d.OutdatedInstances, era),
            TerminatedInstanceDelay = r.Distribution("terminatedInstanceDelay", d.TerminatedInstanceDelay),
            TerminationHookEnabled = TerminationHookEnabled(r, era),
            TerminationHookTimeout = r.Duration("terminationHookTimeout", d.TerminationHookTimeout, DurationRange.AwsSeconds(30, 7200)),
            BlueGreen = BlueGreen(r.Object("blueGreen", "blueGreen")),
            GracefulRestart = GracefulRestart(r.Object("gracefulRestart", "gracefulRestart")),
            BadRevision = BadRevision(r.Object("badRevision", "badRevision")),
            Recovery = Recovery(r.Object("recovery", "recovery")),
            Alarm = Alarm(r.Object("alarm", "alarm"), declared),
            InstanceRefresh = InstanceRefresh(r.Object("instanceRefresh", "instanceRefresh"), declared),
            ZonalConfig = Zonal(r, era),
        };
    }

    /// <summary><c>startAt</c>: a duration before the horizon, or <c>never</c> (no deployment).</summary>
    private static SimDuration? StartAt(ObjectReader r, SimDuration? fallback, SimDuration horizon)
    {
        if (r.Get("startAt") is null) return fallback;
        if (!WordOrDuration(r, "startAt", ScenarioFormat.StartAt, DurationRange.Any, out bool never, out var at)) return fallback;
        if (never) return null;
        if (at >= horizon)
            r.Error("startAt", $"{at} is not before the horizon ({horizon}): the deployment would never start (write 'never' for no deployment)");
        return at;
    }

    /// <summary>A predefined name (with or without the CodeDeployDefault. prefix) or <c>{name?, minimumHealthyHosts: {type, value}}</c>.</summary>
    private static DeploymentConfig Configuration(ObjectReader r, DeploymentConfig fallback)
    {
        var node = r.Get("deploymentConfig");
        string field = r.Field("deploymentConfig");
        switch (node)
        {
            case null:
                return fallback;
            case YamlScalar:
                return ScalarReader.Keyword(r.Context, node, field, ScenarioFormat.DeploymentConfigName, out var named) ? named : fallback;
            case YamlMapping map:
            {
                var c = new ObjectReader(r.Context, map, field, "deploymentConfig");
                string? name = c.Text("name");
                var m = c.Object("minimumHealthyHosts", "minimumHealthyHosts");
                if (m is null)
                {
                    if (c.Get("minimumHealthyHosts") is null) c.Missing("minimumHealthyHosts");
                    return fallback;
                }
                var (type, value) = MinimumHealthyHosts(m);
                var custom = Scenarios.DeploymentConfig.Custom(type, value);
                return name is null ? custom : custom with { Name = name };
            }
            default:
                r.Context.Error(node, field, $"wrong type: expected a deployment configuration name or {{minimumHealthyHosts: {{type, value}}}}, got {node.Describe()}");
                return fallback;
        }
    }

    /// <summary><c>outdatedInstances</c>: the era's default; UPDATE does not exist in 2018 (docs/model.md#aws-eras).</summary>
    private static OutdatedInstancesStrategy OutdatedInstances(ObjectReader r, OutdatedInstancesStrategy fallback, Era era)
    {
        var value = r.Keyword("outdatedInstances", fallback, ScenarioFormat.OutdatedInstances);
        if (value == OutdatedInstancesStrategy.Update && !EraRules.HasOutdatedInstancesUpdate(era))
            r.Error("outdatedInstances", $"UPDATE does not exist in era {EraRules.Name(era)}: the follow-on deployment of outdated instances came about 2021 "
                + "(docs/model.md#aws-eras); use IGNORE or era: current");
        return value;
    }

    private static List<string> DeploymentTargetGroups(ObjectReader r, List<TargetGroupSpec> declared, Era era)
    {
        var names = new List<string>();
        if (r.Sequence("targetGroups", "target group names") is not { } seq) return names;
        var known = declared.Select(t => t.Name).ToArray();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string field = ReadContext.Join(r.Field("targetGroups"), i);
            if (!ScalarReader.Text(r.Context, seq.Items[i], field, out var name)) continue;
            if (!known.Contains(name, StringComparer.Ordinal))
                r.Context.Error(seq.Items[i], field, $"target group '{name}' is not declared in targetGroups{DidYouMean.Hint(name, known)}");
            else if (names.Contains(name, StringComparer.Ordinal))
                r.Context.Error(seq.Items[i], field, $"target group '{name}' is listed twice");
            else
                names.Add(name);
        }
        int max = EraRules.MaxManagedTargetGroups(era);
        if (seq.Items.Count > max)
            r.Error("targetGroups", max == 1
                ? $"{seq.Items.Count} target groups: in era {EraRules.Name(era)} a deployment group manages one target group (several since 2023, docs/model.md#aws-eras); "
                  + "handle the others with registerTargetGroup/deregisterTargetGroup hook scripts, or use era: current"
                : $"{seq.Items.Count} target groups: CodeDeploy allows at most {max} per deployment group");
        return names;
    }

    /// <summary>A field that takes either a word (<c>never</c>, <c>immediately</c>) or a duration.</summary>
    private static bool WordOrDuration(ObjectReader r, string key, Keywords<bool> words, DurationRange range, out bool isWord, out SimDuration value)
    {
        var node = r.Get(key)!;
        isWord = false;
        value = SimDuration.Zero;
        if (node is YamlScalar { IsNull: false } s && !s.Value.Any(char.IsAsciiDigit))
        {
            if (words.TryGet(s.Value, out _)) return isWord = true;
            r.Context.Error(node, r.Field(key), $"'{s.Value}' is not {words.What}{DidYouMean.Hint(s.Value, words.Words)}");
            return false;
        }
        return ScalarReader.Duration(r.Context, node, r.Field(key), range, out value);
    }

    private static BlueGreenSpec BlueGreen(ObjectReader? r)
    {
        var d = new BlueGreenSpec();
        if (r is null) return d;
        SimDuration? reroute = d.RerouteWait;
        if (r.Get("reroute") is not null && WordOrDuration(r, "reroute", ScenarioFormat.Reroute, DurationRange.AwsMinutes(0, 2880), out bool immediately, out var wait))
            reroute = immediately ? null : wait;
        return new BlueGreenSpec
        {
            TerminationWait = r.Duration("terminationWait", d.TerminationWait, DurationRange.AwsMinutes(0, 2880)),
            KeepAlive = r.Bool("keepAlive", d.KeepAlive),
            RerouteWait = reroute,
            CopiedGroupHealthCheckType = r.Keyword("copiedGroupHealthCheckType", d.CopiedGroupHealthCheckType, ScenarioFormat.HealthCheckType),
            CopiedGroupHealthCheckGracePeriod = r.Duration("copiedGroupHealthCheckGracePeriod", d.CopiedGroupHealthCheckGracePeriod, DurationRange.AwsSeconds(0, int.MaxValue)),
        };
    }

    private static GracefulRestartSpec GracefulRestart(ObjectReader? r)
    {
        var d = new GracefulRestartSpec();
        if (r is null) return d;
        var hosts = d.Hosts;
        int groupSize = d.GroupSize;
        if (r.Get("hosts") is { } node)
        {
            string field = r.Field("hosts");
            if (node is YamlScalar { IsPlain: true } s && s.Value.Length > 0 && s.Value.All(c => char.IsAsciiDigit(c) || c is '-' or '+'))
            {
                if (ScalarReader.Integer(r.Context, node, field, 1, MaxInstances, $"a group size must be from 1 to {MaxInstances}", out long size))
                {
                    hosts = HostsMode.Groups;
                    groupSize = (int)size;
                }
            }
            else if (ScalarReader.Keyword(r.Context, node, field, ScenarioFormat.Hosts, out var mode))
            {
                hosts = mode;
            }
        }
        return new GracefulRestartSpec
        {
            Hosts = hosts,
            GroupSize = groupSize,
            WaitBetweenHosts = r.Duration("waitBetweenHosts", d.WaitBetweenHosts, DurationRange.Any),
            CodeUpdateTime = r.Distribution("codeUpdateTime", d.CodeUpdateTime),
            QuitOldMaster = r.Keyword("quitOldMaster", d.QuitOldMaster, ScenarioFormat.QuitOldMaster),
            QuitDelay = r.Duration("quitDelay", d.QuitDelay, DurationRange.Any),
        };
    }

    /// <summary>A <c>{type, value}</c> minimum-healthy-hosts mapping (a deployment configuration's, or a zonal
    /// configuration's per zone), both fields required, the value in the type's range.</summary>
    private static (MinimumHealthyHostsType Type, int Value) MinimumHealthyHosts(ObjectReader m)
    {
        if (m.Get("type") is null) m.Missing("type");
        if (m.Get("value") is null) m.Missing("value");
        var type = m.Keyword("type", MinimumHealthyHostsType.FleetPercent, ScenarioFormat.MinimumHealthyHostsType);
        int value = type == MinimumHealthyHostsType.FleetPercent
            ? m.Int("value", 0, 0, 99, "FLEET_PERCENT allows 0 to 99")
            : m.Int("value", 0, 0, MaxInstances, $"HOST_COUNT allows 0 or more (simulator limit {MaxInstances})");
        return (type, value);
    }
}
