using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;
using static DeploySim.Tests.Model.Fleets;

namespace DeploySim.Tests.Model;

/// <summary>Auto Scaling keeps checking: an instance unhealthy during its grace period is replaced once the grace
/// period ends, relaunches after ABANDON back off, and without a lifecycle hook an instance is in service once booted
/// (docs/model.md#health-check-grace-period, docs/model.md#launch-hook-and-launch-loop).</summary>
public sealed class AutoScalingChecksTests
{
    /// <summary>2 instances behind api (10 s checks), ELB health checks, grace 300 s; at 10 min a scale-out to 3 whose
    /// instance, with no launch hook and no deployment, never starts its application.</summary>
    private static Scenario ScaleOutWithoutHook() => Article(intervalS: 10, healthy: 3, instances: 2).WithFleet(f => f with
    {
        AutoScaling = f.AutoScaling with
        {
            MaxSize = 3,
            LaunchHook = new LaunchHookSpec { Enabled = false },
            ScheduledActions = [new ScheduledAction { At = M(10), DesiredCapacity = 3 }],
        },
        Deployment = f.Deployment with { StartAt = null },
    }) with { Horizon = SimDuration.FromMinutes(25) };

    [Test]
    public void UnhealthyDuringGracePeriod_IsReplacedWhenTheGracePeriodEnds()
    {
        var world = new World();
        world.Reset(ScaleOutWithoutHook(), 0, false);
        world.Run();
        var added = world[2];
        Assert.Multiple(() =>
        {
            Assert.That(added.InServiceMs, Is.EqualTo(added.BootedMs), "no lifecycle hook: in service once booted");
            Assert.That(added.Lifecycle, Is.EqualTo(LifecycleState.Terminated));
            Assert.That(added.EndMs, Is.EqualTo(added.InServiceMs + 300_000), "unhealthy since its first checks, replaced as the grace period ends");
            Assert.That(world.AutoScaling.Launches, Is.GreaterThanOrEqualTo(2), "a replacement was launched");
        });
    }

    private static Scenario LaunchLoop(SimDuration? maxDelay, SimDuration horizon) => Article().WithFleet(f => f with
    {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(8 * 60_000) },
        AutoScaling = f.AutoScaling with
        {
            ScheduledActions = [new ScheduledAction { At = M(10), DesiredCapacity = 13 }],
            RelaunchDelayMax = maxDelay ?? new AutoScalingSpec().RelaunchDelayMax,
        },
        Deployment = f.Deployment with { StartAt = null, Hooks = ArticleHooks(setupWait: false) },
    }) with { Horizon = horizon };

    [Test]
    public void AbandonedLaunches_BackOffUpToTheMaximum()
    {
        var (r, d) = ScenarioRunner.RunOne(LaunchLoop(null, SimDuration.FromHours(3)));
        var launches = d.Timeline.Where(s => s.Name == "boot").Select(s => s.Start.Milliseconds).Order().ToList();
        var terminations = d.Timeline.Where(s => s.Name == "terminate").Select(s => s.Start.Milliseconds).Order().ToList();
        var gaps = launches.Skip(1).Zip(terminations, (launch, end) => (launch - end) / 1000.0).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(gaps.Take(6), Is.EqualTo(new[] { 10.0, 20, 40, 80, 160, 300 }).Within(0.001), "10 s, doubling, capped at 5 min");
            Assert.That(gaps.Skip(5), Is.All.EqualTo(300).Within(0.001));
            Assert.That(r.AbandonedLaunches, Is.InRange(15, 45));
        });
    }

    [Test]
    public void AbandonedLaunches_WithTheMaximumAtTheFirstDelay_RelaunchEveryTenSeconds()
    {
        var (r, _) = ScenarioRunner.RunOne(LaunchLoop(SimDuration.FromSeconds(10), SimDuration.FromHours(3)));
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(100));
    }

    [Test]
    public void AbandonedLaunchesForADay_SuspendLaunchesAdministratively()
    {
        var world = new World();
        world.Reset(LaunchLoop(null, SimDuration.FromHours(30)), 0, false);
        world.Run();
        Assert.That(world.AutoScaling.IsSuspended(0, AutoScalingProcesses.Launch), Is.True);
        long lastLaunch = Enumerable.Range(0, world.InstanceCount).Max(i => world[i].LaunchMs);
        Assert.That(lastLaunch, Is.LessThan(SimDuration.FromHours(24).Milliseconds + (20 * 60_000)));
    }

    [Test]
    public void RelaunchDelayMax_ShorterThanTheFirstDelay_IsAnError()
    {
        var errors = ScenarioLoader.ValidateText("name: t\nautoScaling: { relaunchDelay: 1m, relaunchDelayMax: 30s }\n", "t.yaml", ".");
        Assert.That(errors.Single().Message, Does.Contain("shorter than relaunchDelay"));
    }

    [Test]
    public void WithoutCodeDeploy_NewInstanceIsInServiceOnceBooted_AndServesOnceOpsWorksStartedIt()
    {
        var s = ScaleOutWithoutHook().WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { HealthCheckGracePeriod = M(30), LaunchHook = new LaunchHookSpec() },
            OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(4 * 60_000) },
            Deployment = f.Deployment with { Strategy = StrategyKind.GracefulRestart },
        });
        var world = new World();
        world.Reset(s, 0, false);
        world.Run();
        var added = world[2];
        Assert.Multiple(() =>
        {
            Assert.That(added.InServiceMs, Is.EqualTo(added.BootedMs));
            Assert.That(added.Lifecycle, Is.EqualTo(LifecycleState.InService));
            Assert.That(world.TargetGroups.State(0, 2), Is.EqualTo(TargetState.Healthy), "healthy once OpsWorks started the application");
        });
    }
}
