using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>The scenario format's vocabulary: the keys each kind of mapping accepts ("shapes") and the closed word sets.
/// The loader rejects any other key (with a did-you-mean); a test checks that scenario.schema.json says the same.</summary>
internal static class ScenarioFormat
{
    /// <summary>Allowed keys per shape (appspec.yml has its own reader, <see cref="AppSpecReader"/>).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Shapes = new Dictionary<string, IReadOnlyList<string>>
    {
        ["scenario"] = ["name", "seed", "replications", "horizon", "eventBudget", "era", "kind", "instances", "autoScaling", "opsWorks", "targetGroups", "unicorn", "traffic", "deployment", "fleets", "pipeline", "slo", "events"],
        ["fleet"] = ["name", "kind", "instances", "autoScaling", "opsWorks", "targetGroups", "unicorn", "traffic", "deployment", "slo", "events"],
        ["event"] = ["at", "zoneImpaired", "for"],
        ["pipeline"] = ["mergeAt", "stages"],
        ["stage"] = ["name", "actions"],
        ["pipelineAction"] = ["name", "kind", "duration", "fleet"],
        ["instances"] = ["memory", "reservedMemory", "bootTime", "agentReadyTime", "failureRatePerHour"],
        ["autoScaling"] = ["desiredCapacity", "minSize", "maxSize", "healthCheckType", "healthCheckGracePeriod", "scheduledActions", "terminationOrder", "launchHook", "relaunchDelay", "relaunchDelayMax", "healthCheckPeriod", "availabilityZones", "terminationHooks", "warmPool"],
        ["terminationHook"] = ["name", "heartbeatTimeout", "completeAfter"],
        ["warmPool"] = ["poolState", "minSize", "maxGroupPreparedCapacity", "reuseOnScaleIn", "startTime"],
        ["scheduledAction"] = ["at", "desiredCapacity", "minSize", "maxSize"],
        ["launchHook"] = ["enabled", "heartbeatTimeout", "defaultResult", "globalTimeout"],
        ["opsWorks"] = ["enabled", "setupTime", "setupFailureRate", "waitPollInterval", "waitMaxPolls"],
        ["targetGroup"] = ["name", "healthCheck", "deregistrationDelay", "slowStart", "initialHealthyChecks", "drainImmediatelyWhenIdle", "connectionsCloseWhenIdle"],
        ["healthCheck"] = ["interval", "timeout", "healthyThreshold", "unhealthyThreshold", "mode"],
        ["unicorn"] = ["workers", "masterMemory", "workerMemory", "workerMemoryGrowthPerHour", "workerMemoryCap", "bootTime", "workerForkInterval", "requestsPerSecondPerWorker", "sharedMemory", "uptimeAtDeploy", "workerMemoryLimit", "backlog"],
        ["traffic"] = ["requestsPerSecond", "profile", "bursts", "share", "serviceTime", "timeout", "routing", "mode", "overloadFailsHealthChecks"],
        ["slo"] = ["latencyMs", "percentile", "availability"],
        ["trafficPoint"] = ["at", "requestsPerSecond"],
        ["burst"] = ["at", "for", "factor", "ramp"],
        ["deployment"] = ["strategy", "startAt", "deploymentConfig", "targetGroups", "appspec", "hooks", "scripts", "defaultScriptDuration", "downloadBundleTime", "installTime", "emptyEventTime", "agentEventGap", "trafficPollInterval", "extraTrafficInterval", "blockTrafficWaitsHealthCheckEstimate", "trafficWaitTimeout", "autoRollback", "ignoreApplicationStopFailures", "outdatedInstances", "terminatedInstanceDelay", "terminationHookEnabled", "terminationHookTimeout", "blueGreen", "gracefulRestart", "badRevision", "recovery", "alarm", "instanceRefresh", "zonalConfig"],
        ["zonalConfig"] = ["firstZoneMonitorDuration", "monitorDuration", "minimumHealthyHostsPerZone"],
        ["instanceRefresh"] = ["minHealthyPercentage", "maxHealthyPercentage", "instanceWarmup", "checkpointPercentages", "checkpointDelay", "skipMatching", "autoRollback", "alarms", "codeDeployLaunchHook"],
        ["alarm"] = ["metric", "threshold", "period", "evaluationPeriods", "datapointsToAlarm", "publishLag", "pollLag", "targetGroup"],
        ["badRevision"] = ["validateServiceFailureRate", "requestFailureRate", "detectionDelay"],
        ["recovery"] = ["revertLeadTime", "rerouteBackDelay", "rollbackDelay"],
        ["script"] = ["duration", "failureRate", "action", "targetGroup", "processes"],
        ["hookScript"] = ["location", "timeout", "runas", "duration", "failureRate", "action", "targetGroup", "processes"],
        ["deploymentConfig"] = ["name", "minimumHealthyHosts"],
        ["minimumHealthyHosts"] = ["type", "value"],
        ["blueGreen"] = ["terminationWait", "keepAlive", "reroute", "copiedGroupHealthCheckType", "copiedGroupHealthCheckGracePeriod"],
        ["gracefulRestart"] = ["hosts", "waitBetweenHosts", "codeUpdateTime", "quitOldMaster", "quitDelay"],
        ["distribution"] = ["uniform", "normal", "lognormal", "exponential", "empirical"],
        ["normal"] = ["mean", "sd"],
        ["lognormal"] = ["median", "p90"],
        ["exponential"] = ["mean"],
    };

