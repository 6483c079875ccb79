using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>What a failed deployment leaves behind and how a failure is reported (docs/model.md#failures-and-rollback, docs/model.md#deployment-configurations, docs/model.md#minimum-healthy-hosts, docs/model.md#scaling-during-a-deployment).</summary>
public sealed class FailureSemanticsTests
{
    /// <summary>6 instances, OneAtATime, target groups api and internal-api both managed, EC2 health checks; AfterInstall
    /// fails on every instance (so on the first one reached).</summary>
    private static Scenario SixWithFailingAfterInstall() => Fleets.Article(5, 2, instances: 6).WithFleet(f => f with
    {
        AutoScaling = Fleets.Article().Fleet.AutoScaling with { DesiredCapacity = 6, MinSize = 6, MaxSize = 12, HealthCheckType = HealthCheckType.EC2 },
        TargetGroups = [Fleets.Group("api", 5, 2), Fleets.Group("internal-api", 5, 2)],
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Config = DeploymentConfig.OneAtATime,
            TargetGroups = ["api", "internal-api"],
            Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(Fleets.ArticleHooks(true))
            {
                [LifecycleEvent.AfterInstall] = [Fleets.Script("start.sh", ScriptAction.StartApplication, 3600, 30_000) with { FailureRate = 1 }],
            },
        },
    });

    [Test]
    public void OneAtATime_FirstInstanceFails_TheOtherFiveStayHealthyAndRoutedInEveryGroupUntilTheHorizon()
    {
        var world = new DeploySim.Model.World();
        world.Reset(SixWithFailingAfterInstall(), 0, false);
        var result = world.Run();

        var d = world.CodeDeploy.Deployments[0];
        int failedInstance = d.Targets[0];
        var others = Enumerable.Range(0, world.InstanceCount)
            .Where(i => i != failedInstance && world[i].Lifecycle == LifecycleState.InService).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(d.Outcome, Is.EqualTo(DeploymentOutcome.Failed));
            Assert.That(d.Failed, Is.EqualTo(1));
            Assert.That(world.CodeDeploy.Deployments, Has.Count.EqualTo(1));
            Assert.That(others, Has.Count.EqualTo(5));
            for (int g = 0; g < world.TargetGroups.Count; g++)
                foreach (int id in others)
                    Assert.That(world.TargetGroups.State(g, id), Is.EqualTo(TargetState.Healthy), $"instance {id} in {world.TargetGroups.Spec(g).Name}");
            Assert.That(result.FailureReason, Is.EqualTo(FailureReasons.ScriptFailed));
            Assert.That(result.TimeToFailureSeconds, Is.EqualTo((d.End!.Value - d.Start).TotalSeconds));
        });
    }

    [Test]
    public void FailedRollouts_RolloutTimeSummarisesSuccessesOnly_AndTheReasonIsCounted()
    {
        var s = SixWithFailingAfterInstall() with { Replications = 3 };
        var summary = ScenarioRunner.Run(s).Summary;
        Assert.Multiple(() =>
        {
            Assert.That(summary.SuccessRate, Is.Zero);
            Assert.That(summary["rolloutSeconds"].IsNone, Is.True, "no replication succeeded: no rollout time");
            Assert.That(summary["timeToFailureSeconds"].Mean, Is.GreaterThan(0));
            Assert.That(summary.FailureReasons, Is.EqualTo(new[] { new KeyValuePair<string, int>(FailureReasons.ScriptFailed, 3) }));
        });
    }

    [Test]
    public void ConfigurationThatCanNeverSucceed_FailsAsHealthConstraintsInvalid()
    {
        var s = SixWithFailingAfterInstall().WithFleet(f => f with
        {
            Deployment = f.Deployment with { Config = DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 99) },
        });
        var world = new DeploySim.Model.World();
        world.Reset(s, 0, false);
        var result = world.Run();
        Assert.That(result.FailureReason, Is.EqualTo(FailureReasons.HealthConstraintsInvalid));
        Assert.That(result.TimeToFailureSeconds, Is.Zero);
    }
}
