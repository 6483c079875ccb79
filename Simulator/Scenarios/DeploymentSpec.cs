using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>What CodeDeploy does with instances launched during a deployment (docs/model.md#scaling-during-a-deployment outdatedInstancesStrategy).</summary>
public enum OutdatedInstancesStrategy { Update, Ignore }

public enum StrategyKind { InPlace, BlueGreen, GracefulRestart, InstanceRefresh }

/// <summary>One CodeDeploy deployment (or Capistrano restart) and its settings.</summary>
public sealed record DeploymentSpec
{
    public StrategyKind Strategy { get; init; } = StrategyKind.InPlace;
    /// <summary>When the deployment starts; null means no deployment (a scale-only scenario).</summary>
    public SimDuration? StartAt { get; init; } = SimDuration.FromHours(1);
    public DeploymentConfig Config { get; init; } = DeploymentConfig.OneAtATime;
    /// <summary>Names of the target groups the deployment group manages (docs/model.md#target-groups-per-deployment-group: only one in 2018).</summary>
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    /// <summary>Scripts per lifecycle event, from the appspec plus what the scenario says about each script.</summary>
    public IReadOnlyDictionary<LifecycleEvent, IReadOnlyList<HookScript>> Hooks { get; init; } = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>();
    /// <summary>Where the appspec was read from, for reports (null when hooks were written inline, or the appspec itself).</summary>
    public string? AppSpecPath { get; init; }
    /// <summary>True when the hooks come from an appspec (a file, or a mapping under <c>deployment.appspec</c>): each
    /// script is then described once, under <c>scripts:</c>, by its location.</summary>
    public bool FromAppSpec { get; init; }
    /// <summary>DownloadBundle duration (assumption).</summary>
    public Distribution DownloadBundleTime { get; init; } = Distribution.Constant(3_000);
    /// <summary>Install duration (assumption).</summary>
    public Distribution InstallTime { get; init; } = Distribution.Constant(2_000);
    /// <summary>How long a lifecycle event that CodeDeploy dispatches but that runs no script takes: one whose appspec
    /// lists no scripts, or a stop event on an instance's first deployment (docs/model.md#agent-event-gap). Default 0.</summary>
    public Distribution EmptyEventTime { get; init; } = Distribution.Zero;
    /// <summary>The wait between one lifecycle event's end and the next one's start on an instance: the agent picks up
    /// its next command at its next poll (docs/model.md#agent-event-gap). Default 0.</summary>
    public Distribution AgentEventGap { get; init; } = Distribution.Zero;
    /// <summary>How often CodeDeploy polls target health during BlockTraffic/AllowTraffic (assumption, docs/model.md#blocktraffic-and-allowtraffic-timing).</summary>
    public SimDuration TrafficPollInterval { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>The Knowledge Center's extra interval added to BlockTraffic/AllowTraffic (docs/model.md#blocktraffic-and-allowtraffic-timing).</summary>
    public bool ExtraTrafficInterval { get; init; }
    /// <summary>docs/model.md#blocktraffic-and-allowtraffic-timing (inference): BlockTraffic lasts at least healthy threshold × interval, as the source article measured,
    /// besides waiting for draining; false waits for draining only.</summary>
    public bool BlockTrafficWaitsHealthCheckEstimate { get; init; } = true;
    /// <summary>docs/model.md#failures-and-rollback: wait up to 1 h for the instance to become healthy behind the load balancer.</summary>
    public SimDuration TrafficWaitTimeout { get; init; } = SimDuration.FromHours(1);
    /// <summary>docs/model.md#failures-and-rollback: a new deployment of the last good revision when this one fails.</summary>
    public bool AutoRollback { get; init; }
    /// <summary>docs/model.md#failures-and-rollback: --ignore-application-stop-failures.</summary>
    public bool IgnoreApplicationStopFailures { get; init; }
    /// <summary>docs/model.md#scaling-during-a-deployment: how long CodeDeploy takes to notice that an instance it is
    /// deploying to was terminated (users report about an hour); the instance's deployment then fails.</summary>
    public Distribution TerminatedInstanceDelay { get; init; } = Distribution.Constant(3_600_000);
    /// <summary>docs/model.md#scaling-during-a-deployment: follow-on deployment to instances launched during the deployment.</summary>
    public OutdatedInstancesStrategy OutdatedInstances { get; init; } = OutdatedInstancesStrategy.Update;
    /// <summary>docs/model.md#termination-hook: CodeDeploy's termination hook on the group (December 2023).</summary>
    public bool TerminationHookEnabled { get; init; }
    /// <summary>docs/model.md#termination-hook: how long Auto Scaling waits for the termination deployment before it
    /// terminates anyway (assumption: Auto Scaling's default heartbeat, 3600 s; AWS documents no value).</summary>
    public SimDuration TerminationHookTimeout { get; init; } = SimDuration.FromSeconds(3600);
    public BlueGreenSpec BlueGreen { get; init; } = new();
    public GracefulRestartSpec GracefulRestart { get; init; } = new();
    /// <summary>Instance refresh preferences (docs/model.md#instance-refresh).</summary>
    public InstanceRefreshSpec InstanceRefresh { get; init; } = new();
    /// <summary>One Availability Zone at a time (docs/model.md#zonal-deployments); null: zones ignored.</summary>
    public ZonalConfig? ZonalConfig { get; init; }
    /// <summary>Marks the deployed revision bad; null for a good revision.</summary>
    public BadRevisionSpec? BadRevision { get; init; }
    /// <summary>The alarm that detects a bad revision (docs/model.md#alarms); null: <see cref="BadRevisionSpec.DetectionDelay"/>.</summary>
    public AlarmSpec? Alarm { get; init; }
    /// <summary>How the team responds once a bad revision is detected.</summary>
    public RecoverySpec Recovery { get; init; } = new();
}
