using DeploySim.Engine;

namespace DeploySim.Scenarios;

// The validated, immutable description of one simulation: what the YAML loader produces and the world consumes.
// Every default below is documented with its source in ../shared/domain.md (§ numbers) or marked as an assumption.

/// <summary>A complete scenario. Strategy variants are <c>with</c> copies.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public ulong Seed { get; init; } = 1;
    public int Replications { get; init; } = 1;
    /// <summary>Simulated time at which every replication stops.</summary>
    public SimDuration Horizon { get; init; } = SimDuration.FromHours(12);
    /// <summary>Safety limit on dispatched events per replication (runaway launch loops, event storms).</summary>
    public long EventBudget { get; init; } = 200_000_000;
    public InstanceSpec Instances { get; init; } = new();
    public AutoScalingSpec AutoScaling { get; init; } = new();
    public OpsWorksSpec OpsWorks { get; init; } = new();
    public IReadOnlyList<TargetGroupSpec> TargetGroups { get; init; } = [];
    public UnicornSpec Unicorn { get; init; } = new();
    public TrafficSpec Traffic { get; init; } = new();
    public DeploymentSpec Deployment { get; init; } = new();
    /// <summary>What the fleet serves: web requests behind load balancers, or queued jobs (a worker fleet).</summary>
    public FleetKind Kind { get; init; } = FleetKind.Web;
    /// <summary>Further fleets of a multi-fleet scenario (each a complete single-fleet description); empty for one fleet.</summary>
    public IReadOnlyList<FleetSpec> Fleets { get; init; } = [];
    /// <summary>A CodePipeline that deploys the fleets; null when the scenario starts its deployment itself.</summary>
    public PipelineSpec? Pipeline { get; init; }
}

/// <summary>Web fleets serve requests (excess is unserved); worker fleets take jobs from a queue (excess waits in a backlog).</summary>
public enum FleetKind { Web, Worker }

/// <summary>One fleet of a multi-fleet scenario: its own group, target groups (or none), processes, demand and deployment group.</summary>
public sealed record FleetSpec
{
    public required string Name { get; init; }
    public FleetKind Kind { get; init; } = FleetKind.Web;
    public InstanceSpec Instances { get; init; } = new();
    public AutoScalingSpec AutoScaling { get; init; } = new();
    public OpsWorksSpec OpsWorks { get; init; } = new();
    public IReadOnlyList<TargetGroupSpec> TargetGroups { get; init; } = [];
    public UnicornSpec Unicorn { get; init; } = new();
    public TrafficSpec Traffic { get; init; } = new();
    public DeploymentSpec Deployment { get; init; } = new();
}

/// <summary>CodePipeline: stages in order, each with actions that run in parallel (the source article's pipeline:
/// merge, CI, bundle upload to S3, S3 notification, then a Deploy stage with one CodeDeploy action per group).</summary>
public sealed record PipelineSpec
{
    /// <summary>Simulated time of the merge that triggers the pipeline.</summary>
    public SimDuration MergeAt { get; init; } = SimDuration.FromHours(1);
    public IReadOnlyList<StageSpec> Stages { get; init; } = [];
}

public sealed record StageSpec
{
    public required string Name { get; init; }
    public IReadOnlyList<PipelineActionSpec> Actions { get; init; } = [];
}

public enum PipelineActionKind { Source, Approval, Wait, Deploy }

/// <summary>A pipeline action: a source trigger (CI, bundle upload, S3 notification), a manual approval or wait (each a
/// duration), or a CodeDeploy deployment to a fleet (as long as that fleet's rollout).</summary>
public sealed record PipelineActionSpec
{
    public required string Name { get; init; }
    public PipelineActionKind Kind { get; init; }
    public Distribution Duration { get; init; } = Distribution.Constant(0);
    /// <summary>The fleet a Deploy action deploys.</summary>
    public string? Fleet { get; init; }
}

/// <summary>EC2 instances of the group (domain.md §6 boot times, §1.6 agent).</summary>
public sealed record InstanceSpec
{
    public long MemoryMiB { get; init; } = 8192;
    /// <summary>OS, nginx, CodeDeploy agent and other daemons (§1.6: the agent alone grows 45 to 100 MiB).</summary>
    public long ReservedMemoryMiB { get; init; } = 1024;
    /// <summary>Launch to OS up, in milliseconds (§6: about 25 to 30 s to SSH, 1 to 2 min to first availability).</summary>
    public Distribution BootTime { get; init; } = Distribution.LogNormal(40_000, 90_000);
    /// <summary>OS up to CodeDeploy agent polling (assumption; §4.4 agent must start after bootstrap).</summary>
    public Distribution AgentReadyTime { get; init; } = Distribution.Constant(5_000);
    /// <summary>Rate of spontaneous instance failures per instance-hour (assumption, default none); the group replaces them.</summary>
    public double FailureRatePerHour { get; init; }
}

