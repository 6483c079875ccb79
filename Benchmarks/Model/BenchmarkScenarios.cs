using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Benchmarks.Model;

/// <summary>The fleets the model benchmarks run: large rollouts with fast health checks and traffic.</summary>
public static class BenchmarkScenarios
{
    private static TargetGroupSpec Group(string name, long intervalS, int healthy) => new()
    {
        Name = name,
        HealthCheck = new HealthCheckSpec { Interval = SimDuration.FromSeconds(intervalS), HealthyThreshold = healthy, UnhealthyThreshold = 2 },
        DeregistrationDelay = SimDuration.FromSeconds(30),
        ConnectionsCloseWhenIdle = true,     // as the article measured (and as the gate's workload was recorded)
    };

    private static Dictionary<LifecycleEvent, IReadOnlyList<HookScript>> Hooks() => new()
    {
        [LifecycleEvent.ApplicationStop] = [new HookScript { Location = "stop.sh", Action = ScriptAction.StopApplication, Timeout = SimDuration.FromSeconds(30), Duration = Distribution.Constant(5_000) }],
        [LifecycleEvent.BeforeInstall] = [new HookScript { Location = "setup-wait.sh", Action = ScriptAction.WaitForOpsWorks, Timeout = SimDuration.FromSeconds(900) }],
        [LifecycleEvent.AfterInstall] = [new HookScript { Location = "start.sh", Action = ScriptAction.StartApplication, Duration = Distribution.Normal(30_000, 5_000) }],
    };

    /// <summary>A fleet of <paramref name="instances"/> behind one or two target groups checked every 5 s, with traffic.</summary>
    public static Scenario Fleet(int instances, DeploymentConfig config, int targetGroups, SimDuration horizon, int replications = 1) => new()
    {
        Name = $"bench-{instances}-{config.Name}-{targetGroups}tg",
        Seed = 2018,
        Replications = replications,
        Horizon = horizon,
        Fleets = [new FleetSpec {
            Name = $"bench-{instances}-{config.Name}-{targetGroups}tg",
            AutoScaling = new AutoScalingSpec { DesiredCapacity = instances, MinSize = instances, MaxSize = instances * 2, HealthCheckType = HealthCheckType.ELB },
            TargetGroups = targetGroups == 1 ? [Group("api", 5, 2)] : [Group("api", 5, 2), Group("internal-api", 5, 2)],
            Unicorn = new UnicornSpec { Workers = 8, WorkerMemoryGrowthPerHourMiB = 20 },
            Traffic = new TrafficSpec { RequestsPerSecond = instances * 50 },
            Deployment = new DeploymentSpec
        {
            StartAt = SimDuration.FromMinutes(10),
            Config = config,
            TargetGroups = ["api"],
            Hooks = Hooks(),
        },
        }],
    };

    /// <summary>The same fleet with the latency model (issue 17): lognormal service 80 ms median / 300 ms p90, so each
    /// worker serves about 7.4 rps and the fleet runs at load 0.85; health checks go through the queues.</summary>
    public static Scenario WithLatency(Scenario scenario)
    {
        var service = Distribution.LogNormal(80, 300);
        return (scenario with { Name = scenario.Name + "-latency" }).WithFleet(f => f with
        {
            Unicorn = f.Unicorn with { RequestsPerSecondPerWorker = 1000 / service.Mean },
            Traffic = f.Traffic with { Latency = new LatencySpec { ServiceTime = service } },
        });
    }

    // Built once: scenarios are immutable, and building one is not part of what the benchmarks measure.
    public static Scenario OneAtATime1000 { get; } = Fleet(1000, DeploymentConfig.OneAtATime, 1, SimDuration.FromHours(24));
    public static Scenario HalfAtATime1000TwoGroups { get; } = Fleet(1000, DeploymentConfig.HalfAtATime, 2, SimDuration.FromHours(2));
    public static Scenario OneAtATime1000Latency { get; } = WithLatency(OneAtATime1000);
    public static Scenario HalfAtATime1000TwoGroupsLatency { get; } = WithLatency(HalfAtATime1000TwoGroups);
    public static Scenario MonteCarlo100 { get; } = Fleet(100, DeploymentConfig.OneAtATime, 1, SimDuration.FromHours(3), replications: 100);
}
