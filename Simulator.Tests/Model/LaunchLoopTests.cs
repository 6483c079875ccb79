using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>The source article's OpsWorks launch loop and its cure (docs/model.md#launch-hook-and-launch-loop, docs/model.md#launch-hook-and-launch-loop, docs/model.md#cli-waiters, docs/model.md#opsworks-setup-and-boot-times).</summary>
public sealed class LaunchLoopTests
{
    private static Scenario ScaleOut(bool setupWait, double setupMs) => Fleets.Article().WithFleet(f => f with {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(setupMs) },
        AutoScaling = Fleets.Article().Fleet.AutoScaling with { ScheduledActions = [new ScheduledAction { At = Fleets.M(10), DesiredCapacity = 13 }] },
        Deployment = Fleets.Article().Fleet.Deployment with { StartAt = null, Hooks = Fleets.ArticleHooks(setupWait) },
    }) with {
        Horizon = SimDuration.FromHours(3),
    };

    [Test]
    public void ScaleOut_NoWaitHook_AbandonsLaunchesUntilTheHorizon()
    {
        var (r, d) = ScenarioRunner.RunOne(ScaleOut(setupWait: false, setupMs: 8 * 60_000));
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(20), "relaunched with back-off (10 s doubling to 5 min)");
        Assert.That(r.Launches, Is.InRange(r.AbandonedLaunches, r.AbandonedLaunches + 1), "at most the last launch is still in progress at the horizon");
        var lastLaunch = d.Timeline.Where(s => s.Name == "boot").Max(s => s.Start);
        Assert.That(lastLaunch, Is.GreaterThan(SimTime.At(SimDuration.FromHours(3) - Fleets.M(7))));
    }

    [Test]
    public void ScaleOut_WaitHook_EachInstanceSucceedsOnItsFirstLaunch()
    {
        var (r, _) = ScenarioRunner.RunOne(ScaleOut(setupWait: true, setupMs: 8 * 60_000));
        Assert.That(r.Launches, Is.EqualTo(1));
        Assert.That(r.AbandonedLaunches, Is.Zero);
    }

    [Test]
    public void ScaleOut_SetupSlowerThanTheWait_Fails()
    {
        var (r, _) = ScenarioRunner.RunOne(ScaleOut(setupWait: true, setupMs: 12 * 60_000));
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(0));
    }

    [Test]
    public void ScaleOut_SetupFailed_WaiterFailsAtOnce()
    {
        var s = ScaleOut(setupWait: true, setupMs: 2 * 60_000);
        s = s.WithFleet(f => f with { OpsWorks = s.Fleet.OpsWorks with { SetupFailureRate = 1 } });
        var (r, _) = ScenarioRunner.RunOne(s);
        Assert.That(r.AbandonedLaunches, Is.GreaterThan(10));
    }
}
