using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>Scenarios built in code for the model tests (the scenario files are tested separately).</summary>
internal static class Fleets
{
    public static SimDuration S(long s) => SimDuration.FromSeconds(s);
    public static SimDuration M(long m) => SimDuration.FromMinutes(m);

    public static HookScript Script(string location, ScriptAction action = ScriptAction.None, long timeoutS = 3600, double durationMs = 0, string? tg = null) =>
        new() { Location = location, Action = action, Timeout = S(timeoutS), Duration = Distribution.Constant(durationMs), TargetGroup = tg };

    /// <summary>The source article's appspec: stop in ApplicationStop (timeout 30), optional OpsWorks wait in BeforeInstall
    /// (timeout 900), start in AfterInstall.</summary>
    public static Dictionary<LifecycleEvent, IReadOnlyList<HookScript>> ArticleHooks(bool setupWait) => new()
    {
        [LifecycleEvent.ApplicationStop] = [Script("codedeploy/stop-application.sh", ScriptAction.StopApplication, 30, 5_000)],
        [LifecycleEvent.AfterInstall] = [Script("codedeploy/start-application.sh", ScriptAction.StartApplication, 3600, 30_000)],
        [LifecycleEvent.BeforeInstall] = setupWait ? [Script("codedeploy/setup-wait.sh", ScriptAction.WaitForOpsWorks, 900)] : [],
    };

    public static TargetGroupSpec Group(string name, long intervalS, int healthy, long deregistrationS = 300) => new()
    {
        Name = name,
        HealthCheck = new HealthCheckSpec { Interval = S(intervalS), Timeout = S(5), HealthyThreshold = healthy, UnhealthyThreshold = 2 },
        DeregistrationDelay = S(deregistrationS),
        ConnectionsCloseWhenIdle = true,            // the article's ~10 s BlockTraffic with fast checks
    };

    /// <summary>The source article's fleet: 12 instances of 8 GiB, 8 unicorn workers, one managed target group.</summary>
    public static Scenario Article(long intervalS = 30, int healthy = 10, int instances = 12) => new()
    {
        Name = "article",
        Seed = 42,
        Replications = 1,
        Horizon = SimDuration.FromHours(4),
        Fleets = [new FleetSpec {
            Name = "article",
            Instances = new InstanceSpec { MemoryMiB = 8192, ReservedMemoryMiB = 1024, BootTime = Distribution.LogNormal(40_000, 90_000) },
            AutoScaling = new AutoScalingSpec { DesiredCapacity = instances, MinSize = instances, MaxSize = instances * 2, HealthCheckType = HealthCheckType.ELB },
            OpsWorks = new OpsWorksSpec { SetupTime = Distribution.LogNormal(480_000, 840_000) },
            TargetGroups = [Group("api", intervalS, healthy)],
            Unicorn = new UnicornSpec { Workers = 8, MasterMemoryMiB = 250, WorkerMemoryMiB = 300, WorkerMemoryCapMiB = 600, RequestsPerSecondPerWorker = 10 },
            Traffic = new TrafficSpec { RequestsPerSecond = 600 },
            Deployment = new DeploymentSpec
        {
            Strategy = StrategyKind.InPlace,
            StartAt = SimDuration.FromHours(1),
            TargetGroups = ["api"],
            Hooks = ArticleHooks(setupWait: true),
        },
        }],
    };
}
