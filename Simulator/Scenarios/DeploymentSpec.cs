using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>What CodeDeploy does with instances launched during a deployment (§4.3 outdatedInstancesStrategy).</summary>
public enum OutdatedInstancesStrategy { Update, Ignore }

public enum StrategyKind { InPlace, BlueGreen, GracefulRestart }

/// <summary>One CodeDeploy deployment (or Capistrano restart) and its settings.</summary>
public sealed record DeploymentSpec
{
    public StrategyKind Strategy { get; init; } = StrategyKind.InPlace;
    /// <summary>When the deployment starts; null means no deployment (a scale-only scenario).</summary>
    public SimDuration? StartAt { get; init; } = SimDuration.FromHours(1);
    public DeploymentConfig Config { get; init; } = DeploymentConfig.OneAtATime;
    /// <summary>Names of the target groups the deployment group manages (§5.5: only one in 2018).</summary>
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    /// <summary>Scripts per lifecycle event, from the appspec plus what the scenario says about each script.</summary>
    public IReadOnlyDictionary<LifecycleEvent, IReadOnlyList<HookScript>> Hooks { get; init; } = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>();
    /// <summary>Where the appspec was read from, for reports (null when hooks were written inline).</summary>
    public string? AppSpecPath { get; init; }
    /// <summary>DownloadBundle duration (assumption).</summary>
    public Distribution DownloadBundleTime { get; init; } = Distribution.Constant(3_000);
    /// <summary>Install duration (assumption).</summary>
    public Distribution InstallTime { get; init; } = Distribution.Constant(2_000);
    /// <summary>How often CodeDeploy polls target health during BlockTraffic/AllowTraffic (assumption, §5.2).</summary>
    public SimDuration TrafficPollInterval { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>The Knowledge Center's extra interval added to BlockTraffic/AllowTraffic (§5.2).</summary>
    public bool ExtraTrafficInterval { get; init; }
    /// <summary>§5.2 (inference): BlockTraffic lasts at least healthy threshold × interval, as the source article measured,
    /// besides waiting for draining; false waits for draining only.</summary>
    public bool BlockTrafficWaitsHealthCheckEstimate { get; init; } = true;
    /// <summary>§1.5: wait up to 1 h for the instance to become healthy behind the load balancer.</summary>
    public SimDuration TrafficWaitTimeout { get; init; } = SimDuration.FromHours(1);
    /// <summary>§1.5: a new deployment of the last good revision when this one fails.</summary>
    public bool AutoRollback { get; init; }
    /// <summary>§1.5: --ignore-application-stop-failures.</summary>
    public bool IgnoreApplicationStopFailures { get; init; }
    /// <summary>§4.3: follow-on deployment to instances launched during the deployment.</summary>
    public OutdatedInstancesStrategy OutdatedInstances { get; init; } = OutdatedInstancesStrategy.Update;
    public BlueGreenSpec BlueGreen { get; init; } = new();
    public GracefulRestartSpec GracefulRestart { get; init; } = new();
    /// <summary>Marks the deployed revision bad; null for a good revision.</summary>
    public BadRevisionSpec? BadRevision { get; init; }
    /// <summary>How the team responds once a bad revision is detected.</summary>
    public RecoverySpec Recovery { get; init; } = new();
}