    public static readonly Keywords<StrategyKind> Strategy = new("strategy", "a strategy",
        ("in-place", StrategyKind.InPlace), ("blue-green", StrategyKind.BlueGreen), ("graceful-restart", StrategyKind.GracefulRestart), ("instance-refresh", StrategyKind.InstanceRefresh));

    /// <summary><c>era</c>: the AWS whose defaults the scenario takes (docs/model.md#aws-eras).</summary>
    public static readonly Keywords<Era> Era = new("era", "an era", ("2018", Scenarios.Era.Y2018), ("current", Scenarios.Era.Current));

    public static readonly Keywords<HealthCheckType> HealthCheckType = new("healthCheckType", "a health check type",
        ("EC2", Scenarios.HealthCheckType.EC2), ("ELB", Scenarios.HealthCheckType.ELB));

    public static readonly Keywords<HealthCheckMode> HealthCheckMode = new("healthCheckMode", "a health check mode",
        ("crossings", Scenarios.HealthCheckMode.Crossings), ("events", Scenarios.HealthCheckMode.Events));

    public static readonly Keywords<TerminationOrder> TerminationOrder = new("terminationOrder", "a termination order",
        ("OldestInstance", Scenarios.TerminationOrder.OldestInstance), ("NewestInstance", Scenarios.TerminationOrder.NewestInstance));

    public static readonly Keywords<LifecycleHookResult> HookResult = new("lifecycleHookResult", "a lifecycle hook result",
        ("ABANDON", LifecycleHookResult.Abandon), ("CONTINUE", LifecycleHookResult.Continue));

    public static readonly Keywords<WarmPoolState> PoolState = new("poolState", "a warm pool state",
        ("Stopped", WarmPoolState.Stopped), ("Running", WarmPoolState.Running), ("Hibernated", WarmPoolState.Hibernated));

    public static readonly Keywords<OutdatedInstancesStrategy> OutdatedInstances = new("outdatedInstances", "an outdated-instances strategy",
        ("UPDATE", OutdatedInstancesStrategy.Update), ("IGNORE", OutdatedInstancesStrategy.Ignore));

    public static readonly Keywords<ScriptAction> Action = new("scriptAction", "a script action",
        ("none", ScriptAction.None), ("waitForOpsWorks", ScriptAction.WaitForOpsWorks), ("startApplication", ScriptAction.StartApplication),
        ("stopApplication", ScriptAction.StopApplication), ("registerTargetGroup", ScriptAction.RegisterTargetGroup),
        ("deregisterTargetGroup", ScriptAction.DeregisterTargetGroup), ("suspendProcesses", ScriptAction.SuspendProcesses),
        ("resumeProcesses", ScriptAction.ResumeProcesses));

    /// <summary>Auto Scaling's process names (botocore ProcessType, docs/model.md#suspended-processes).</summary>
    public static readonly Keywords<AutoScalingProcesses> Process = new("autoScalingProcess", "an Auto Scaling process",
        ("Launch", AutoScalingProcesses.Launch), ("Terminate", AutoScalingProcesses.Terminate), ("AddToLoadBalancer", AutoScalingProcesses.AddToLoadBalancer),
        ("AlarmNotification", AutoScalingProcesses.AlarmNotification), ("AZRebalance", AutoScalingProcesses.AZRebalance),
        ("HealthCheck", AutoScalingProcesses.HealthCheck), ("InstanceRefresh", AutoScalingProcesses.InstanceRefresh),
        ("ReplaceUnhealthy", AutoScalingProcesses.ReplaceUnhealthy), ("ScheduledActions", AutoScalingProcesses.ScheduledActions));

    public static readonly Keywords<QuitOldMaster> QuitOldMaster = new("quitOldMaster", "a moment to quit the old master",
        ("afterDelay", Scenarios.QuitOldMaster.AfterDelay), ("onLastWorkerFork", Scenarios.QuitOldMaster.OnLastWorkerFork),
        ("onFirstWorkerFork", Scenarios.QuitOldMaster.OnFirstWorkerFork), ("afterNewWorkersReady", Scenarios.QuitOldMaster.AfterNewWorkersReady));

    public static readonly Keywords<AlarmMetric> AlarmMetric = new("alarmMetric", "an alarm metric",
        ("HTTPCode_Target_5XX_Count", Scenarios.AlarmMetric.Target5xxCount), ("errorRate", Scenarios.AlarmMetric.ErrorRate));

