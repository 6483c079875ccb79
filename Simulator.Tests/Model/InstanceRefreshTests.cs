using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 16: EC2 Auto Scaling instance refresh (docs/model.md#instance-refresh): batches from the minimum and
/// maximum healthy percentages, warm-up, checkpoints, the hour of retries, rollback, scale-out during a refresh and a
/// CodeDeploy deployment group on the same Auto Scaling group.</summary>
public sealed class InstanceRefreshTests
{
    /// <summary>D instances, EC2 health checks, boot in 1 s, OpsWorks setup 60 s, a refresh at 1 h with the given preferences.</summary>
    private static Scenario Refresh(int instances, InstanceRefreshSpec spec, int maxSize = 0) => Fleets.Article(instances: instances).WithFleet(f => f with
    {
        Instances = f.Instances with { BootTime = Distribution.Constant(1_000) },
        AutoScaling = f.AutoScaling with { HealthCheckType = HealthCheckType.EC2, MaxSize = maxSize > 0 ? maxSize : instances * 2 },
        OpsWorks = f.OpsWorks with { SetupTime = Distribution.Constant(60_000), SetupFailureRate = 0 },
        Deployment = f.Deployment with { Strategy = StrategyKind.InstanceRefresh, InstanceRefresh = spec },
    }) with { Horizon = SimDuration.FromHours(12) };

    private static readonly SimDuration TenMinutes = SimDuration.FromMinutes(10);

    /// <summary>Minutes after the refresh's start at which it terminated old instances, and how many at each.</summary>
    private static List<(double Minute, int Count)> Batches(ReplicationDetail detail) =>
        [.. detail.Timeline.Where(s => s.Lane == "Instance refresh" && s.Name == "replace")
            .GroupBy(s => s.Start.Milliseconds)
            .OrderBy(g => g.Key)
            .Select(g => ((g.Key - detail.DeploymentStart!.Value.Milliseconds) / 60_000.0, g.Count()))];

    [TestCase(10, 90, 100, 1)]      // docs/model.md#instance-refresh: 90 % of 10 => 10 % replaced per batch
    [TestCase(10, 80, 100, 2)]      // the checkpoint page's example: 10 instances, 80 % => 2 per batch
    [TestCase(12, 90, 100, 1)]      // ceil(10.8) = 11 healthy => 1
    [TestCase(10, 0, 100, 10)]      // 0 % => all at once
    [TestCase(10, 100, 110, 1)]     // the console's launch before terminating: one new instance first
    [TestCase(12, 100, 150, 6)]     // 150 % of 12 => 6 launched first: two batches
    [TestCase(1, 100, 150, 1)]      // 150 % of 1 rounds down to 1: no surge, the minimum batch of one
    [TestCase(10, 80, 120, 4)]      // a range: up to (max - min) x desired in flight
    public void BatchSize_FollowsMinAndMaxHealthyPercentage(int desired, int min, int max, int expected) =>
        Assert.That(RefreshBatches.InFlight(desired, min, max), Is.EqualTo(expected));

    [TestCase(10, 90, 100, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    [TestCase(10, 80, 100, new[] { 2, 2, 2, 2, 2 })]
    [TestCase(10, 0, 100, new[] { 10 })]
    [TestCase(12, 100, 150, new[] { 6, 6 })]
    public void Simulated_TerminationBatches_MatchTheRule(int desired, int min, int max, int[] expected)
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = min, MaxHealthyPercentage = max, InstanceWarmup = TenMinutes };
        var (r, detail) = ScenarioRunner.RunOne(Refresh(desired, spec));
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(Batches(detail).Select(b => b.Count), Is.EqualTo(expected));
            Assert.That(r.StaleInstances, Is.Zero, "every instance ends on the new template's revision");
        });
    }

    [Test]
    public void LaunchBeforeTerminate_KeepsFullCapacity_AndPeaksAtMaxHealthy()
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 100, MaxHealthyPercentage = 150, InstanceWarmup = TenMinutes };
        var (r, _) = ScenarioRunner.RunOne(Refresh(12, spec), detail: false);
        Assert.Multiple(() =>
        {
            Assert.That(r.PeakInstances, Is.EqualTo(24), "18 in service (150 % of 12), then 6 old ones draining while the second 6 launch");
            Assert.That(r.MinServingCapacityPct, Is.EqualTo(100).Within(1e-9));
        });
    }

    [Test]
    public void TerminateFirst_DipsBelowDesired_ByTheBatch()
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 80, InstanceWarmup = TenMinutes };
        var (r, _) = ScenarioRunner.RunOne(Refresh(10, spec), detail: false);
        Assert.Multiple(() =>
        {
            Assert.That(r.PeakInstances, Is.EqualTo(12), "10, and the 2 old ones draining: no instance launched ahead");
            Assert.That(r.MinServingCapacityPct, Is.EqualTo(80).Within(1e-9), "2 of 10 out at a time");
        });
    }

    /// <summary>docs/model.md#instance-refresh, the checkpoint page's worked example: 10 instances, 80 % healthy, a
    /// 10-minute warm-up and a 15-minute pause at 20 %: batches at 0:00, 0:25 and 0:35 (boot and setup add 1 s each).</summary>
    [Test]
    public void Checkpoint_PausesAfterTheReplacedShareReachesIt()
    {
        var spec = new InstanceRefreshSpec
        {
            MinHealthyPercentage = 80, InstanceWarmup = TenMinutes, CheckpointPercentages = [20, 100], CheckpointDelay = SimDuration.FromMinutes(15),
        };
        var (r, detail) = ScenarioRunner.RunOne(Refresh(10, spec));
        var minutes = Batches(detail).Select(b => Math.Round(b.Minute)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(minutes.Take(3), Is.EqualTo(new double[] { 0, 25, 35 }));
            Assert.That(detail.Timeline.Count(s => s.Lane == "Instance refresh" && s.Name == "checkpoint"), Is.EqualTo(1), "100 % ends the refresh, no pause");
        });
    }

    /// <summary>Checkpoints reached together pause once (docs/model.md#instance-refresh: 2 instances, [10, 40, 100]: the first stop is at 50 %).</summary>
    [Test]
    public void Checkpoints_ReachedTogether_PauseOnce()
    {
        var spec = new InstanceRefreshSpec
        {
            MinHealthyPercentage = 50, InstanceWarmup = TenMinutes, CheckpointPercentages = [10, 40, 100], CheckpointDelay = SimDuration.FromMinutes(30),
        };
        var (_, detail) = ScenarioRunner.RunOne(Refresh(2, spec));
        var pauses = detail.Timeline.Where(s => s.Lane == "Instance refresh" && s.Name == "checkpoint").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pauses, Has.Count.EqualTo(1));
            Assert.That(pauses[0].Status, Is.EqualTo("40 %"));
        });
    }

    /// <summary>A bad revision trips the refresh's own alarm; with auto rollback the replaced instances are replaced
    /// again from the saved template, and the fleet ends on revision 1.</summary>
    [Test]
    public void OwnAlarm_WithAutoRollback_RollsBackTheReplacedInstances()
    {
        var alarm = new AlarmSpec { Metric = AlarmMetric.ErrorRate, Threshold = 0.01 };
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 90, InstanceWarmup = TenMinutes, AutoRollback = true, Alarms = [alarm] };
        var s = Refresh(10, spec).WithFleet(f => f with { Deployment = f.Deployment with { BadRevision = new BadRevisionSpec { RequestFailureRate = 0.5 } } });
        var (r, detail) = ScenarioRunner.RunOne(s);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack));
            Assert.That(r.FailureReason, Is.EqualTo(FailureReasons.Alarm));
            Assert.That(detail.Timeline.Any(t => t.Lane == "Instance refresh" && t.Name == "rollback"), Is.True);
            Assert.That(r.StaleInstances, Is.Zero, "every instance back on revision 1");
            Assert.That(r.TimeToRecoverSeconds, Is.GreaterThan(0));
        });
        var withoutRollback = ScenarioRunner.RunOne(s.WithFleet(f => f with { Deployment = f.Deployment with { InstanceRefresh = spec with { AutoRollback = false } } }), detail: false).Result;
        Assert.That(withoutRollback.FailureReason, Is.EqualTo(FailureReasons.Alarm));
        Assert.That(withoutRollback.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack), "the team's revert refresh after revertLeadTime");
    }

    /// <summary>New instances that keep failing are retried for an hour, then the refresh fails (docs/model.md#instance-refresh):
    /// ELB health checks with a grace period shorter than OpsWorks setup replace every new instance.</summary>
    [Test]
    public void FailingNewInstances_FailTheRefreshAfterAnHour()
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 90 };
        var s = Refresh(4, spec).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { HealthCheckType = HealthCheckType.ELB, HealthCheckGracePeriod = SimDuration.FromSeconds(120) },
            OpsWorks = f.OpsWorks with { SetupTime = Distribution.Constant(600_000) },
        });
        var r = ScenarioRunner.RunOne(s, detail: false).Result;
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Failed));
            Assert.That(r.FailureReason, Is.EqualTo(FailureReasons.InstanceRefreshFailed));
            Assert.That(r.TimeToFailureSeconds, Is.InRange(3600, 3600 + 600), "an hour after the first new instance failed");
        });
        var rolled = ScenarioRunner.RunOne(s.WithFleet(f => f with { Deployment = f.Deployment with { InstanceRefresh = spec with { AutoRollback = true } } }), detail: false).Result;
        Assert.That(rolled.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack));
    }

    /// <summary>A scale-out during the refresh launches from the new template (docs/model.md#instance-refresh).</summary>
    [Test]
    public void ScaleOutDuringRefresh_LaunchesTheNewTemplate()
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 90, InstanceWarmup = TenMinutes };
        var s = Refresh(6, spec).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { ScheduledActions = [new ScheduledAction { At = SimDuration.FromMinutes(75), DesiredCapacity = 9 }] },
        });
        var r = ScenarioRunner.RunOne(s, detail: false).Result;
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(r.StaleInstances, Is.Zero);
            Assert.That(r.Launches, Is.EqualTo(9), "6 replacements and 3 added, all from the new template");
        });
    }

    /// <summary>With a CodeDeploy deployment group on the group, its launch hook deploys the last successful revision
    /// to each refreshed instance (docs/model.md#instance-refresh): the refresh ships the image, not the new revision.</summary>
    [Test]
    public void CodeDeployLaunchHook_DeploysTheLastSuccessfulRevision()
    {
        var spec = new InstanceRefreshSpec { MinHealthyPercentage = 90, InstanceWarmup = TenMinutes, CodeDeployLaunchHook = true };
        var (r, detail) = ScenarioRunner.RunOne(Refresh(4, spec));
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(r.StaleInstances, Is.EqualTo(4), "all four run revision 1, CodeDeploy's last successful one");
            Assert.That(detail.Timeline.Count(t => t.Name == "AfterInstall"), Is.GreaterThanOrEqualTo(4), "a launch deployment per new instance");
        });
    }
}