public enum HealthCheckType { EC2, ELB }

/// <summary>Which instance a scale-in terminates (assumption: the ASG's OldestInstance/NewestInstance policies).</summary>
public enum TerminationOrder { OldestInstance, NewestInstance }

/// <summary>What CodeDeploy does with instances launched during a deployment (§4.3 outdatedInstancesStrategy).</summary>
public enum OutdatedInstancesStrategy { Update, Ignore }

/// <summary>The Auto Scaling group (§4).</summary>
public sealed record AutoScalingSpec
{
    public int DesiredCapacity { get; init; } = 2;
    public int MinSize { get; init; } = 2;
    public int MaxSize { get; init; } = 4;
    public HealthCheckType HealthCheckType { get; init; } = HealthCheckType.EC2;
    /// <summary>§4.4: 300 s from the console, 0 from the API; starts at InService.</summary>
    public SimDuration HealthCheckGracePeriod { get; init; } = SimDuration.FromSeconds(300);
    public IReadOnlyList<ScheduledAction> ScheduledActions { get; init; } = [];
    public TerminationOrder TerminationOrder { get; init; } = TerminationOrder.OldestInstance;
    /// <summary>The launch lifecycle hook CodeDeploy installs (§4.1).</summary>
    public LaunchHookSpec LaunchHook { get; init; } = new();
    /// <summary>Delay before the group launches a replacement after an abandoned launch (assumption: §4.2 says launches
    /// are rate-limited when hooks keep failing, with no figure).</summary>
    public SimDuration RelaunchDelay { get; init; } = SimDuration.FromSeconds(10);
    /// <summary>Period of the group's own health check, which acts on a target group's unhealthy verdict (assumption:
    /// the check falls at a random point of the period).</summary>
    public SimDuration HealthCheckPeriod { get; init; } = SimDuration.FromSeconds(60);
}

/// <summary>A scheduled capacity change (ScheduledActions). Unset members keep their value.</summary>
public sealed record ScheduledAction
{
    public SimDuration At { get; init; }
    public int? DesiredCapacity { get; init; }
    public int? MinSize { get; init; }
    public int? MaxSize { get; init; }
}

public enum LifecycleHookResult { Abandon, Continue }

/// <summary>§4.1: CodeDeploy's hook: heartbeat 600 s, default result ABANDON; CodeDeploy heartbeats every 5 minutes.</summary>
public sealed record LaunchHookSpec
{
    public bool Enabled { get; init; } = true;
    public SimDuration HeartbeatTimeout { get; init; } = SimDuration.FromSeconds(600);
    public LifecycleHookResult DefaultResult { get; init; } = LifecycleHookResult.Abandon;
    /// <summary>§4.1 observed: 60000 s = 100 × heartbeat.</summary>
    public SimDuration GlobalTimeout { get; init; } = SimDuration.FromSeconds(60_000);
}

/// <summary>OpsWorks setup on every new instance (§6).</summary>
public sealed record OpsWorksSpec
{
    public bool Enabled { get; init; } = true;
    /// <summary>Booted to online (assumption: lognormal, "several minutes", §6).</summary>
    public Distribution SetupTime { get; init; } = Distribution.LogNormal(480_000, 840_000);
    /// <summary>Probability that setup ends in setup_failed.</summary>
    public double SetupFailureRate { get; init; }
    /// <summary>§5.4: `aws opsworks wait instance-online` polls every 15 s ...</summary>
    public SimDuration WaitPollInterval { get; init; } = SimDuration.FromSeconds(15);
    /// <summary>§5.4: ... up to 40 times.</summary>
    public int WaitMaxPolls { get; init; } = 40;
}

