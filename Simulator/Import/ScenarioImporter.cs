using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>The files <c>deploysim import</c> reads (any subset) and the scenario it writes.</summary>
internal sealed record ImportRequest
{
    public string? AutoScalingGroups { get; init; }
    public string? LifecycleHooks { get; init; }
    public string? TargetGroups { get; init; }
    /// <summary><c>NAME=FILE</c> pairs: the attributes output does not name its target group. NAME is the group's name or ARN.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TargetGroupAttributes { get; init; } = [];
    public string? DeploymentGroup { get; init; }
    public string? DeploymentConfig { get; init; }
    public string? AppSpec { get; init; }
    public required string Out { get; init; }
}

/// <summary>What <c>deploysim import</c> wrote, and what it could not carry over.</summary>
internal sealed record ImportResult(string ScenarioPath, string? AppSpecCopy, string Text, IReadOnlyList<string> Notes);

/// <summary>Turns saved AWS CLI outputs and an appspec.yml into a scenario file (see <see cref="Build"/> for the mapping).</summary>
/// <remarks>
/// Field by field (AWS field → scenario):
/// <list type="bullet">
/// <item>describe-auto-scaling-groups: MinSize, MaxSize, DesiredCapacity → autoScaling; HealthCheckType, HealthCheckGracePeriod;
/// TerminationPolicies OldestInstance/NewestInstance → terminationOrder; TargetGroupARNs → which target groups the group
/// registers with (the names are read from the ARNs); LoadBalancerNames (Classic) → target groups with default checks.</item>
/// <item>describe-lifecycle-hooks: CodeDeploy's launch hook (autoscaling:EC2_INSTANCE_LAUNCHING, named by the deployment
/// group or CodeDeploy-managed-automatic-launch-deployment-hook-*) → autoScaling.launchHook (HeartbeatTimeout,
/// GlobalTimeout, DefaultResult); none there → launchHook.enabled false.</item>
/// <item>describe-target-groups: TargetGroupName, HealthCheckIntervalSeconds, HealthCheckTimeoutSeconds,
/// HealthyThresholdCount, UnhealthyThresholdCount → targetGroups[].healthCheck.</item>
/// <item>describe-target-group-attributes: deregistration_delay.timeout_seconds → deregistrationDelay,
/// slow_start.duration_seconds → slowStart.</item>
/// <item>get-deployment-group: deploymentStyle → deployment.strategy (and no managed target groups without traffic
/// control); loadBalancerInfo.targetGroupInfoList (and elbInfoList) → deployment.targetGroups; deploymentConfigName;
/// blueGreenDeploymentConfiguration → deployment.blueGreen (TERMINATE wait → terminationWait, KEEP_ALIVE → keepAlive,
/// CONTINUE_DEPLOYMENT → reroute immediately, STOP_DEPLOYMENT → reroute after waitTimeInMinutes);
/// autoRollbackConfiguration with DEPLOYMENT_FAILURE → autoRollback; outdatedInstancesStrategy → outdatedInstances.</item>
/// <item>get-deployment-config: minimumHealthyHosts (HOST_COUNT / FLEET_PERCENT) → deployment.deploymentConfig.</item>
/// <item>appspec.yml: referenced by a relative path (copied next to the output unless it is already there), with a
/// <c>scripts:</c> entry per script: duration 0 s (the default, to be fitted with <c>deploysim fit</c>) and an action
/// guessed from the file name (a name with "stop" stops the application, one with "start" starts it; a stop with no
/// later start is dropped, since the application would never come back).</item>
/// </list>
/// Everything else is written with the simulator's default and a comment saying so. The text is validated by the
/// scenario loader before anything is written; files are written atomically.
/// </remarks>
internal static class ScenarioImporter
{
    private const string CodeDeployHookPrefix = "CodeDeploy-managed-automatic-launch-deployment-hook";
    private const string LaunchTransition = "autoscaling:EC2_INSTANCE_LAUNCHING";
    private const string Default = "default: not in the inputs";

    /// <summary>What the <c>scripts:</c> line says until <c>deploysim fit</c> has run.</summary>
    internal const string ScriptsToBeFitted = "durations: default 0s, to be fitted (deploysim fit)";


    /// <summary>The scenario text, the appspec copy to write (if any) and the notes, validated but not written.</summary>
    internal static ImportPlan Build(ImportRequest request)
    {
        var ctx = new Context(request);
        ctx.ReadAll();
        var text = ctx.Write();
        Validate(request, text, ctx.AppSpecRelative, ctx.AppSpecText);
        return new ImportPlan(text, ctx.AppSpecCopyPath is { } p ? (p, ctx.AppSpecText!) : null, ctx.Notes);
    }

