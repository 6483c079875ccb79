using System.Globalization;
using System.Text;
using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Reliability;

/// <summary>Prints a <see cref="Scenario"/> as scenario YAML that <see cref="ScenarioLoader"/> reads back to the same
/// scenario: every field, in a fixed order, so that two scenarios are equal exactly when their printouts are.</summary>
/// <remarks>Hooks are written inline (<c>deployment.hooks</c>), so an appspec's path is not kept. Durations must be whole
/// milliseconds, as the format writes them; a lognormal is written by its median and p90 rounded to the millisecond.</remarks>
internal static class ScenarioYaml
{
    public static string Print(Scenario s)
    {
        var w = new Writer();
        w.Line(0, "name", Quote(s.Name));
        w.Line(0, "seed", Int(s.Seed));
        w.Line(0, "replications", Int(s.Replications));
        w.Line(0, "horizon", Dur(s.Horizon));
        w.Line(0, "eventBudget", Int(s.EventBudget));

        var i = s.Fleet.Instances;
        w.Open(0, "instances");
        w.Line(1, "memory", MiB(i.MemoryMiB));
        w.Line(1, "reservedMemory", MiB(i.ReservedMemoryMiB));
        w.Line(1, "bootTime", Dist(i.BootTime));
        w.Line(1, "agentReadyTime", Dist(i.AgentReadyTime));
        w.Line(1, "failureRatePerHour", Num(i.FailureRatePerHour));

        var a = s.Fleet.AutoScaling;
        w.Open(0, "autoScaling");
        w.Line(1, "desiredCapacity", Int(a.DesiredCapacity));
        w.Line(1, "minSize", Int(a.MinSize));
        w.Line(1, "maxSize", Int(a.MaxSize));
        w.Line(1, "healthCheckType", a.HealthCheckType.ToString());
        w.Line(1, "healthCheckGracePeriod", Dur(a.HealthCheckGracePeriod));
        if (a.ScheduledActions.Count == 0) w.Line(1, "scheduledActions", "[]");
        else w.Open(1, "scheduledActions");
        foreach (var act in a.ScheduledActions)
        {
            var parts = new List<string> { $"at: {Dur(act.At)}" };
            if (act.DesiredCapacity is { } d) parts.Add($"desiredCapacity: {Int(d)}");
            if (act.MinSize is { } mn) parts.Add($"minSize: {Int(mn)}");
            if (act.MaxSize is { } mx) parts.Add($"maxSize: {Int(mx)}");
            w.Item(2, "{ " + string.Join(", ", parts) + " }");
        }
        w.Line(1, "terminationOrder", a.TerminationOrder.ToString());
        var h = a.LaunchHook;
        w.Line(1, "launchHook", $"{{ enabled: {Bool(h.Enabled)}, heartbeatTimeout: {Dur(h.HeartbeatTimeout)}, defaultResult: {h.DefaultResult.ToString().ToUpperInvariant()}, globalTimeout: {Dur(h.GlobalTimeout)} }}");
        w.Line(1, "relaunchDelay", Dur(a.RelaunchDelay));
        w.Line(1, "healthCheckPeriod", Dur(a.HealthCheckPeriod));

        var o = s.Fleet.OpsWorks;
        w.Open(0, "opsWorks");
        w.Line(1, "enabled", Bool(o.Enabled));
        w.Line(1, "setupTime", Dist(o.SetupTime));
        w.Line(1, "setupFailureRate", Num(o.SetupFailureRate));
        w.Line(1, "waitPollInterval", Dur(o.WaitPollInterval));
        w.Line(1, "waitMaxPolls", Int(o.WaitMaxPolls));

        if (s.Fleet.TargetGroups.Count == 0) w.Line(0, "targetGroups", "[]");
        else w.Open(0, "targetGroups");
        foreach (var tg in s.Fleet.TargetGroups)
        {
            w.Item(1, $"name: {Quote(tg.Name)}");
            var hc = tg.HealthCheck;
            w.Line(2, "healthCheck", $"{{ interval: {Dur(hc.Interval)}, timeout: {Dur(hc.Timeout)}, healthyThreshold: {Int(hc.HealthyThreshold)}, unhealthyThreshold: {Int(hc.UnhealthyThreshold)} }}");
            w.Line(2, "deregistrationDelay", Dur(tg.DeregistrationDelay));
            w.Line(2, "slowStart", Dur(tg.SlowStart));
            if (tg.InitialHealthyChecks is { } ihc) w.Line(2, "initialHealthyChecks", Int(ihc));
            w.Line(2, "drainImmediatelyWhenIdle", Bool(tg.DrainImmediatelyWhenIdle));
            w.Line(2, "connectionsCloseWhenIdle", Bool(tg.ConnectionsCloseWhenIdle));
        }

        var u = s.Fleet.Unicorn;
        w.Open(0, "unicorn");
        w.Line(1, "workers", Int(u.Workers));
        w.Line(1, "masterMemory", MiB(u.MasterMemoryMiB));
        w.Line(1, "workerMemory", MiB(u.WorkerMemoryMiB));
        w.Line(1, "workerMemoryGrowthPerHour", MiB(u.WorkerMemoryGrowthPerHourMiB));
        w.Line(1, "workerMemoryCap", MiB(u.WorkerMemoryCapMiB));
        w.Line(1, "bootTime", Dist(u.BootTime));
        w.Line(1, "workerForkInterval", Dur(u.WorkerForkInterval));
        w.Line(1, "requestsPerSecondPerWorker", Num(u.RequestsPerSecondPerWorker));
        w.Line(1, "sharedMemory", Num(u.SharedMemory));
        w.Line(1, "uptimeAtDeploy", Dur(u.UptimeAtDeploy));
        if (u.WorkerMemoryLimitMiB is { } limit) w.Line(1, "workerMemoryLimit", MiB(limit));

        var t = s.Fleet.Traffic;
        w.Open(0, "traffic");
        w.Line(1, "requestsPerSecond", Num(t.RequestsPerSecond));
        if (t.Profile.Count == 0) w.Line(1, "profile", "[]");
        else w.Open(1, "profile");
        foreach (var p in t.Profile) w.Item(2, $"{{ at: {Dur(p.At)}, requestsPerSecond: {Num(p.RequestsPerSecond)} }}");

        PrintDeployment(w, s.Fleet.Deployment);
        return w.ToString();
    }