/// <summary>An ALB target group (§5).</summary>
public sealed record TargetGroupSpec
{
    public required string Name { get; init; }
    public HealthCheckSpec HealthCheck { get; init; } = new();
    /// <summary>§5.3: 0 to 3600 s, default 300 s.</summary>
    public SimDuration DeregistrationDelay { get; init; } = SimDuration.FromSeconds(300);
    /// <summary>§5.3: 0 (off) or 30 to 900 s.</summary>
    public SimDuration SlowStart { get; init; }
    /// <summary>Passes a newly registered target needs; null means the healthy threshold (§5.2 records the conflict).</summary>
    public int? InitialHealthyChecks { get; init; }
    /// <summary>§5.3: deregistration completes at once when the target has no in-flight requests.</summary>
    public bool DrainImmediatelyWhenIdle { get; init; } = true;
}

/// <summary>§5.1 ranges: interval 5 to 300 s, timeout 2 to 120 s, thresholds 2 to 10.</summary>
public sealed record HealthCheckSpec
{
    public SimDuration Interval { get; init; } = SimDuration.FromSeconds(30);
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(5);
    public int HealthyThreshold { get; init; } = 5;
    public int UnhealthyThreshold { get; init; } = 2;
}

/// <summary>unicorn master and workers (§7).</summary>
public sealed record UnicornSpec
{
    public int Workers { get; init; } = 4;
    public long MasterMemoryMiB { get; init; } = 250;
    /// <summary>Worker RSS at fork (§7.3: about 100 to 250 MB fresh).</summary>
    public long WorkerMemoryMiB { get; init; } = 300;
    public long WorkerMemoryGrowthPerHourMiB { get; init; }
    public long WorkerMemoryCapMiB { get; init; } = 600;
    /// <summary>Master start with the app preloaded, until it forks its first worker.</summary>
    public Distribution BootTime { get; init; } = Distribution.Normal(25_000, 5_000);
    /// <summary>Time between successive worker forks (§7.3: respawn about 0.2 s with preload).</summary>
    public SimDuration WorkerForkInterval { get; init; } = SimDuration.FromMilliseconds(200);
    public double RequestsPerSecondPerWorker { get; init; } = 10;
    /// <summary>Worker age at the start of the run, so that the fleet starts with grown workers (assumption).</summary>
    public SimDuration InitialWorkerAge { get; init; }
}

/// <summary>Demand: constant, or a piecewise-linear profile over time.</summary>
public sealed record TrafficSpec
{
    public double RequestsPerSecond { get; init; }
    /// <summary>Points (time, rps) interpolated linearly; before the first and after the last, the end values hold.</summary>
    public IReadOnlyList<TrafficPoint> Profile { get; init; } = [];
    /// <summary>Each target group's share of the demand, by name (summing to 1); empty: equal shares (assumption).</summary>
    public IReadOnlyDictionary<string, double> Share { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;
}

public readonly record struct TrafficPoint(SimDuration At, double RequestsPerSecond);

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

/// <summary>A bad revision: it fails ValidateService on a fraction of instances, or passes validation but makes a fraction
/// of the requests it serves fail; an alarm detects the latter after a delay.</summary>
public sealed record BadRevisionSpec
{
    public double ValidateServiceFailureRate { get; init; }
    public double RequestFailureRate { get; init; }
    /// <summary>From the first request the bad revision serves until the alarm fires (assumption: CloudWatch alarm period and evaluation).</summary>
    public Distribution DetectionDelay { get; init; } = Distribution.Constant(300_000);
}

/// <summary>The team's response to a detected bad revision, per strategy (the source article: a revert commit plus an
/// in-place deploy was judged fast enough; blue/green could reroute back while the originals live).</summary>
public sealed record RecoverySpec
{
    /// <summary>In-place: from detection until the revert's deployment starts (revert commit, review, CI, bundle upload,
    /// S3 notification, pipeline); a pipeline scenario derives it from its stages.</summary>
    public Distribution RevertLeadTime { get; init; } = Distribution.Constant(900_000);
    /// <summary>Blue/green: from detection until the reroute back to the originals starts (the operator's decision).</summary>
    public Distribution RerouteBackDelay { get; init; } = Distribution.Constant(120_000);
    /// <summary>Graceful restart: from detection until `cap deploy:rollback` restarts on the previous release.</summary>
    public Distribution RollbackDelay { get; init; } = Distribution.Constant(120_000);
}

/// <summary>The CodeDeploy lifecycle events in documented order (§1.1). Start and End are not timed.</summary>
public enum LifecycleEvent
{
    BeforeBlockTraffic, BlockTraffic, AfterBlockTraffic,
    ApplicationStop, DownloadBundle, BeforeInstall, Install, AfterInstall, ApplicationStart, ValidateService,
    BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic,
}

/// <summary>What a hook script does to the simulated world, besides taking time.</summary>
public enum ScriptAction { None, WaitForOpsWorks, StartApplication, StopApplication, RegisterTargetGroup, DeregisterTargetGroup }

/// <summary>One script of a hook (appspec `location` and `timeout`, plus the simulator's knowledge of it). Never executed.</summary>
public sealed record HookScript
{
    public required string Location { get; init; }
    /// <summary>§1.4: default 3600 s; a timeout fails the instance.</summary>
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(3600);
    /// <summary>Own running time (for waiting actions, extra time on top of the wait).</summary>
    public Distribution Duration { get; init; } = Distribution.Constant(0);
    public double FailureRate { get; init; }
    public ScriptAction Action { get; init; }
    /// <summary>Target group of a register/deregister action.</summary>
    public string? TargetGroup { get; init; }