    internal sealed record ImportPlan(string Text, (string Path, string Text)? AppSpecCopy, IReadOnlyList<string> Notes);

    /// <summary>Checks the written text with the scenario loader, reading the appspec as it will be next to the output.</summary>
    private static void Validate(ImportRequest request, string text, string? appspecRelative, string? appspecText)
    {
        var outFull = Path.GetFullPath(request.Out);
        var dir = Path.GetDirectoryName(outFull) ?? ".";
        var overlay = new Dictionary<string, string>(StringComparer.Ordinal);
        if (appspecRelative is not null && appspecText is not null) overlay[appspecRelative] = appspecText;
        var files = new ScenarioFiles(dir, Path.GetDirectoryName(request.Out) ?? "", overlay);
        var errors = ScenarioDocument.Parse(text, request.Out, files).Validate();
        if (errors.Count > 0)
        {
            throw new ScenarioException([
                new ScenarioError(request.Out, 0, 0, "", "internal error: the imported scenario does not validate (nothing was written); please report it with the inputs"),
                .. errors,
            ]);
        }
    }

    private sealed class Context(ImportRequest request)
    {
        public List<string> Notes { get; } = [];
        public string? AppSpecRelative { get; private set; }
        public string? AppSpecText { get; private set; }
        public string? AppSpecCopyPath { get; private set; }

        private readonly List<string> _sources = [];
        private AsgOutput? _asg;
        private IReadOnlyList<LifecycleHookOutput>? _hooks;
        private IReadOnlyList<TargetGroupOutput>? _targetGroups;
        private readonly Dictionary<string, TargetGroupAttributesOutput> _attributes = new(StringComparer.Ordinal);
        private DeploymentGroupOutput? _group;
        private DeploymentConfigOutput? _config;
        private AppSpecHooks? _appspec;

        public void ReadAll()
        {
            if (request.DeploymentGroup is { } dgFile)
            {
                _group = AwsOutputs.DeploymentGroup(JsonInput.Read(dgFile));
                _sources.Add($"--deployment-group {dgFile} (deployment group {_group.Name})");
            }
            if (request.AutoScalingGroups is { } asgFile)
            {
                var input = JsonInput.Read(asgFile);
                _asg = ChooseGroup(input, AwsOutputs.AutoScalingGroups(input));
                _sources.Add($"--asg {asgFile} (Auto Scaling group {_asg.Name})");
            }
            if (request.LifecycleHooks is { } hooksFile)
            {
                _hooks = AwsOutputs.LifecycleHooks(JsonInput.Read(hooksFile));
                _sources.Add($"--lifecycle-hooks {hooksFile} ({_hooks.Count} hooks)");
            }
            if (request.TargetGroups is { } tgFile)
            {
                _targetGroups = AwsOutputs.TargetGroups(JsonInput.Read(tgFile));
                _sources.Add($"--target-groups {tgFile} ({string.Join(", ", _targetGroups.Select(t => t.Name))})");
            }
            foreach (var (name, file) in request.TargetGroupAttributes)
            {
                var attributes = AwsOutputs.TargetGroupAttributes(JsonInput.Read(file));
                string key = NameOf(name);
                if (_targetGroups is not null && !_targetGroups.Any(t => t.Name == key))
                {
                    throw new ScenarioException(new ScenarioError("--target-group-attributes", 0, 0, "",
                        $"'{name}={file}': no target group '{key}' in {request.TargetGroups} (it has {string.Join(", ", _targetGroups.Select(t => t.Name))})"));
                }
                if (!_attributes.TryAdd(key, attributes))
                    throw new ScenarioException(new ScenarioError("--target-group-attributes", 0, 0, "", $"target group '{key}' is given twice"));
                _sources.Add($"--target-group-attributes {key}={file}");
            }
            if (request.DeploymentConfig is { } configFile)
            {
                _config = AwsOutputs.DeploymentConfig(JsonInput.Read(configFile));
                _sources.Add($"--deployment-config {configFile} ({_config.Name})");
            }
            if (request.AppSpec is { } appspecFile) ReadAppSpec(appspecFile);
        }

