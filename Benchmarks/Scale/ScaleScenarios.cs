using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Benchmarks.Scale;

/// <summary>What a scale fleet does during its hour: nothing (steady state), a Capistrano graceful restart on every
/// host at once, or a CodeDeploy in-place AllAtOnce deployment.</summary>
public enum ScaleRollout { None, GracefulRestart, InPlaceAllAtOnce }

/// <summary>Simple fleets for measuring how the model scales with the number of instances: one target group checked
/// every 30 s, constant traffic (20 rps per instance, half the fleet's capacity), a one-hour horizon, one replication.
/// Built in code: the scenario loader caps fleets at <see cref="MaxLoaderInstances"/>.</summary>
public static class ScaleScenarios
{
    /// <summary>The loader's fleet limit (ScenarioMapper.MaxInstances); the benchmarks go beyond it.</summary>
    public const int MaxLoaderInstances = 10_000;

    public static Scenario Fleet(int instances, ScaleRollout rollout) => new()
    {
        Name = $"scale-{instances}-{rollout}",
        Seed = 2018,
        Replications = 1,
        Horizon = SimDuration.FromHours(1),
        Fleets = [new FleetSpec {
            Name = $"scale-{instances}-{rollout}",
            AutoScaling = new AutoScalingSpec { DesiredCapacity = instances, MinSize = instances, MaxSize = instances, HealthCheckType = HealthCheckType.EC2 },
            TargetGroups =
        [
            new TargetGroupSpec
            {
                Name = "api",
                HealthCheck = new HealthCheckSpec { Interval = SimDuration.FromSeconds(30), HealthyThreshold = 2, UnhealthyThreshold = 2 },
                DeregistrationDelay = SimDuration.FromSeconds(30),
                ConnectionsCloseWhenIdle = true,     // the gate's recorded workload (draining ends with in-flight requests)
            },
        ],
            Unicorn = new UnicornSpec { Workers = 4, RequestsPerSecondPerWorker = 10 },
            Traffic = new TrafficSpec { RequestsPerSecond = instances * 20.0 },
            Deployment = rollout switch
        {
            ScaleRollout.None => new DeploymentSpec { StartAt = null },
            ScaleRollout.GracefulRestart => new DeploymentSpec
            {
                Strategy = StrategyKind.GracefulRestart,
                StartAt = SimDuration.FromMinutes(10),
                GracefulRestart = new GracefulRestartSpec { Hosts = HostsMode.Parallel },
            },
            _ => new DeploymentSpec
            {
                Strategy = StrategyKind.InPlace,
                StartAt = SimDuration.FromMinutes(10),
                Config = DeploymentConfig.AllAtOnce,
                TargetGroups = ["api"],
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                {
                    [LifecycleEvent.ApplicationStop] = [new HookScript { Location = "stop.sh", Action = ScriptAction.StopApplication, Timeout = SimDuration.FromSeconds(30), Duration = Distribution.Constant(5_000) }],
                    [LifecycleEvent.AfterInstall] = [new HookScript { Location = "start.sh", Action = ScriptAction.StartApplication, Duration = Distribution.Normal(30_000, 5_000) }],
                },
            },
        },
        }],
    };
}