    /// <summary><c>gracefulRestart.hosts</c> words; an integer ≥ 1 is also accepted (groups of that size).</summary>
    public static readonly Keywords<HostsMode> Hosts = new("hostsMode", "a hosts mode (or a group size)",
        ("parallel", HostsMode.Parallel), ("sequential", HostsMode.Sequential));

    public static readonly Keywords<MinimumHealthyHostsType> MinimumHealthyHostsType = new("minimumHealthyHostsType", "a minimum healthy hosts type",
        ("HOST_COUNT", Scenarios.MinimumHealthyHostsType.HostCount), ("FLEET_PERCENT", Scenarios.MinimumHealthyHostsType.FleetPercent));

    public static readonly Keywords<DeploymentConfig> DeploymentConfigName = new("deploymentConfigName", "a deployment configuration",
        ("CodeDeployDefault.OneAtATime", Scenarios.DeploymentConfig.OneAtATime), ("CodeDeployDefault.HalfAtATime", Scenarios.DeploymentConfig.HalfAtATime),
        ("CodeDeployDefault.AllAtOnce", Scenarios.DeploymentConfig.AllAtOnce), ("OneAtATime", Scenarios.DeploymentConfig.OneAtATime),
        ("HalfAtATime", Scenarios.DeploymentConfig.HalfAtATime), ("AllAtOnce", Scenarios.DeploymentConfig.AllAtOnce));

    /// <summary><c>blueGreen.reroute</c> words; a wait duration is also accepted.</summary>
    public static readonly Keywords<bool> Reroute = new("rerouteWord", "'immediately' or a wait duration", ("immediately", true));

    /// <summary><c>deployment.startAt</c> words; a duration is also accepted.</summary>
    public static readonly Keywords<bool> StartAt = new("startAtWord", "a start time or 'never'", ("never", true));

    public static readonly Keywords<FleetKind> FleetKind = new("fleetKind", "a fleet kind",
        ("web", Scenarios.FleetKind.Web), ("worker", Scenarios.FleetKind.Worker));

    public static readonly Keywords<PipelineActionKind> PipelineActionKind = new("pipelineActionKind", "a pipeline action kind",
        ("source", Scenarios.PipelineActionKind.Source), ("approval", Scenarios.PipelineActionKind.Approval),
        ("wait", Scenarios.PipelineActionKind.Wait), ("deploy", Scenarios.PipelineActionKind.Deploy));

    public static readonly Keywords<LoadBalancing> Routing = new("routing", "a routing algorithm",
        ("round_robin", LoadBalancing.RoundRobin), ("least_outstanding_requests", LoadBalancing.LeastOutstandingRequests));

    public static readonly Keywords<LatencyMode> LatencyMode = new("trafficMode", "a traffic mode",
        ("fast", Scenarios.LatencyMode.Fast), ("requests", Scenarios.LatencyMode.Requests));

    /// <summary>Lifecycle events that can run scripts (docs/model.md#lifecycle-events), in order.</summary>
    public static readonly Keywords<LifecycleEvent> ScriptableEvent = new("lifecycleEvent", "a lifecycle event",
        ("BeforeBlockTraffic", LifecycleEvent.BeforeBlockTraffic), ("AfterBlockTraffic", LifecycleEvent.AfterBlockTraffic),
        ("ApplicationStop", LifecycleEvent.ApplicationStop), ("BeforeInstall", LifecycleEvent.BeforeInstall),
        ("AfterInstall", LifecycleEvent.AfterInstall), ("ApplicationStart", LifecycleEvent.ApplicationStart),
        ("ValidateService", LifecycleEvent.ValidateService), ("BeforeAllowTraffic", LifecycleEvent.BeforeAllowTraffic),
        ("AfterAllowTraffic", LifecycleEvent.AfterAllowTraffic));

    /// <summary>Events CodeDeploy reserves for itself (docs/model.md#lifecycle-events): an error in inline hooks, a warning in an appspec.</summary>
    public static readonly IReadOnlyList<string> ReservedEvents = ["Start", "BlockTraffic", "DownloadBundle", "Install", "AllowTraffic", "End"];

    /// <summary>Every word set, for the schema drift test.</summary>
    public static readonly IReadOnlyList<IKeywords> AllKeywords =
        [Strategy, Era, HealthCheckType, HealthCheckMode, TerminationOrder, HookResult, PoolState, OutdatedInstances, Action, Process, QuitOldMaster, AlarmMetric, Hosts, MinimumHealthyHostsType, DeploymentConfigName, Reroute, StartAt, ScriptableEvent, FleetKind, PipelineActionKind, Routing, LatencyMode];

    /// <summary>docs/model.md#hook-timeouts: default script timeout, and how long one lifecycle event may run (enforced at run time).</summary>
    public static readonly SimDuration MaxEventTimeout = SimDuration.FromSeconds(3600);
}