        /// <summary>A target group named by name or by ARN (…:targetgroup/NAME/id).</summary>
        private static string NameOf(string nameOrArn)
        {
            int at = nameOrArn.IndexOf(":targetgroup/", StringComparison.Ordinal);
            if (at < 0) return nameOrArn;
            var rest = nameOrArn[(at + ":targetgroup/".Length)..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? rest : rest[..slash];
        }

        private AsgOutput ChooseGroup(JsonInput input, IReadOnlyList<AsgOutput> groups)
        {
            var named = _group?.AutoScalingGroups.Select(a => a.Name).ToList() ?? [];
            if (named.Count > 0 && groups.FirstOrDefault(g => named.Contains(g.Name)) is { } match)
            {
                if (named.Count > 1) Notes.Add($"the deployment group has {named.Count} Auto Scaling groups ({string.Join(", ", named)}); the simulator models one: {match.Name}");
                return match;
            }
            if (groups.Count == 1)
            {
                if (named.Count > 0) Notes.Add($"the deployment group names {string.Join(", ", named)}, but --asg describes {groups[0].Name}: imported {groups[0].Name}");
                return groups[0];
            }
            input.Error(input.Root, $"the output describes {groups.Count} Auto Scaling groups ({string.Join(", ", groups.Select(g => g.Name))}): "
                + "save one ('aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names NAME') or give --deployment-group to choose");
            throw new ScenarioException(input.Errors);
        }

        private void ReadAppSpec(string path)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full) ?? ".";
            var read = new ReadContext(new ScenarioFiles(dir, Path.GetDirectoryName(path) ?? ""));
            var at = new YamlScalar("--appspec", 0, 0, path, isPlain: true);
            _appspec = AppSpecReader.Read(read, Path.GetFileName(full), at, "--appspec");
            if (read.Errors.Count > 0 || _appspec is null)
                throw new ScenarioException(read.Errors.Count > 0 ? read.Errors : [new ScenarioError(path, 0, 0, "", "cannot read the appspec")]);
            AppSpecText = File.ReadAllText(full);
            var outFull = Path.GetFullPath(request.Out);
            var outDir = Path.GetDirectoryName(outFull) ?? ".";
            if (string.Equals(Path.GetFullPath(outDir), dir, StringComparison.Ordinal))
            {
                AppSpecRelative = Path.GetFileName(full);
            }
            else
            {
                AppSpecRelative = Path.GetFileNameWithoutExtension(outFull) + ".appspec.yml";
                AppSpecCopyPath = Path.Combine(outDir, AppSpecRelative);
            }
            _sources.Add($"--appspec {path}" + (AppSpecCopyPath is null ? "" : $" (copied to {AppSpecRelative})"));
        }

        public string Write()
        {
            var y = new YamlLines();
            y.Raw($"# yaml-language-server: $schema={SchemaPath()}");
            y.Comment("Imported by 'deploysim import' from:");
            foreach (var s in _sources) y.Comment("  " + s);
            y.Comment("Fields marked 'default' were not in the inputs: they hold the simulator's defaults; check them. "
                + "Durations of the lifecycle events are defaults too: fit them to past deployments with "
                + $"'deploysim fit --targets TARGETS.json... --scenario {Path.GetFileName(request.Out)} --out FITTED.yaml'.");
            string name = _group?.Name ?? _asg?.Name ?? "imported";
            y.Key(0, "name", YamlText.Str(name), _group is not null ? "the deployment group's name" : _asg is not null ? "the Auto Scaling group's name" : Default);
            var d = new Scenario { Name = "", Fleets = [] };
            y.Key(0, "seed", YamlText.Int((long)d.Seed), Default);
            y.Key(0, "replications", YamlText.Int(d.Replications), Default);
            var horizon = Horizon(d);
            y.Key(0, "horizon", YamlText.Duration(horizon), horizon == d.Horizon ? Default : "estimated to cover the rollout; raise it if runs end unfinished");
            Instances(y);
            AutoScaling(y);
            OpsWorks(y);
            var targetGroups = TargetGroups(y);
            Unicorn(y);
            y.Key(0, "traffic").Key(2, "requestsPerSecond", YamlText.Number(new TrafficSpec().RequestsPerSecond), Default + ": set the demand to see serving capacity");
            Deployment(y, targetGroups);
            return y.ToString();
        }

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

        private static void Instances(YamlLines y)
        {
            var i = new InstanceSpec();
            y.Key(0, "instances", comment: Default + " (the EC2 outputs do not describe instance types)");
            y.Key(2, "memory", YamlText.Mebibytes(i.MemoryMiB));
            y.Key(2, "reservedMemory", YamlText.Mebibytes(i.ReservedMemoryMiB));
            y.Key(2, "bootTime", YamlText.Distribution(i.BootTime));
            y.Key(2, "agentReadyTime", YamlText.Distribution(i.AgentReadyTime));
            y.Key(2, "failureRatePerHour", YamlText.Number(i.FailureRatePerHour));
        }