    /// <summary>How long an appspec script with no <c>scripts:</c> entry takes unless <c>deployment.defaultScriptDuration</c>
    /// says otherwise (assumption: a short script that does nothing the simulator models).</summary>
    public static Distribution UnmappedDuration => Distribution.Constant(1_000);
}

public enum MinimumHealthyHostsType { HostCount, FleetPercent }

/// <summary>A deployment configuration (§3): a predefined name or custom minimum healthy hosts.</summary>
public sealed record DeploymentConfig
{
    public required string Name { get; init; }
    public MinimumHealthyHostsType Type { get; init; }
    public int Value { get; init; }
    /// <summary>OneAtATime's special rules (§3.1: batch 1, a failure on the last instance still succeeds).</summary>
    public bool IsOneAtATime { get; init; }

    public static readonly DeploymentConfig OneAtATime = new() { Name = "CodeDeployDefault.OneAtATime", IsOneAtATime = true, Type = MinimumHealthyHostsType.FleetPercent, Value = 99 };
    public static readonly DeploymentConfig HalfAtATime = new() { Name = "CodeDeployDefault.HalfAtATime", Type = MinimumHealthyHostsType.FleetPercent, Value = 50 };
    public static readonly DeploymentConfig AllAtOnce = new() { Name = "CodeDeployDefault.AllAtOnce", Type = MinimumHealthyHostsType.HostCount, Value = 0 };
    public static DeploymentConfig Custom(MinimumHealthyHostsType type, int value) =>
        new() { Name = $"Custom({(type == MinimumHealthyHostsType.HostCount ? "HOST_COUNT" : "FLEET_PERCENT")} {value})", Type = type, Value = value };
}

/// <summary>Blue/green with a copied Auto Scaling group (§2).</summary>
public sealed record BlueGreenSpec
{
    /// <summary>§2.4: 0 to 2880 minutes; console default 60 minutes.</summary>
    public SimDuration TerminationWait { get; init; } = SimDuration.FromMinutes(60);
    /// <summary>§2.4 KEEP_ALIVE: originals leave the load balancer but keep running.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>§2.3: null reroutes immediately (CONTINUE_DEPLOYMENT); a wait models STOP_DEPLOYMENT with a manual continue.</summary>
    public SimDuration? RerouteWait { get; init; }
}

public enum HostsMode { Parallel, Sequential, Groups }

public enum QuitOldMaster { AfterNewWorkersReady, OnFirstWorkerFork }

/// <summary>Capistrano with unicorn USR2 (§7.1, §7.5).</summary>
public sealed record GracefulRestartSpec
{
    /// <summary>§7.5: SSHKit defaults to parallel; `cap install` restarts in sequence with a 5 s wait; groups default to 2.</summary>
    public HostsMode Hosts { get; init; } = HostsMode.Parallel;
    public int GroupSize { get; init; } = 2;
    public SimDuration WaitBetweenHosts { get; init; } = SimDuration.FromSeconds(5);
    /// <summary>Release creation, bundle, assets before the restart (§7.5).</summary>
    public Distribution CodeUpdateTime { get; init; } = Distribution.Constant(120_000);
    /// <summary>§7.1/§6: capistrano-unicorn QUITs after the new workers plus a sleep; OpsWorks' before_fork QUITs at the first fork.</summary>
    public QuitOldMaster QuitOldMaster { get; init; } = QuitOldMaster.AfterNewWorkersReady;
    /// <summary>§7.5: capistrano-unicorn sleeps 2 s.</summary>
    public SimDuration QuitDelay { get; init; } = SimDuration.FromSeconds(2);
}
