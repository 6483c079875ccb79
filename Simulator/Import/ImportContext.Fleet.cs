using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

// A fleet's sections: instances, Auto Scaling (with the launch hook), OpsWorks, target groups, unicorn.
internal sealed partial class ImportContext
{
    /// <summary>The schema next to the output or in a <c>scenarios/</c> folder above it; <c>./scenario.schema.json</c> otherwise.</summary>
    private string SchemaPath()
    {
        var outDir = Path.GetDirectoryName(Path.GetFullPath(request.Out)) ?? ".";
        for (var dir = new DirectoryInfo(outDir); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "scenario.schema.json"), Path.Combine(dir.FullName, "scenarios", "scenario.schema.json") })
            {
                if (File.Exists(candidate))
                {
                    var relative = Path.GetRelativePath(outDir, candidate).Replace('\\', '/');
                    return relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
                }
            }
        }
        return "./scenario.schema.json";
    }

    private void Instances(YamlLines y)
    {
        var i = new InstanceSpec();
        y.Key(_i, "instances", comment: Default + " (the EC2 outputs do not describe instance types)");
        y.Key(_i + 2, "memory", YamlText.Mebibytes(i.MemoryMiB));
        y.Key(_i + 2, "reservedMemory", YamlText.Mebibytes(i.ReservedMemoryMiB));
        y.Key(_i + 2, "bootTime", YamlText.Distribution(i.BootTime));
        y.Key(_i + 2, "agentReadyTime", YamlText.Distribution(i.AgentReadyTime));
        y.Key(_i + 2, "failureRatePerHour", YamlText.Number(i.FailureRatePerHour));
    }

    private void AutoScaling(YamlLines y)
    {
        var d = new AutoScalingSpec();
        y.Key(_i, "autoScaling");
        if (_asg is { } g)
        {
            y.Key(_i + 2, "desiredCapacity", YamlText.Int(g.DesiredCapacity), "DesiredCapacity");
            y.Key(_i + 2, "minSize", YamlText.Int(g.MinSize), "MinSize");
            y.Key(_i + 2, "maxSize", YamlText.Int(g.MaxSize), "MaxSize");
            HealthCheckType(y, g.HealthCheckType, d.HealthCheckType);
            y.Key(_i + 2, "healthCheckGracePeriod", g.HealthCheckGracePeriod is { } grace ? YamlText.Seconds(grace) : YamlText.Duration(d.HealthCheckGracePeriod),
                g.HealthCheckGracePeriod is null ? Default : "HealthCheckGracePeriod");
            var order = g.TerminationPolicies.FirstOrDefault(p => p is "OldestInstance" or "NewestInstance");
            y.Key(_i + 2, "terminationOrder", order ?? d.TerminationOrder.ToString(),
                order is not null ? "TerminationPolicies" : $"{Default} (TerminationPolicies: {(g.TerminationPolicies.Count > 0 ? string.Join(", ", g.TerminationPolicies) : "none")})");
            if (g.SuspendedProcesses.Count > 0) Note($"suspended processes are not modelled: {string.Join(", ", g.SuspendedProcesses)}");
        }
        else if (_fleet.TagBased)
        {
            // A tag-based deployment group deploys to the instances its tags pick: nothing launches or replaces them.
            var tags = _group!.TagFilters.Count > 0 ? string.Join(", ", _group.TagFilters) : "none";
            Note($"deployment group {_group.Name} picks its instances by tags ({tags}), with no Auto Scaling group: a fixed fleet "
                + $"(minSize = maxSize = desiredCapacity, no launch hook); the instance count is not in the inputs: {d.DesiredCapacity} is the default, set it");
            y.Comment($"a fixed fleet: deployment group {_group.Name} picks its instances by EC2 tags ({tags}), with no Auto Scaling group; "
                + "the instance count is not in the inputs: set desiredCapacity, minSize and maxSize to it", _i + 2);
            y.Key(_i + 2, "desiredCapacity", YamlText.Int(d.DesiredCapacity), Default);
            y.Key(_i + 2, "minSize", YamlText.Int(d.DesiredCapacity), "= desiredCapacity: nothing scales a fixed fleet");
            y.Key(_i + 2, "maxSize", YamlText.Int(d.DesiredCapacity), "= desiredCapacity: nothing scales a fixed fleet");
            y.Key(_i + 2, "healthCheckType", ScenarioFormat.HealthCheckType.WordOf(Scenarios.HealthCheckType.EC2), "no Auto Scaling group replaces an instance the load balancer finds unhealthy");
            y.Key(_i + 2, "healthCheckGracePeriod", YamlText.Duration(d.HealthCheckGracePeriod), Default);
            y.Key(_i + 2, "terminationOrder", d.TerminationOrder.ToString(), Default);
        }
        else
        {
            y.Comment("default: no --asg; capacity and health checks are the simulator's defaults", _i + 2);
            y.Key(_i + 2, "desiredCapacity", YamlText.Int(d.DesiredCapacity), Default);
            y.Key(_i + 2, "minSize", YamlText.Int(d.MinSize), Default);
            y.Key(_i + 2, "maxSize", YamlText.Int(d.MaxSize), Default);
            y.Key(_i + 2, "healthCheckType", ScenarioFormat.HealthCheckType.WordOf(d.HealthCheckType), Default);
            y.Key(_i + 2, "healthCheckGracePeriod", YamlText.Duration(d.HealthCheckGracePeriod), Default);
            y.Key(_i + 2, "terminationOrder", d.TerminationOrder.ToString(), Default);
        }
        LaunchHook(y);
        TerminationHooks(y);
        y.Key(_i + 2, "relaunchDelay", YamlText.Duration(d.RelaunchDelay), Default + " (an assumption of the model)");
        y.Key(_i + 2, "healthCheckPeriod", YamlText.Duration(d.HealthCheckPeriod), Default + " (an assumption of the model)");
    }

    /// <summary>HealthCheckType is a comma-separated list (<c>"ELB,EBS"</c>, AWS CLI describe-auto-scaling-groups): any list
    /// naming ELB means ELB health checks (docs/model.md#health-check-grace-period); the other types (EBS, VPC_LATTICE) are noted, not modelled.</summary>
    private void HealthCheckType(YamlLines y, string? listed, HealthCheckType fallback)
    {
        var types = (listed ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var known = types.Where(t => ScenarioFormat.HealthCheckType.TryGet(t, out _)).ToList();
        var others = types.Except(known, StringComparer.Ordinal).ToList();
        if (others.Count > 0) Note($"health check type{(others.Count == 1 ? "" : "s")} {string.Join(", ", others)} not modelled (HealthCheckType {listed})");
        if (known.Count == 0)
        {
            y.Key(_i + 2, "healthCheckType", ScenarioFormat.HealthCheckType.WordOf(fallback), listed is null ? Default : $"{Default} (HealthCheckType {listed} names neither EC2 nor ELB)");
            return;
        }
        var chosen = known.Contains("ELB") ? Scenarios.HealthCheckType.ELB : Scenarios.HealthCheckType.EC2;
        y.Key(_i + 2, "healthCheckType", ScenarioFormat.HealthCheckType.WordOf(chosen), types.Length == 1 ? "HealthCheckType" : $"HealthCheckType {listed}");
    }

    private void LaunchHook(YamlLines y)
    {
        var d = new LaunchHookSpec();
        var relevant = GroupHooks();
        string? dgHook = _group?.AutoScalingGroups.FirstOrDefault(a => _asg is null || a.Name == _asg.Name).Hook;
        var hook = relevant.FirstOrDefault(h => dgHook is not null && h.Name == dgHook)
                   ?? relevant.FirstOrDefault(h => h.Transition == LaunchTransition && h.Name.StartsWith(CodeDeployHookPrefix, StringComparison.Ordinal));
        foreach (var other in relevant.Where(h => h != hook && h.Transition != TerminatingTransition))
            Note($"lifecycle hook {other.Name} ({other.Transition}) is not modelled: the simulator models one launch hook, CodeDeploy's");
        y.Key(_i + 2, "launchHook");
        if (_fleet.TagBased)
        {
            y.Key(_i + 4, "enabled", "false", "no Auto Scaling group, so no launch hook");
        }
        else if (hook is not null)
        {
            int heartbeat = hook.HeartbeatTimeout ?? (int)d.HeartbeatTimeout.TotalSeconds;
            int global = hook.GlobalTimeout ?? Math.Min(172_800, 100 * heartbeat);
            y.Key(_i + 4, "enabled", "true", $"hook {hook.Name}");
            y.Key(_i + 4, "heartbeatTimeout", YamlText.Seconds(heartbeat), hook.HeartbeatTimeout is null ? Default : "HeartbeatTimeout");
            y.Key(_i + 4, "defaultResult", hook.DefaultResult ?? ScenarioFormat.HookResult.WordOf(d.DefaultResult), hook.DefaultResult is null ? "default: AWS's" : "DefaultResult");
            y.Key(_i + 4, "globalTimeout", YamlText.Seconds(Math.Max(global, heartbeat)), hook.GlobalTimeout is null ? "default: AWS's min(48 h, 100 × heartbeat)" : "GlobalTimeout");
        }
        else if (_hooks is not null)
        {
            y.Key(_i + 4, "enabled", "false", "describe-lifecycle-hooks shows no CodeDeploy launch hook: new instances enter service without a deployment");
            Note("no CodeDeploy launch hook in --lifecycle-hooks: new instances get no deployment when they launch");
        }
        else
        {
            y.Key(_i + 4, "enabled", "true", dgHook is not null ? $"the deployment group names hook {dgHook}" : Default);
            y.Key(_i + 4, "heartbeatTimeout", YamlText.Duration(d.HeartbeatTimeout), Default + " (CodeDeploy's observed 600 s)");
            y.Key(_i + 4, "defaultResult", ScenarioFormat.HookResult.WordOf(d.DefaultResult), Default);
            y.Key(_i + 4, "globalTimeout", YamlText.Duration(d.GlobalTimeout), Default);
        }
    }

    private void OpsWorks(YamlLines y)
    {
        if (!Notes.Any(n => n.StartsWith("opsWorks.enabled", StringComparison.Ordinal))) Notes.Add("opsWorks.enabled is written false: the AWS inputs say nothing of OpsWorks Stacks; set it true, with your setup "
            + "time, if OpsWorks sets up your instances (a start script then fails until setup is done)");
        var o = new OpsWorksSpec();
        y.Key(_i, "opsWorks", comment: "not in the AWS inputs: set enabled: true, with your setup time, if OpsWorks Stacks sets up your instances");
        y.Key(_i + 2, "enabled", YamlText.Bool(false));
        y.Key(_i + 2, "setupTime", YamlText.Distribution(o.SetupTime), Default);
        y.Key(_i + 2, "setupFailureRate", YamlText.Number(o.SetupFailureRate), Default);
        y.Key(_i + 2, "waitPollInterval", YamlText.Duration(o.WaitPollInterval), Default);
        y.Key(_i + 2, "waitMaxPolls", YamlText.Int(o.WaitMaxPolls), Default);
    }

    private void Unicorn(YamlLines y)
    {
        var u = new UnicornSpec();
        y.Key(_i, "unicorn", comment: Default + " (the application is not described by AWS)");
        y.Key(_i + 2, "workers", YamlText.Int(u.Workers));
        y.Key(_i + 2, "masterMemory", YamlText.Mebibytes(u.MasterMemoryMiB));
        y.Key(_i + 2, "workerMemory", YamlText.Mebibytes(u.WorkerMemoryMiB));
        y.Key(_i + 2, "workerMemoryGrowthPerHour", YamlText.Mebibytes(u.WorkerMemoryGrowthPerHourMiB));
        y.Key(_i + 2, "workerMemoryCap", YamlText.Mebibytes(u.WorkerMemoryCapMiB));
        y.Key(_i + 2, "bootTime", YamlText.Distribution(u.BootTime));
        y.Key(_i + 2, "workerForkInterval", YamlText.Duration(u.WorkerForkInterval));
        y.Key(_i + 2, "requestsPerSecondPerWorker", YamlText.Number(u.RequestsPerSecondPerWorker));
    }

    /// <summary>Writes the target groups the Auto Scaling group registers with and those the deployment group
    /// manages; returns their names.</summary>
    private List<string> TargetGroups(YamlLines y)
    {
        var names = new List<string>();
        var why = new Dictionary<string, string>(StringComparer.Ordinal);
        void Want(string name, string reason)
        {
            if (name.Length == 0 || why.ContainsKey(name)) return;
            names.Add(name);
            why[name] = reason;
        }
        var attached = _asg?.TargetGroupArns.Select(NameOf).ToList() ?? [];
        if (_asg is not null)
        {
            foreach (var t in _targetGroups ?? []) if (attached.Contains(t.Name) || (_group?.TargetGroups.Contains(t.Name) ?? false)) Want(t.Name, "describe-target-groups");
            foreach (var t in attached) Want(t, "from the group's TargetGroupARNs");
            foreach (var t in (_targetGroups ?? []).Where(t => !why.ContainsKey(t.Name)))
                Note($"target group {t.Name} is left out: {_asg.Name} does not register with it and the deployment group does not manage it");
        }
        else if (_fleets.Count <= 1)
        {
            foreach (var t in _targetGroups ?? []) Want(t.Name, "describe-target-groups");
        }
        foreach (var t in _group?.TargetGroups ?? []) Want(t, "the deployment group's targetGroupInfoList");
        if (_fleets.Count <= 1) foreach (var t in _attributes.Keys) Want(t, "--target-group-attributes");
        var classic = (_group?.ClassicLoadBalancers ?? []).Concat(_asg?.LoadBalancerNames ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var c in classic)
        {
            if (why.ContainsKey(c)) Note($"Classic Load Balancer {c} has the name of a target group: left out");
            else Want(c, "a Classic Load Balancer, modelled as a target group");
        }
        if (names.Count == 0)
        {
            y.Key(_i, "targetGroups", "[]", Default + ": the inputs name no target group");
            return names;
        }
        y.Key(_i, "targetGroups");
        var d = new TargetGroupSpec { Name = "" };
        foreach (var name in names)
        {
            var t = _targetGroups?.FirstOrDefault(x => x.Name == name);
            y.Item(_i + 2, "name", YamlText.Str(name), why[name]);
            if (t is null && classic.Contains(name)) Note($"Classic Load Balancer {name}: modelled as a target group with default health checks");
            else if (t is null) Note($"target group {name}: not in --target-groups, health checks are defaults");
            if (t?.TargetType is { } type && type != "instance") Note($"target group {name} has target type {type}; CodeDeploy needs instance targets");
            if (t?.HealthCheckEnabled == false) Note($"target group {name} has health checks disabled; the simulator always checks");
            var hc = new HealthCheckSpec();
            y.Key(_i + 4, "healthCheck");
            y.Key(_i + 6, "interval", t?.Interval is { } i ? YamlText.Seconds(i) : YamlText.Duration(hc.Interval), t?.Interval is null ? Default : "HealthCheckIntervalSeconds");
            y.Key(_i + 6, "timeout", t?.Timeout is { } o ? YamlText.Seconds(o) : YamlText.Duration(hc.Timeout), t?.Timeout is null ? Default : "HealthCheckTimeoutSeconds");
            y.Key(_i + 6, "healthyThreshold", YamlText.Int(t?.HealthyThreshold ?? hc.HealthyThreshold), t?.HealthyThreshold is null ? Default : "HealthyThresholdCount");
            y.Key(_i + 6, "unhealthyThreshold", YamlText.Int(t?.UnhealthyThreshold ?? hc.UnhealthyThreshold), t?.UnhealthyThreshold is null ? Default : "UnhealthyThresholdCount");
            _attributes.TryGetValue(name, out var a);
            if (a?.Algorithm is { } algorithm && algorithm != "round_robin") Note($"target group {name} balances with {algorithm}; the simulator spreads requests evenly");
            string noAttributes = a is null ? Default + $" (no --target-group-attributes {name}=FILE)" : Default;
            y.Key(_i + 4, "deregistrationDelay", a?.DeregistrationDelay is { } delay ? YamlText.Seconds(delay) : YamlText.Duration(d.DeregistrationDelay),
                a?.DeregistrationDelay is null ? noAttributes : "deregistration_delay.timeout_seconds");
            y.Key(_i + 4, "slowStart", a?.SlowStart is { } slow ? YamlText.Seconds(slow) : YamlText.Duration(d.SlowStart),
                a?.SlowStart is null ? noAttributes : "slow_start.duration_seconds");
        }
        return names;
    }
}