    private static void PrintDeployment(Writer w, DeploymentSpec d)
    {
        w.Open(0, "deployment");
        w.Line(1, "strategy", d.Strategy switch
        {
            StrategyKind.InPlace => "in-place",
            StrategyKind.BlueGreen => "blue-green",
            StrategyKind.InstanceRefresh => "instance-refresh",
            _ => "graceful-restart",
        });
        w.Line(1, "startAt", d.StartAt is { } at ? Dur(at) : "never");
        w.Line(1, "deploymentConfig", Config(d.Config));
        w.Line(1, "targetGroups", "[" + string.Join(", ", d.TargetGroups.Select(Quote)) + "]");
        var events = d.Hooks.Keys.Order().ToList();
        if (events.Count == 0) w.Line(1, "hooks", "{}");
        else w.Open(1, "hooks");
        foreach (var ev in events)
        {
            var scripts = d.Hooks[ev];
            if (scripts.Count == 0) w.Line(2, ev.ToString(), "[]");
            else w.Open(2, ev.ToString());
            foreach (var sc in scripts)
            {
                var parts = new List<string>
                {
                    $"location: {Quote(sc.Location)}",
                    $"timeout: {Dur(sc.Timeout)}",
                    $"duration: {Dist(sc.Duration)}",
                    $"failureRate: {Num(sc.FailureRate)}",
                    $"action: {Action(sc.Action)}",
                };
                if (sc.TargetGroup is { } tg) parts.Add($"targetGroup: {Quote(tg)}");
                if (sc.Processes != AutoScalingProcesses.None)
                    parts.Add("processes: [" + string.Join(", ", Enum.GetValues<AutoScalingProcesses>().Where(p => p is not (AutoScalingProcesses.None or AutoScalingProcesses.All) && sc.Processes.HasFlag(p))) + "]");
                w.Item(3, "{ " + string.Join(", ", parts) + " }");
            }
        }
        w.Line(1, "downloadBundleTime", Dist(d.DownloadBundleTime));
        w.Line(1, "installTime", Dist(d.InstallTime));
        w.Line(1, "trafficPollInterval", Dur(d.TrafficPollInterval));
        w.Line(1, "extraTrafficInterval", Bool(d.ExtraTrafficInterval));
        w.Line(1, "blockTrafficWaitsHealthCheckEstimate", Bool(d.BlockTrafficWaitsHealthCheckEstimate));
        w.Line(1, "trafficWaitTimeout", Dur(d.TrafficWaitTimeout));
        w.Line(1, "autoRollback", Bool(d.AutoRollback));
        w.Line(1, "ignoreApplicationStopFailures", Bool(d.IgnoreApplicationStopFailures));
        w.Line(1, "outdatedInstances", d.OutdatedInstances.ToString().ToUpperInvariant());
        var bg = d.BlueGreen;
        w.Line(1, "blueGreen", $"{{ terminationWait: {Dur(bg.TerminationWait)}, keepAlive: {Bool(bg.KeepAlive)}, reroute: {(bg.RerouteWait is { } rw ? Dur(rw) : "immediately")} }}");
        var gr = d.GracefulRestart;
        string hosts = gr.Hosts switch
        {
            HostsMode.Parallel => "parallel",
            HostsMode.Sequential => "sequential",
            _ => Int(gr.GroupSize),
        };
        string quit = ScenarioFormat.QuitOldMaster.WordOf(gr.QuitOldMaster);
        w.Line(1, "gracefulRestart", $"{{ hosts: {hosts}, waitBetweenHosts: {Dur(gr.WaitBetweenHosts)}, codeUpdateTime: {Dist(gr.CodeUpdateTime)}, quitOldMaster: {quit}, quitDelay: {Dur(gr.QuitDelay)} }}");
        var ir = d.InstanceRefresh;
        string warmup = ir.InstanceWarmup is { } wu ? $", instanceWarmup: {Dur(wu)}" : "";
        w.Line(1, "instanceRefresh", $"{{ minHealthyPercentage: {Int(ir.MinHealthyPercentage)}, maxHealthyPercentage: {Int(ir.MaxHealthyPercentage)}{warmup}, "
            + $"checkpointPercentages: [{string.Join(", ", ir.CheckpointPercentages.Select(p => Int(p)))}], checkpointDelay: {Dur(ir.CheckpointDelay)}, "
            + $"skipMatching: {Bool(ir.SkipMatching)}, autoRollback: {Bool(ir.AutoRollback)}, codeDeployLaunchHook: {Bool(ir.CodeDeployLaunchHook)} }}");
    }