        private void AutoScaling(YamlLines y)
        {
            var d = new AutoScalingSpec();
            y.Key(0, "autoScaling");
            if (_asg is { } g)
            {
                y.Key(2, "desiredCapacity", YamlText.Int(g.DesiredCapacity), "DesiredCapacity");
                y.Key(2, "minSize", YamlText.Int(g.MinSize), "MinSize");
                y.Key(2, "maxSize", YamlText.Int(g.MaxSize), "MaxSize");
                if (g.HealthCheckType is "EC2" or "ELB")
                {
                    y.Key(2, "healthCheckType", g.HealthCheckType, "HealthCheckType");
                }
                else
                {
                    y.Key(2, "healthCheckType", d.HealthCheckType.ToString(), g.HealthCheckType is null ? Default : $"{Default} (HealthCheckType {g.HealthCheckType} is not modelled)");
                    if (g.HealthCheckType is not null) Notes.Add($"health check type {g.HealthCheckType} is not modelled: written as {d.HealthCheckType}");
                }
                y.Key(2, "healthCheckGracePeriod", g.HealthCheckGracePeriod is { } grace ? YamlText.Seconds(grace) : YamlText.Duration(d.HealthCheckGracePeriod),
                    g.HealthCheckGracePeriod is null ? Default : "HealthCheckGracePeriod");
                var order = g.TerminationPolicies.FirstOrDefault(p => p is "OldestInstance" or "NewestInstance");
                y.Key(2, "terminationOrder", order ?? d.TerminationOrder.ToString(),
                    order is not null ? "TerminationPolicies" : $"{Default} (TerminationPolicies: {(g.TerminationPolicies.Count > 0 ? string.Join(", ", g.TerminationPolicies) : "none")})");
                if (g.SuspendedProcesses.Count > 0) Notes.Add($"suspended processes are not modelled: {string.Join(", ", g.SuspendedProcesses)}");
            }
            else
            {
                y.Comment("default: no --asg; capacity and health checks are the simulator's defaults", 2);
                y.Key(2, "desiredCapacity", YamlText.Int(d.DesiredCapacity), Default);
                y.Key(2, "minSize", YamlText.Int(d.MinSize), Default);
                y.Key(2, "maxSize", YamlText.Int(d.MaxSize), Default);
                y.Key(2, "healthCheckType", d.HealthCheckType.ToString(), Default);
                y.Key(2, "healthCheckGracePeriod", YamlText.Duration(d.HealthCheckGracePeriod), Default);
                y.Key(2, "terminationOrder", d.TerminationOrder.ToString(), Default);
            }
            LaunchHook(y);
            y.Key(2, "relaunchDelay", YamlText.Duration(d.RelaunchDelay), Default + " (an assumption of the model)");
            y.Key(2, "healthCheckPeriod", YamlText.Duration(d.HealthCheckPeriod), Default + " (an assumption of the model)");
        }

        private void LaunchHook(YamlLines y)
        {
            var d = new LaunchHookSpec();
            var relevant = (_hooks ?? []).Where(h => _asg is null || h.GroupName is null || h.GroupName == _asg.Name).ToList();
            string? dgHook = _group?.AutoScalingGroups.FirstOrDefault(a => _asg is null || a.Name == _asg.Name).Hook;
            var hook = relevant.FirstOrDefault(h => dgHook is not null && h.Name == dgHook)
                       ?? relevant.FirstOrDefault(h => h.Transition == LaunchTransition && h.Name.StartsWith(CodeDeployHookPrefix, StringComparison.Ordinal));
            foreach (var other in relevant.Where(h => h != hook))
                Notes.Add($"lifecycle hook {other.Name} ({other.Transition}) is not modelled: the simulator models CodeDeploy's launch hook only");
            y.Key(2, "launchHook");
            if (hook is not null)
            {
                int heartbeat = hook.HeartbeatTimeout ?? (int)d.HeartbeatTimeout.TotalSeconds;
                int global = hook.GlobalTimeout ?? Math.Min(172_800, 100 * heartbeat);
                y.Key(4, "enabled", "true", $"hook {hook.Name}");
                y.Key(4, "heartbeatTimeout", YamlText.Seconds(heartbeat), hook.HeartbeatTimeout is null ? Default : "HeartbeatTimeout");
                y.Key(4, "defaultResult", hook.DefaultResult ?? "ABANDON", hook.DefaultResult is null ? "default: AWS's" : "DefaultResult");
                y.Key(4, "globalTimeout", YamlText.Seconds(Math.Max(global, heartbeat)), hook.GlobalTimeout is null ? "default: AWS's min(48 h, 100 × heartbeat)" : "GlobalTimeout");
            }
            else if (_hooks is not null)
            {
                y.Key(4, "enabled", "false", "describe-lifecycle-hooks shows no CodeDeploy launch hook: new instances enter service without a deployment");
                Notes.Add("no CodeDeploy launch hook in --lifecycle-hooks: new instances get no deployment when they launch");
            }
            else
            {
                y.Key(4, "enabled", "true", dgHook is not null ? $"the deployment group names hook {dgHook}" : Default);
                y.Key(4, "heartbeatTimeout", YamlText.Duration(d.HeartbeatTimeout), Default + " (CodeDeploy's observed 600 s)");
                y.Key(4, "defaultResult", "ABANDON", Default);
                y.Key(4, "globalTimeout", YamlText.Duration(d.GlobalTimeout), Default);
            }
        }

