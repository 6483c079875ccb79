using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Blue/green capacity and cost, the unmanaged second target group, scale-out during a rollout (docs/model.md#blue-green-deployments, docs/model.md#scaling-during-a-deployment, docs/model.md#target-groups-per-deployment-group).</summary>
public sealed class FleetTests
{
    private static Scenario BlueGreen(long terminationWaitMin) => Fleets.Article(5, 2).WithFleet(f => f with {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(5 * 60_000) },
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Strategy = StrategyKind.BlueGreen,
            BlueGreen = new BlueGreenSpec { TerminationWait = Fleets.M(terminationWaitMin) },
        },
    });

    [Test]
    public void BlueGreen_NeverDropsCapacityPeaksAtTwiceTheFleetAndBillsTheWait()
    {
        var (r, _) = ScenarioRunner.RunOne(BlueGreen(60), detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.MinServingCapacityPct, Is.GreaterThanOrEqualTo(100));
        Assert.That(r.PeakInstances, Is.EqualTo(24));
        Assert.That(r.FailedRequests + r.UnservedRequests, Is.Zero);
        var (shorter, _) = ScenarioRunner.RunOne(BlueGreen(0), detail: false);
        Assert.That(r.InstanceHours - shorter.InstanceHours, Is.EqualTo(12.0).Within(0.01), "12 originals kept one hour longer");
        Assert.That(r.RolloutSeconds - shorter.RolloutSeconds, Is.EqualTo(3600).Within(1));
    }

    [Test]
    public void BlueGreen_KeepAlive_LeavesOriginalsRunning()
    {
        var s = BlueGreen(60);
        s = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { BlueGreen = s.Fleet.Deployment.BlueGreen with { KeepAlive = true } } });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.StaleInstances, Is.Zero);
        var (terminated, _) = ScenarioRunner.RunOne(BlueGreen(0), detail: false);
        Assert.That(r.InstanceHours, Is.GreaterThan(terminated.InstanceHours + 12));
    }

    private static Scenario TwoGroups(bool hookScripts)
    {
        var s = Fleets.Article(5, 2);
        var hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(Fleets.ArticleHooks(true));
        if (hookScripts)
        {
            hooks[LifecycleEvent.BeforeBlockTraffic] = [Fleets.Script("deregister-internal.sh", ScriptAction.DeregisterTargetGroup, 600, 1000, "internal-api")];
            hooks[LifecycleEvent.AfterAllowTraffic] = [Fleets.Script("register-internal.sh", ScriptAction.RegisterTargetGroup, 600, 1000, "internal-api")];
        }
        return s.WithFleet(f => f with {
            AutoScaling = s.Fleet.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },
            TargetGroups = [.. s.Fleet.TargetGroups, Fleets.Group("internal-api", 10, 3, 30)],
            Deployment = s.Fleet.Deployment with { Hooks = hooks },
        });
    }

    [Test]
    public void UnmanagedSecondTargetGroup_InPlace_RequestsFail()
    {
        var (r, _) = ScenarioRunner.RunOne(TwoGroups(hookScripts: false), detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.FailedRequests, Is.GreaterThan(1000));
    }

    [Test]
    public void UnmanagedSecondTargetGroup_HookScripts_NoFailuresAndLongerRollout()
    {
        var (without, _) = ScenarioRunner.RunOne(TwoGroups(hookScripts: false), detail: false);
        var (with, _) = ScenarioRunner.RunOne(TwoGroups(hookScripts: true), detail: false);
        Assert.That(with.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(with.FailedRequests, Is.Zero);
        Assert.That(with.RolloutSeconds, Is.GreaterThan(without.RolloutSeconds));
    }

    [Test]
    public void UnmanagedSecondTargetGroup_ElbHealthChecks_ReplaceInstancesMidDeployment()
    {
        var s = TwoGroups(hookScripts: false);
        s = s.WithFleet(f => f with { AutoScaling = s.Fleet.AutoScaling with { HealthCheckType = HealthCheckType.ELB, HealthCheckPeriod = Fleets.S(10) } });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.Launches, Is.GreaterThan(0), "instances found unhealthy in the unmanaged group are replaced");
    }

    private static Scenario ScaleOutDuringRollout(OutdatedInstancesStrategy outdated) => Fleets.Article(5, 2).WithFleet(f => f with {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(60_000) },
        AutoScaling = Fleets.Article().Fleet.AutoScaling with { ScheduledActions = [new ScheduledAction { At = Fleets.M(65), DesiredCapacity = 16 }] },
        Deployment = Fleets.Article().Fleet.Deployment with { OutdatedInstances = outdated },
    });

    [Test]
    public void ScaleOutDuringInPlace_Ignore_LeavesStaleInstances()
    {
        var (r, _) = ScenarioRunner.RunOne(ScaleOutDuringRollout(OutdatedInstancesStrategy.Ignore), detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.StaleInstances, Is.EqualTo(4));
    }

    [Test]
    public void ScaleOutDuringInPlace_Update_LeavesNone()
    {
        var (r, _) = ScenarioRunner.RunOne(ScaleOutDuringRollout(OutdatedInstancesStrategy.Update), detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.StaleInstances, Is.Zero);
    }

    [Test]
    public void ScaleInDuringInPlace_FailsThatInstancesDeployment()
    {
        var s = Fleets.Article(5, 2).WithFleet(f => f with {
            AutoScaling = Fleets.Article().Fleet.AutoScaling with { MinSize = 1, TerminationOrder = TerminationOrder.OldestInstance, ScheduledActions = [new ScheduledAction { At = SimDuration.FromSeconds(3605), DesiredCapacity = 11 }] },
        });
        var world = new DeploySim.Model.World();
        world.Reset(s, 0, false);
        world.Run();
        Assert.That(world.CodeDeploy.Deployments[0].Failed, Is.EqualTo(1));
    }
}