    private static string Config(DeploymentConfig c)
    {
        if (ReferenceEquals(c, DeploymentConfig.OneAtATime) || ReferenceEquals(c, DeploymentConfig.HalfAtATime) || ReferenceEquals(c, DeploymentConfig.AllAtOnce))
            return c.Name;
        string type = c.Type == MinimumHealthyHostsType.HostCount ? "HOST_COUNT" : "FLEET_PERCENT";
        return $"{{ name: {Quote(c.Name)}, minimumHealthyHosts: {{ type: {type}, value: {Int(c.Value)} }} }}";
    }

    private static string Action(ScriptAction a) => a switch
    {
        ScriptAction.None => "none",
        ScriptAction.WaitForOpsWorks => "waitForOpsWorks",
        ScriptAction.StartApplication => "startApplication",
        ScriptAction.StopApplication => "stopApplication",
        ScriptAction.RegisterTargetGroup => "registerTargetGroup",
        ScriptAction.SuspendProcesses => "suspendProcesses",
        ScriptAction.ResumeProcesses => "resumeProcesses",
        _ => "deregisterTargetGroup",
    };

    /// <summary>A distribution of durations in flow style.</summary>
    public static string Dist(Distribution d) => d.Kind switch
    {
        DistributionKind.Constant => Ms(d.ParameterA),
        DistributionKind.Uniform => $"{{ uniform: [{Ms(d.ParameterA)}, {Ms(d.ParameterB)}] }}",
        DistributionKind.Normal => $"{{ normal: {{ mean: {Ms(d.ParameterA)}, sd: {Ms(d.ParameterB)} }} }}",
        DistributionKind.LogNormal => $"{{ lognormal: {{ median: {Ms(Math.Round(d.ParameterA))}, p90: {Ms(Math.Round(d.ParameterB))} }} }}",
        DistributionKind.Exponential => $"{{ exponential: {{ mean: {Ms(d.ParameterA)} }} }}",
        _ => "{ empirical: [" + string.Join(", ", d.Values.Select(Ms)) + "] }",
    };

    private static string Ms(double ms)
    {
        if (ms != Math.Floor(ms) || ms < 0) throw new ArgumentException($"{ms} ms is not a whole number of milliseconds: the format cannot write it");
        return Dur(SimDuration.FromMilliseconds((long)ms));
    }

    private static string Dur(SimDuration d) => d.ToString();
    private static string MiB(long mib) => mib.ToString(CultureInfo.InvariantCulture) + "MiB";
    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string Int(ulong v) => v.ToString(CultureInfo.InvariantCulture);
    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Bool(bool b) => b ? "true" : "false";

    /// <summary>A YAML double-quoted string.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public void Line(int depth, string key, string value) => _sb.Append(' ', depth * 2).Append(key).Append(": ").Append(value).Append('\n');
        public void Open(int depth, string key) => _sb.Append(' ', depth * 2).Append(key).Append(":\n");
        public void Item(int depth, string first) => _sb.Append(' ', depth * 2).Append("- ").Append(first).Append('\n');
        public override string ToString() => _sb.ToString();
    }
}
