using DeploySim.Engine;

namespace DeploySim.Scenarios;

// deployment.instanceRefresh: StartInstanceRefresh's preferences, checked as the API checks them (docs/model.md#instance-refresh).
internal static partial class ScenarioMapper
{
    /// <summary><c>instanceRefresh: {minHealthyPercentage, maxHealthyPercentage, instanceWarmup, checkpointPercentages,
    /// checkpointDelay, skipMatching, autoRollback, alarms, codeDeployLaunchHook}</c>. Max needs Min and may exceed it by
    /// at most 100; checkpoints ascend, unique, from 1 to 100; up to 10 alarms, each an <c>alarm</c>.</summary>
    private static InstanceRefreshSpec InstanceRefresh(ObjectReader? r, List<TargetGroupSpec> declared)
    {
        var d = new InstanceRefreshSpec();
        if (r is null) return d;
        int min = r.Int("minHealthyPercentage", d.MinHealthyPercentage, 0, 100, "MinHealthyPercentage allows 0 to 100");
        int max = r.Int("maxHealthyPercentage", d.MaxHealthyPercentage, 100, 200, "MaxHealthyPercentage allows 100 to 200");
        if (r.Get("maxHealthyPercentage") is not null && r.Get("minHealthyPercentage") is null)
            r.Error("maxHealthyPercentage", "with maxHealthyPercentage the API requires minHealthyPercentage too");
        if (max - min > 100)
            r.Error("maxHealthyPercentage", $"maxHealthyPercentage ({max}) may exceed minHealthyPercentage ({min}) by at most 100");
        SimDuration? warmup = r.Get("instanceWarmup") is null ? null : r.Duration("instanceWarmup", SimDuration.Zero, DurationRange.Any);
        return new InstanceRefreshSpec
        {
            MinHealthyPercentage = min,
            MaxHealthyPercentage = max,
            InstanceWarmup = warmup,
            CheckpointPercentages = Checkpoints(r),
            CheckpointDelay = r.Duration("checkpointDelay", d.CheckpointDelay, DurationRange.AwsSeconds(0, 172_800)),
            SkipMatching = r.Bool("skipMatching", d.SkipMatching),
            AutoRollback = r.Bool("autoRollback", d.AutoRollback),
            Alarms = RefreshAlarms(r, declared),
            CodeDeployLaunchHook = r.Bool("codeDeployLaunchHook", d.CodeDeployLaunchHook),
        };
    }

    /// <summary><c>zonalConfig: {firstZoneMonitorDuration, monitorDuration, minimumHealthyHostsPerZone: {type, value}}</c>
    /// (docs/model.md#zonal-deployments); not in era 2018.</summary>
    private static ZonalConfig? Zonal(ObjectReader d, Era era)
    {
        if (d.Object("zonalConfig", "zonalConfig") is not { } r) return null;
        if (!EraRules.HasZonalConfig(era))
            d.Error("zonalConfig", $"zonal configurations do not exist in era {EraRules.Name(era)}: CodeDeploy added them in December 2023 (docs/model.md#aws-eras); use era: current");
        SimDuration? Optional(string key) => r.Get(key) is null ? null : r.Duration(key, SimDuration.Zero, DurationRange.AwsSeconds(0, int.MaxValue));
        var z = new ZonalConfig { FirstZoneMonitorDuration = Optional("firstZoneMonitorDuration"), MonitorDuration = Optional("monitorDuration") };
        if (r.Object("minimumHealthyHostsPerZone", "minimumHealthyHosts") is not { } m) return z;
        var (type, value) = MinimumHealthyHosts(m);
        return z with { PerZoneType = type, PerZoneValue = value };
    }

    private static List<int> Checkpoints(ObjectReader r)
    {
        var list = new List<int>();
        if (r.Sequence("checkpointPercentages", "percentages from 1 to 100") is not { } seq) return list;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string field = ReadContext.Join(r.Field("checkpointPercentages"), i);
            if (!ScalarReader.Integer(r.Context, seq.Items[i], field, 1, 100, "a checkpoint percentage is from 1 to 100", out long p)) continue;
            if (list.Count > 0 && p <= list[^1])
                r.Context.Error(seq.Items[i], field, $"{p} does not follow {list[^1]}: checkpoint percentages ascend and are unique");
            else
                list.Add((int)p);
        }
        return list;
    }

    private static List<AlarmSpec> RefreshAlarms(ObjectReader r, List<TargetGroupSpec> declared)
    {
        var alarms = new List<AlarmSpec>();
        if (r.Sequence("alarms", "alarms {metric, threshold, period, ...}") is not { } seq) return alarms;
        if (seq.Items.Count > 10) r.Error("alarms", $"{seq.Items.Count} alarms: an instance refresh's alarm specification takes at most 10");
        for (int i = 0; i < seq.Items.Count; i++)
            if (Item(r, "alarms", seq, i, "alarm") is { } a && Alarm(a, declared) is { } alarm) alarms.Add(alarm);
        return alarms;
    }
}