        private void OpsWorks(YamlLines y)
        {
            Notes.Add("opsWorks.enabled is written false: the AWS inputs say nothing of OpsWorks Stacks; set it true, with your setup "
                + "time, if OpsWorks sets up your instances (a start script then fails until setup is done)");
            var o = new OpsWorksSpec();
            y.Key(0, "opsWorks", comment: "not in the AWS inputs: set enabled: true, with your setup time, if OpsWorks Stacks sets up your instances");
            y.Key(2, "enabled", YamlText.Bool(false));
            y.Key(2, "setupTime", YamlText.Distribution(o.SetupTime), Default);
            y.Key(2, "setupFailureRate", YamlText.Number(o.SetupFailureRate), Default);
            y.Key(2, "waitPollInterval", YamlText.Duration(o.WaitPollInterval), Default);
            y.Key(2, "waitMaxPolls", YamlText.Int(o.WaitMaxPolls), Default);
        }

        private static void Unicorn(YamlLines y)
        {
            var u = new UnicornSpec();
            y.Key(0, "unicorn", comment: Default + " (the application is not described by AWS)");
            y.Key(2, "workers", YamlText.Int(u.Workers));
            y.Key(2, "masterMemory", YamlText.Mebibytes(u.MasterMemoryMiB));
            y.Key(2, "workerMemory", YamlText.Mebibytes(u.WorkerMemoryMiB));
            y.Key(2, "workerMemoryGrowthPerHour", YamlText.Mebibytes(u.WorkerMemoryGrowthPerHourMiB));
            y.Key(2, "workerMemoryCap", YamlText.Mebibytes(u.WorkerMemoryCapMiB));
            y.Key(2, "bootTime", YamlText.Distribution(u.BootTime));
            y.Key(2, "workerForkInterval", YamlText.Duration(u.WorkerForkInterval));
            y.Key(2, "requestsPerSecondPerWorker", YamlText.Number(u.RequestsPerSecondPerWorker));
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
                    Notes.Add($"target group {t.Name} is left out: {_asg.Name} does not register with it and the deployment group does not manage it");
            }
            else
            {
                foreach (var t in _targetGroups ?? []) Want(t.Name, "describe-target-groups");
            }
            foreach (var t in _group?.TargetGroups ?? []) Want(t, "the deployment group's targetGroupInfoList");
            foreach (var t in _attributes.Keys) Want(t, "--target-group-attributes");
            var classic = (_group?.ClassicLoadBalancers ?? []).Concat(_asg?.LoadBalancerNames ?? []).Distinct(StringComparer.Ordinal).ToList();
            foreach (var c in classic)
            {
                if (why.ContainsKey(c)) Notes.Add($"Classic Load Balancer {c} has the name of a target group: left out");
                else Want(c, "a Classic Load Balancer, modelled as a target group");
            }
            if (names.Count == 0)
            {
                y.Key(0, "targetGroups", "[]", Default + ": the inputs name no target group");
                return names;
            }
            y.Key(0, "targetGroups");
            var d = new TargetGroupSpec { Name = "" };
            foreach (var name in names)
            {
                var t = _targetGroups?.FirstOrDefault(x => x.Name == name);
                y.Item(2, "name", YamlText.Str(name), why[name]);
                if (t is null && classic.Contains(name)) Notes.Add($"Classic Load Balancer {name}: modelled as a target group with default health checks");
                else if (t is null) Notes.Add($"target group {name}: not in --target-groups, health checks are defaults");
                if (t?.TargetType is { } type && type != "instance") Notes.Add($"target group {name} has target type {type}; CodeDeploy needs instance targets");
                if (t?.HealthCheckEnabled == false) Notes.Add($"target group {name} has health checks disabled; the simulator always checks");
                var hc = new HealthCheckSpec();
                y.Key(4, "healthCheck");
                y.Key(6, "interval", t?.Interval is { } i ? YamlText.Seconds(i) : YamlText.Duration(hc.Interval), t?.Interval is null ? Default : "HealthCheckIntervalSeconds");
                y.Key(6, "timeout", t?.Timeout is { } o ? YamlText.Seconds(o) : YamlText.Duration(hc.Timeout), t?.Timeout is null ? Default : "HealthCheckTimeoutSeconds");
                y.Key(6, "healthyThreshold", YamlText.Int(t?.HealthyThreshold ?? hc.HealthyThreshold), t?.HealthyThreshold is null ? Default : "HealthyThresholdCount");
                y.Key(6, "unhealthyThreshold", YamlText.Int(t?.UnhealthyThreshold ?? hc.UnhealthyThreshold), t?.UnhealthyThreshold is null ? Default : "UnhealthyThresholdCount");
                _attributes.TryGetValue(name, out var a);
                if (a?.Algorithm is { } algorithm && algorithm != "round_robin") Notes.Add($"target group {name} balances with {algorithm}; the simulator spreads requests evenly");
                string noAttributes = a is null ? Default + $" (no --target-group-attributes {name}=FILE)" : Default;
                y.Key(4, "deregistrationDelay", a?.DeregistrationDelay is { } delay ? YamlText.Seconds(delay) : YamlText.Duration(d.DeregistrationDelay),
                    a?.DeregistrationDelay is null ? noAttributes : "deregistration_delay.timeout_seconds");
                y.Key(4, "slowStart", a?.SlowStart is { } slow ? YamlText.Seconds(slow) : YamlText.Duration(d.SlowStart),
                    a?.SlowStart is null ? noAttributes : "slow_start.duration_seconds");
            }
            return names;
        }

        private void Deployment(YamlLines y, List<string> declared)
        {
            var d = new DeploymentSpec();
            var g = _group;
            y.Key(0, "deployment");
            bool blueGreen = g?.DeploymentType == "BLUE_GREEN";
            y.Key(2, "strategy", blueGreen ? "blue-green" : "in-place", g?.DeploymentType is null ? Default : "deploymentStyle.deploymentType");
            y.Key(2, "startAt", YamlText.Duration(d.StartAt!.Value), Default + ": when the simulated deployment starts");
            DeploymentConfiguration(y);
            var managed = g is null ? [] : g.TargetGroups.Concat(g.ClassicLoadBalancers).Where(declared.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (g?.DeploymentOption == "WITHOUT_TRAFFIC_CONTROL" && !blueGreen)
            {
                if (managed.Count > 0) Notes.Add("the deployment group has a load balancer but no traffic control: CodeDeploy does not block or allow traffic");
                y.Key(2, "targetGroups", "[]", "deploymentStyle.deploymentOption WITHOUT_TRAFFIC_CONTROL");
            }
            else if (managed.Count > 0)
            {
                if (managed.Count > ScenarioMapper.MaxDeploymentTargetGroups)
                    throw new ScenarioException(new ScenarioError(request.DeploymentGroup ?? "", g!.At.Line, g.At.Column, "loadBalancerInfo",
                        $"{managed.Count} load balancers: CodeDeploy allows at most {ScenarioMapper.MaxDeploymentTargetGroups}"));
                y.Key(2, "targetGroups", $"[{string.Join(", ", managed.Select(YamlText.Str))}]", "loadBalancerInfo");
            }
            else
            {
                if (blueGreen)
                {
                    throw new ScenarioException(new ScenarioError(request.DeploymentGroup ?? "", g!.At.Line, g.At.Column, "loadBalancerInfo",
                        "the deployment group is blue/green but names no load balancer (targetGroupInfoList or elbInfoList); blue/green needs one"));
                }
                y.Key(2, "targetGroups", "[]", g is null ? Default + ": no --deployment-group" : "the deployment group names no load balancer");
            }
            Hooks(y);
            y.Key(2, "downloadBundleTime", YamlText.Distribution(d.DownloadBundleTime), Default + ", to be fitted (deploysim fit)");
            y.Key(2, "installTime", YamlText.Distribution(d.InstallTime), Default + ", to be fitted (deploysim fit)");
            bool rollback = g is not null && g.AutoRollback && g.AutoRollbackEvents.Contains("DEPLOYMENT_FAILURE");
            if (g is not null && g.AutoRollback && !rollback)
                Notes.Add($"automatic rollback on {string.Join(", ", g.AutoRollbackEvents)} only: the simulator rolls back on deployment failure, so it is off");
            if (g?.AlarmsEnabled == true) Notes.Add("CloudWatch alarms of the deployment group are not modelled");
            y.Key(2, "autoRollback", YamlText.Bool(rollback), g is null ? Default : "autoRollbackConfiguration (DEPLOYMENT_FAILURE)");
            y.Key(2, "ignoreApplicationStopFailures", YamlText.Bool(d.IgnoreApplicationStopFailures), Default + ": an option of each create-deployment");
            y.Key(2, "outdatedInstances", g?.OutdatedInstancesStrategy ?? "UPDATE", g?.OutdatedInstancesStrategy is null ? Default : "outdatedInstancesStrategy");
            BlueGreen(y, blueGreen);
        }

        private void DeploymentConfiguration(YamlLines y)
        {
            string? dgName = _group?.DeploymentConfigName;
            if (_config is { } c)
            {
                if (dgName is not null && dgName != c.Name)
                    Notes.Add($"the deployment group uses {dgName} but --deployment-config describes {c.Name}: imported {c.Name}");
                if (c.Zonal) Notes.Add($"{c.Name} deploys one Availability Zone at a time (zonalConfig): not modelled");
                if (Predefined(c.Name) is { } predefined)
                {
                    y.Key(2, "deploymentConfig", predefined, "deploymentConfigName");
                }
                else if (c.Type is "HOST_COUNT" or "FLEET_PERCENT" && c.Value is { } value)
                {
                    y.Key(2, "deploymentConfig", "{ " + $"name: {YamlText.Str(c.Name)}, minimumHealthyHosts: {{ type: {c.Type}, value: {YamlText.Int(value)} }}" + " }",
                        "get-deployment-config minimumHealthyHosts");
                }
                else
                {
                    y.Key(2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, $"{c.Name} has minimum healthy hosts {c.Type ?? "(none)"}: written as one at a time");
                    Notes.Add($"{c.Name}: minimum healthy hosts {c.Type ?? "(none)"} written as CodeDeployDefault.OneAtATime");
                }
                return;
            }
            if (dgName is null)
            {
                y.Key(2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, Default + " (CodeDeploy's default)");
            }
            else if (Predefined(dgName) is { } predefined)
            {
                y.Key(2, "deploymentConfig", predefined, "deploymentConfigName");
            }
            else
            {
                y.Key(2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, $"{Default}: custom configuration {dgName}; give --deployment-config to import it");
                Notes.Add($"the deployment group uses the custom configuration {dgName}: give --deployment-config (aws deploy get-deployment-config) to import its minimum healthy hosts; written as CodeDeployDefault.OneAtATime");
            }
        }

        private static string? Predefined(string name) =>
            name is "CodeDeployDefault.OneAtATime" or "CodeDeployDefault.HalfAtATime" or "CodeDeployDefault.AllAtOnce" ? name : null;

        private void Hooks(YamlLines y)
        {
            if (_appspec is null)
            {
                y.Comment("default: no --appspec, so no hook scripts; give --appspec appspec.yml to import them", 2);
                return;
            }
            y.Key(2, "appspec", YamlText.Str(AppSpecRelative!), AppSpecCopyPath is null ? "--appspec" : $"a copy of {request.AppSpec}");
            var actions = GuessActions(_appspec);
            var locations = _appspec.Events.SelectMany(e => e.Scripts.Select(s => s.Location)).Distinct(StringComparer.Ordinal).ToList();
            if (locations.Count == 0) return;
            y.Key(2, "scripts", comment: ScriptsToBeFitted + "; actions: guessed from the file names, check them");
            foreach (var location in locations)
            {
                var (action, why) = actions.TryGetValue(location, out var a) ? a : (ScriptAction.None, null);
                string value = action == ScriptAction.None
                    ? "{ duration: 0s }"
                    : $"{{ duration: 0s, action: {ScenarioFormat.Action.WordOf(action)} }}";
                var events = _appspec.Events.Where(e => e.Scripts.Any(s => s.Location == location)).Select(e => e.Event.ToString());
                y.Key(4, location, value, $"runs in {string.Join(", ", events)}" + (why is null ? "" : $"; {why}"));
            }
        }

        /// <summary>Actions guessed from script names: "stop" stops the application, "start" (or "restart") starts it.
        /// A stop that no later script undoes is dropped: the model's application would never serve again.</summary>
        internal static Dictionary<string, (ScriptAction Action, string? Why)> GuessActions(AppSpecHooks appspec)
        {
            var result = new Dictionary<string, (ScriptAction, string?)>(StringComparer.Ordinal);
            var ordered = appspec.Events.OrderBy(e => e.Event).SelectMany(e => e.Scripts.Select(s => (e.Event, s.Location))).ToList();
            foreach (var (_, location) in ordered)
            {
                string file = Path.GetFileNameWithoutExtension(location).ToLowerInvariant();
                bool stop = file.Contains("stop", StringComparison.Ordinal);
                bool start = file.Contains("start", StringComparison.Ordinal);
                if (stop && !start) result[location] = (ScriptAction.StopApplication, "stopApplication guessed from the name");
                else if (start && !stop) result[location] = (ScriptAction.StartApplication, "startApplication guessed from the name");
            }
            int lastStart = ordered.FindLastIndex(x => result.TryGetValue(x.Location, out var a) && a.Item1 == ScriptAction.StartApplication);
            for (int i = 0; i < ordered.Count; i++)
            {
                var location = ordered[i].Location;
                if (result.TryGetValue(location, out var a) && a.Item1 == ScriptAction.StopApplication && i > lastStart)
                    result[location] = (ScriptAction.None, "its name says stop, but no later script starts the application: no action");
            }
            return result;
        }

        private void BlueGreen(YamlLines y, bool blueGreen)
        {
            var d = new BlueGreenSpec();
            var b = _group?.BlueGreen;
            if (!blueGreen && b is null) return;
            y.Key(2, "blueGreen");
            if (b?.GreenFleetAction == "DISCOVER_EXISTING")
                Notes.Add("greenFleetProvisioningOption DISCOVER_EXISTING: the simulator copies the Auto Scaling group instead");
            if (b?.TerminationAction == "KEEP_ALIVE")
            {
                y.Key(4, "keepAlive", "true", "terminateBlueInstancesOnDeploymentSuccess.action KEEP_ALIVE");
                y.Key(4, "terminationWait", YamlText.Duration(d.TerminationWait), Default + " (not used with keepAlive)");
            }
            else
            {
                y.Key(4, "keepAlive", "false", b?.TerminationAction is null ? Default : "terminateBlueInstancesOnDeploymentSuccess.action TERMINATE");
                y.Key(4, "terminationWait", b?.TerminationWaitMinutes is { } wait ? YamlText.Minutes(wait) : YamlText.Duration(d.TerminationWait),
                    b?.TerminationWaitMinutes is null ? Default + " (the console's 1 hour)" : "terminationWaitTimeInMinutes");
            }
            if (b?.ReadyAction == "STOP_DEPLOYMENT")
            {
                int wait = b.ReadyWaitMinutes ?? 0;
                y.Key(4, "reroute", YamlText.Minutes(wait), "STOP_DEPLOYMENT: traffic moves when someone continues; modelled at waitTimeInMinutes, the latest it can");
            }
            else
            {
                y.Key(4, "reroute", "immediately", b?.ReadyAction is null ? Default : "deploymentReadyOption.actionOnTimeout CONTINUE_DEPLOYMENT");
            }
        }

        /// <summary>The default 12 h, or more when a rough estimate of the rollout needs it: batches × (health-check and
        /// draining waits of the managed groups + 10 min of scripts), twice for blue/green, plus its waits and an hour.</summary>
        private SimDuration Horizon(Scenario defaults)
        {
            int n = _asg?.DesiredCapacity ?? new AutoScalingSpec().DesiredCapacity;
            int batches = Batches(n);
            double perBatch = 600;
            foreach (var name in _group?.TargetGroups ?? [])
            {
                var t = _targetGroups?.FirstOrDefault(x => x.Name == name);
                double interval = t?.Interval ?? 30, healthy = t?.HealthyThreshold ?? 5;
                double delay = _attributes.TryGetValue(name, out var a) && a.DeregistrationDelay is { } dd ? dd : 300;
                perBatch = Math.Max(perBatch, 600 + (2 * ((healthy * interval) + interval)) + delay);
            }
            double seconds = 3600 + (batches * perBatch);
            if (_group?.DeploymentType == "BLUE_GREEN")
            {
                seconds = 3600 + 1800 + (2 * batches * perBatch) + (60.0 * (_group.BlueGreen?.TerminationWaitMinutes ?? 60)) + (60.0 * (_group.BlueGreen?.ReadyWaitMinutes ?? 0));
            }
            seconds += 3600;
            var estimate = SimDuration.FromHours((long)Math.Ceiling(seconds / 3600));
            return estimate > defaults.Horizon ? estimate : defaults.Horizon;
        }

        private int Batches(int n)
        {
            if (n <= 1) return 1;
            string name = _config?.Name ?? _group?.DeploymentConfigName ?? "CodeDeployDefault.OneAtATime";
            int minHealthy = name switch
            {
                "CodeDeployDefault.AllAtOnce" => 0,
                "CodeDeployDefault.HalfAtATime" => (n + 1) / 2,
                _ when _config is { Type: "HOST_COUNT", Value: { } v } => v,
                _ when _config is { Type: "FLEET_PERCENT", Value: { } p } => (int)Math.Ceiling(p * n / 100.0),
                _ => n - 1,
            };
            int batch = Math.Max(1, n - minHealthy);
            return (n + batch - 1) / batch;
        }
    }

}
