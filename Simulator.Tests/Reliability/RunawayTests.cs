using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Tests.Model;
using DeploySim.Model;

namespace DeploySim.Tests.Reliability;

/// <summary>Runaway protection: launch loops and event storms stop at the event budget or the horizon, say which limit
/// they hit, give finite results and process a bounded number of events (counted, not timed: the suite runs in
/// parallel on shared machines).</summary>
public sealed class RunawayTests
{
    /// <summary>The source article's launch loop: a scale-out at 10 min with no OpsWorks wait hook; every launch fails
    /// start-application.sh and is abandoned, until the horizon.</summary>
    private static Scenario LaunchLoop(long budget, int replications = 1) => Fleets.Article().WithFleet(f => f with {
        // No back-off (relaunchDelayMax = relaunchDelay): the loop at its fastest, as the budget tests need.
        AutoScaling = Fleets.Article().Fleet.AutoScaling with { ScheduledActions = [new ScheduledAction { At = Fleets.M(10), DesiredCapacity = 16 }], RelaunchDelayMax = Fleets.Article().Fleet.AutoScaling.RelaunchDelay },
        Deployment = Fleets.Article().Fleet.Deployment with { StartAt = null, Hooks = Fleets.ArticleHooks(setupWait: false) },
    }) with {
        Replications = replications,
        Horizon = SimDuration.FromHours(4),
        EventBudget = budget,
    };

    /// <summary>A launch loop in which nothing takes time (boot, agent, bundle, install, relaunch delay all zero): simulated
    /// time stands still, so only the event budget can stop it.</summary>
    private static Scenario ZeroTimeLaunchLoop(long budget)
    {
        var s = LaunchLoop(budget);
        return s.WithFleet(f => f with {
            Instances = s.Fleet.Instances with { BootTime = Distribution.Constant(0), AgentReadyTime = Distribution.Constant(0) },
            AutoScaling = s.Fleet.AutoScaling with { RelaunchDelay = SimDuration.Zero, ScheduledActions = [new ScheduledAction { At = SimDuration.Zero, DesiredCapacity = 13 }] },
            Deployment = s.Fleet.Deployment with
            {
                DownloadBundleTime = Distribution.Constant(0),
                InstallTime = Distribution.Constant(0),
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                {
                    [LifecycleEvent.AfterInstall] = [Fleets.Script("codedeploy/start-application.sh", ScriptAction.StartApplication)],
                },
            },
        });
    }

    /// <summary>An OOM crash loop: two fresh workers do not fit the instance, the OOM killer kills one, its master respawns
    /// it with no delay, and so on, at one instant.</summary>
    private static Scenario OomCrashLoop(long budget) => Fleets.Article(instances: 2).WithFleet(f => f with {
        Instances = new InstanceSpec { MemoryMiB = 1024, ReservedMemoryMiB = 256 },
        Unicorn = new UnicornSpec { Workers = 4, MasterMemoryMiB = 100, WorkerMemoryMiB = 300, WorkerMemoryCapMiB = 300, WorkerForkInterval = SimDuration.Zero },
        Deployment = new DeploymentSpec { StartAt = null },
    }) with {
        EventBudget = budget,
    };

    private static ReplicationResult RunOnce(Scenario s) => ScenarioRunner.Run(s, 1, checkInvariants: true).Replications.Single();

    private static void AssertFinite(ReplicationResult r)
    {
        double[] values = [r.RolloutSeconds, r.MinServingCapacityPct, r.UnservedRequests, r.FailedRequests, r.ServedRequests, r.DemandRequests, r.InstanceHours, r.RolloutInstanceHours, r.PeakMemoryPct, .. r.PhaseSeconds.Values];
        Assert.That(values, Has.All.Matches<double>(double.IsFinite), r.ToString());
    }

    [Test]
    public void LaunchLoop_TinyEventBudget_StopsAtTheBudgetWithAFiniteResult()
    {
        var r = RunOnce(LaunchLoop(budget: 2_000));

        Assert.That(r.StopReason, Is.EqualTo(StopReason.Budget));
        Assert.That(r.EventsProcessed, Is.EqualTo(2_000));
        Assert.That(r.Launches, Is.GreaterThan(0), "the loop had started");
        AssertFinite(r);
    }

    [Test]
    public void LaunchLoop_DefaultBudget_StopsAtTheHorizon()
    {
        var r = RunOnce(LaunchLoop(new Scenario { Name = "", Fleets = [] }.EventBudget));

        Assert.That(r.StopReason, Is.EqualTo(StopReason.Horizon));
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(100), "the loop ran until the horizon");
        Assert.That(r.EventsProcessed, Is.LessThan(1_000_000));
        AssertFinite(r);
    }

    [Test]
    public void LaunchLoop_EveryReplication_StopsAtItsOwnBudget()
    {
        var run = ScenarioRunner.Run(LaunchLoop(budget: 3_000, replications: 3), 2, checkInvariants: true);

        Assert.That(run.Replications.Select(r => r.StopReason), Is.All.EqualTo(StopReason.Budget));
        Assert.That(run.Replications.Select(r => r.EventsProcessed), Is.All.EqualTo(3_000));
    }

    [Test]
    public void ZeroTimeLaunchLoop_StopsAtTheBudget()
    {
        var r = RunOnce(ZeroTimeLaunchLoop(budget: 30_000));

        Assert.That(r.StopReason, Is.EqualTo(StopReason.Budget));
        Assert.That(r.EventsProcessed, Is.EqualTo(30_000));
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(1_000), "launch, fail, abandon, relaunch, all at one instant");
        AssertFinite(r);
    }

    [Test]
    public void OomCrashLoop_ZeroForkInterval_StopsAtTheBudget()
    {
        var r = RunOnce(OomCrashLoop(budget: 200_000));

        Assert.That(r.StopReason, Is.EqualTo(StopReason.Budget));
        Assert.That(r.EventsProcessed, Is.EqualTo(200_000));
        Assert.That(r.OomKills, Is.GreaterThan(10_000), "kill, respawn, kill, at one instant");
        AssertFinite(r);
    }

    /// <summary>With the default budget (200 million events) a storm would run for minutes: cancellation stops it.</summary>
    [Test]
    public void OomCrashLoop_DefaultBudget_StopsPromptlyWhenCancelled()
    {
        var s = OomCrashLoop(new Scenario { Name = "", Fleets = [] }.EventBudget);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var world = new DeploySim.Model.World();
        world.Reset(s, 0, recordDetail: false);
        var r = world.Run(cts.Token);

        Assert.That(r.StopReason, Is.EqualTo(StopReason.Cancelled));
        Assert.That(r.EventsProcessed, Is.LessThan(s.EventBudget), "stopped by the cancellation, long before the budget");
        AssertFinite(r);
    }
}
