using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using static DeploySim.Import.ScenarioImporter;

namespace DeploySim.Import;

// The deployment section: strategy, configuration, managed target groups, hooks, blue/green, and the horizon estimate.
internal sealed partial class ImportContext
{
    private void Deployment(YamlLines y, List<string> declared)
    {
        var d = new DeploymentSpec();
        var g = _group;
        y.Key(_i, "deployment");
        bool blueGreen = g?.DeploymentType == "BLUE_GREEN";
        y.Key(_i + 2, "strategy", ScenarioFormat.Strategy.WordOf(blueGreen ? StrategyKind.BlueGreen : StrategyKind.InPlace), g?.DeploymentType is null ? Default : "deploymentStyle.deploymentType");
        y.Key(_i + 2, "startAt", YamlText.Duration(d.StartAt!.Value), Default + ": when the simulated deployment starts");
        DeploymentConfiguration(y);
        var managed = g is null ? [] : g.TargetGroups.Concat(g.ClassicLoadBalancers).Where(declared.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (g?.DeploymentOption == "WITHOUT_TRAFFIC_CONTROL" && !blueGreen)
        {
            if (managed.Count > 0) Note("the deployment group has a load balancer but no traffic control: CodeDeploy does not block or allow traffic");
            y.Key(_i + 2, "targetGroups", "[]", "deploymentStyle.deploymentOption WITHOUT_TRAFFIC_CONTROL");
        }
        else if (managed.Count > 0)
        {
            if (managed.Count > EraRules.MaxManagedTargetGroups(Era.Current))
                throw new ScenarioException(new ScenarioError(request.DeploymentGroup ?? "", g!.At.Line, g.At.Column, "loadBalancerInfo",
                    $"{managed.Count} load balancers: CodeDeploy allows at most {EraRules.MaxManagedTargetGroups(Era.Current)}"));
            y.Key(_i + 2, "targetGroups", $"[{string.Join(", ", managed.Select(YamlText.Str))}]", "loadBalancerInfo");
        }
        else
        {
            if (blueGreen)
            {
                throw new ScenarioException(new ScenarioError(request.DeploymentGroup ?? "", g!.At.Line, g.At.Column, "loadBalancerInfo",
                    "the deployment group is blue/green but names no load balancer (targetGroupInfoList or elbInfoList); blue/green needs one"));
            }
            y.Key(_i + 2, "targetGroups", "[]", g is null ? Default + ": no --deployment-group" : "the deployment group names no load balancer");
        }
        Hooks(y);
        y.Key(_i + 2, "downloadBundleTime", YamlText.Distribution(d.DownloadBundleTime), Default + ", to be fitted (deploysim fit)");
        y.Key(_i + 2, "installTime", YamlText.Distribution(d.InstallTime), Default + ", to be fitted (deploysim fit)");
        y.Key(_i + 2, "emptyEventTime", YamlText.Distribution(d.EmptyEventTime), Default + ", to be fitted (deploysim fit): an event that runs no script");
        y.Key(_i + 2, "agentEventGap", YamlText.Distribution(d.AgentEventGap), Default + ", to be fitted (deploysim fit): the agent's wait between events");
        bool rollback = g is not null && g.AutoRollback && g.AutoRollbackEvents.Contains("DEPLOYMENT_FAILURE");
        if (g is not null && g.AutoRollback && g.AutoRollbackEvents.Contains("DEPLOYMENT_STOP_ON_REQUEST"))
            Note("automatic rollback on DEPLOYMENT_STOP_ON_REQUEST is not modelled: nobody stops a simulated deployment by hand");
        y.Key(_i + 2, "autoRollback", YamlText.Bool(rollback), g is null ? Default : rollback ? "autoRollbackConfiguration (DEPLOYMENT_FAILURE)"
            : g.AutoRollback ? "autoRollbackConfiguration: no DEPLOYMENT_FAILURE" : "autoRollbackConfiguration disabled or absent");
        y.Key(_i + 2, "ignoreApplicationStopFailures", YamlText.Bool(d.IgnoreApplicationStopFailures), Default + ": an option of each create-deployment");
        y.Key(_i + 2, "outdatedInstances", g?.OutdatedInstancesStrategy ?? ScenarioFormat.OutdatedInstances.WordOf(d.OutdatedInstances), g?.OutdatedInstancesStrategy is null ? Default : "outdatedInstancesStrategy");
        TerminationHook(y);
        BlueGreen(y, blueGreen);
        Alarm(y, declared, blueGreen);
    }

    /// <summary>The --deployment-config output when it belongs to the fleet being written: always with one fleet (a
    /// different name is noted), otherwise when the fleet's deployment group names it.</summary>
    private DeploymentConfigOutput? Config =>
        _config is { } c && (_fleets.Count <= 1 || _group?.DeploymentConfigName is null || _group.DeploymentConfigName == c.Name) ? c : null;

    private void DeploymentConfiguration(YamlLines y)
    {
        string? dgName = _group?.DeploymentConfigName;
        if (Config is { } c)
        {
            if (dgName is not null && dgName != c.Name)
                Note($"the deployment group uses {dgName} but --deployment-config describes {c.Name}: imported {c.Name}");
            if (c.Zonal) Note($"{c.Name} deploys one Availability Zone at a time (zonalConfig): not modelled");
            if (Predefined(c.Name) is { } predefined)
            {
                y.Key(_i + 2, "deploymentConfig", predefined, "deploymentConfigName");
            }
            else if (c.Type is { } type && ScenarioFormat.MinimumHealthyHostsType.TryGet(type, out _) && c.Value is { } value)
            {
                y.Key(_i + 2, "deploymentConfig", "{ " + $"name: {YamlText.Str(c.Name)}, minimumHealthyHosts: {{ type: {c.Type}, value: {YamlText.Int(value)} }}" + " }",
                    "get-deployment-config minimumHealthyHosts");
            }
            else
            {
                y.Key(_i + 2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, $"{c.Name} has minimum healthy hosts {c.Type ?? "(none)"}: written as one at a time");
                Note($"{c.Name}: minimum healthy hosts {c.Type ?? "(none)"} written as CodeDeployDefault.OneAtATime");
            }
            return;
        }
        if (dgName is null)
        {
            y.Key(_i + 2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, Default + " (CodeDeploy's default)");
        }
        else if (Predefined(dgName) is { } predefined)
        {
            y.Key(_i + 2, "deploymentConfig", predefined, "deploymentConfigName");
        }
        else
        {
            y.Key(_i + 2, "deploymentConfig", DeploymentConfig.OneAtATime.Name, $"{Default}: custom configuration {dgName}; give --deployment-config to import it");
            Note($"the deployment group uses the custom configuration {dgName}: give --deployment-config (aws deploy get-deployment-config) to import its minimum healthy hosts; written as CodeDeployDefault.OneAtATime");
        }
    }

    /// <summary>A predefined configuration's name, from the scenario's own keyword table.</summary>
    private static string? Predefined(string name) =>
        name.StartsWith("CodeDeployDefault.", StringComparison.Ordinal) && ScenarioFormat.DeploymentConfigName.TryGet(name, out _) ? name : null;

    /// <summary>The configuration the scenario will run, as the model's record (OneAtATime when nothing says otherwise).</summary>
    private DeploymentConfig ImportedConfig()
    {
        if (Config is { Type: { } type, Value: { } value } c && Predefined(c.Name) is null
            && ScenarioFormat.MinimumHealthyHostsType.TryGet(type, out var t))
            return DeploymentConfig.Custom(t, value) with { Name = c.Name };
        string name = Config?.Name ?? _group?.DeploymentConfigName ?? DeploymentConfig.OneAtATime.Name;
        return Predefined(name) is not null && ScenarioFormat.DeploymentConfigName.TryGet(name, out var predefined) ? predefined : DeploymentConfig.OneAtATime;
    }

    private void Hooks(YamlLines y)
    {
        if (_appspec is null)
        {
            y.Comment("default: no --appspec, so no hook scripts; give --appspec appspec.yml to import them", _i + 2);
            return;
        }
        WriteAppSpec(y);
        var actions = GuessActions(_appspec);
        var locations = _appspec.Events.SelectMany(e => e.Scripts.Select(s => s.Location)).Distinct(StringComparer.Ordinal).ToList();
        if (locations.Count == 0) return;
        y.Key(_i + 2, "scripts", comment: ScriptsToBeFitted + "; actions: guessed from the file names, check them");
        foreach (var location in locations)
        {
            var (action, why) = actions.TryGetValue(location, out var a) ? a : (ScriptAction.None, null);
            string value = action == ScriptAction.None
                ? "{ duration: 0s }"
                : $"{{ duration: 0s, action: {ScenarioFormat.Action.WordOf(action)} }}";
            var events = _appspec.Events.Where(e => e.Scripts.Any(s => s.Location == location)).Select(e => e.Event.ToString());
            y.Key(_i + 4, location, value, $"runs in {string.Join(", ", events)}" + (why is null ? "" : $"; {why}"));
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
        y.Key(_i + 2, "blueGreen");
        if (b?.GreenFleetAction == "DISCOVER_EXISTING")
            Note("greenFleetProvisioningOption DISCOVER_EXISTING: the simulator copies the Auto Scaling group instead");
        if (b?.TerminationAction == "KEEP_ALIVE")
        {
            y.Key(_i + 4, "keepAlive", "true", "terminateBlueInstancesOnDeploymentSuccess.action KEEP_ALIVE");
            y.Key(_i + 4, "terminationWait", YamlText.Duration(d.TerminationWait), Default + " (not used with keepAlive)");
        }
        else
        {
            y.Key(_i + 4, "keepAlive", "false", b?.TerminationAction is null ? Default : "terminateBlueInstancesOnDeploymentSuccess.action TERMINATE");
            y.Key(_i + 4, "terminationWait", b?.TerminationWaitMinutes is { } wait ? YamlText.Minutes(wait) : YamlText.Duration(d.TerminationWait),
                b?.TerminationWaitMinutes is null ? Default + " (the console's 1 hour)" : "terminationWaitTimeInMinutes");
        }
        if (b?.ReadyAction == "STOP_DEPLOYMENT")
        {
            int wait = b.ReadyWaitMinutes ?? 0;
            y.Key(_i + 4, "reroute", YamlText.Minutes(wait), "STOP_DEPLOYMENT: traffic moves when someone continues; modelled at waitTimeInMinutes, the latest it can");
        }
        else
        {
            y.Key(_i + 4, "reroute", "immediately", b?.ReadyAction is null ? Default : "deploymentReadyOption.actionOnTimeout CONTINUE_DEPLOYMENT");
        }
    }

    /// <summary>The default 12 h, or more when a rough estimate of the rollout needs it: batches × (health-check and
    /// draining waits of the managed groups + 10 min of scripts), twice for blue/green, plus its waits and an hour.</summary>
    private SimDuration Horizon(Scenario defaults)
    {
        int n = _asg?.DesiredCapacity ?? new AutoScalingSpec().DesiredCapacity;
        var rules = new DeploymentRules(ImportedConfig(), n);
        int batches = n <= 1 || rules.Config.IsOneAtATime ? Math.Max(1, n) : (n + Math.Max(1, n - rules.MinimumHealthy) - 1) / Math.Max(1, n - rules.MinimumHealthy);
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
}
