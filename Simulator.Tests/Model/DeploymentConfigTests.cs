using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Deployment configurations and minimum healthy hosts (docs/model.md#deployment-configurations).</summary>
public sealed class DeploymentConfigTests
{
    [Test]
    public void HalfAtATime_NineInstances_DeploysFourAtATimeAndNeedsFive()
    {
        var r = new DeploymentRules(DeploymentConfig.HalfAtATime, 9);
        Assert.That(r.MinimumHealthy, Is.EqualTo(5));
        Assert.That(r.RequiredSuccesses, Is.EqualTo(5));
        Assert.That(Enumerable.Range(0, 9).Count(k => r.CanStartAnother(0, k)), Is.EqualTo(4));
    }

    [Test]
    public void FleetPercent40_NineInstances_KeepsFourHealthyAndDeploysFive()
    {
        var r = new DeploymentRules(DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 40), 9);
        Assert.That(r.MinimumHealthy, Is.EqualTo(4));
        Assert.That(Enumerable.Range(0, 9).Count(k => r.CanStartAnother(0, k)), Is.EqualTo(5));
    }

    [Test]
    public void HostCount6_NineInstances_DeploysThreeAtATime()
    {
        var r = new DeploymentRules(DeploymentConfig.Custom(MinimumHealthyHostsType.HostCount, 6), 9);
        Assert.That(Enumerable.Range(0, 9).Count(k => r.CanStartAnother(0, k)), Is.EqualTo(3));
        Assert.That(r.RequiredSuccesses, Is.EqualTo(6));
    }

    [Test]
    public void FleetPercent95_TenInstances_FailsAtOnce() =>
        Assert.That(new DeploymentRules(DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 95), 10).FailsImmediately, Is.True);

    [Test]
    public void AllAtOnce_NeedsOneSuccess()
    {
        var r = new DeploymentRules(DeploymentConfig.AllAtOnce, 9);
        Assert.That(Enumerable.Range(0, 9).Count(k => r.CanStartAnother(0, k)), Is.EqualTo(9));
        Assert.That(r.HasFailed(succeeded: 1, failed: 8, remaining: 0, lastFailed: true), Is.False);
        Assert.That(r.HasFailed(succeeded: 0, failed: 9, remaining: 0, lastFailed: true), Is.True);
    }

    [Test]
    public void OneAtATime_OnlyTheLastInstanceFails_Succeeds()
    {
        var r = new DeploymentRules(DeploymentConfig.OneAtATime, 9);
        Assert.That(r.HasFailed(succeeded: 8, failed: 1, remaining: 0, lastFailed: true), Is.False);
        Assert.That(r.RequiredSuccesses, Is.EqualTo(8));
        Assert.That(r.HasFailed(succeeded: 3, failed: 1, remaining: 5, lastFailed: false), Is.True);
        Assert.That(new DeploymentRules(DeploymentConfig.OneAtATime, 1).HasFailed(0, 1, 0, true), Is.True);
    }

    private static Scenario Nine(DeploymentConfig config, double validateFailureRate = 0) => Fleets.Article(5, 2, instances: 9).WithFleet(f => f with {
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Config = config,
            Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(Fleets.ArticleHooks(true))
            {
                [LifecycleEvent.ValidateService] = [Fleets.Script("validate.sh", durationMs: 1000) with { FailureRate = validateFailureRate }],
            },
        },
    });

    private static DeploymentRun MainDeployment(Scenario s)
    {
        var world = new DeploySim.Model.World();
        world.Reset(s, 0, false);
        world.Run();
        return world.CodeDeploy.Deployments[0];
    }

    [Test]
    public void Simulation_HalfAtATimeNine_KeepsFourInProgress()
    {
        var d = MainDeployment(Nine(DeploymentConfig.HalfAtATime));
        Assert.That(d.MaxInProgress, Is.EqualTo(4));
        Assert.That(d.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(d.Succeeded, Is.EqualTo(9));
    }

    [Test]
    public void Simulation_FleetPercent95_FailsAtOnceWithoutTouchingAnInstance()
    {
        var d = MainDeployment(Nine(DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 95)));
        Assert.That(d.Outcome, Is.EqualTo(DeploymentOutcome.Failed));
        Assert.That(d.End, Is.EqualTo(d.Start));
        Assert.That(d.MaxInProgress, Is.Zero);
    }

    [Test]
    public void Simulation_OneAtATimeEveryValidationFails_FailsAtTheFirstInstance()
    {
        var d = MainDeployment(Nine(DeploymentConfig.OneAtATime, validateFailureRate: 1));
        Assert.That(d.Outcome, Is.EqualTo(DeploymentOutcome.Failed));
        Assert.That(d.Failed, Is.EqualTo(1));
        Assert.That(d.Succeeded, Is.Zero);
    }

    [Test]
    public void Simulation_AllAtOnceSomeValidationsFail_SucceedsWithOneSuccess()
    {
        var d = MainDeployment(Nine(DeploymentConfig.AllAtOnce, validateFailureRate: 0.5));
        Assert.That(d.MaxInProgress, Is.EqualTo(9));
        Assert.That(d.Outcome, Is.EqualTo(d.Succeeded >= 1 ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed));
        Assert.That(d.Failed, Is.GreaterThan(0));
    }

    [Test]
    public void AutoRollback_FailedDeployment_StartsANewDeploymentOfTheLastGoodRevision()
    {
        var s = Nine(DeploymentConfig.OneAtATime, validateFailureRate: 1);
        s = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { AutoRollback = true } });
        var world = new DeploySim.Model.World();
        world.Reset(s, 0, false);
        var r = world.Run();
        var deployments = world.CodeDeploy.Deployments;
        Assert.That(deployments, Has.Count.EqualTo(2));
        Assert.That(deployments[1].Purpose, Is.EqualTo(DeploySim.Cloud.CodeDeploy.DeploymentPurpose.Rollback));
        Assert.That(deployments[1].Revision, Is.EqualTo(DeploySim.Model.Revision.Initial));
        Assert.That(deployments[1].Start, Is.EqualTo(deployments[0].End));
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Failed), "the rollback runs the same failing validation script");
    }
}
