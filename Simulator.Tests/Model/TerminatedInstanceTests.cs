using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;
using static DeploySim.Tests.Model.Fleets;

namespace DeploySim.Tests.Model;

/// <summary>A terminated instance's deployment fails only when CodeDeploy notices (docs/model.md#scaling-during-a-deployment),
/// and hook scripts can suspend and resume Auto Scaling processes (docs/model.md#suspended-processes).</summary>
public sealed class TerminatedInstanceTests
{
    /// <summary>4 instances, OneAtATime from 10 min; a scale-in to 3 at 10 min 30 s terminates instance 0 (the oldest),
    /// which the deployment is working on.</summary>
    private static Scenario ScaleInDuringTheFirstInstance(Distribution? delay = null)
    {
        var s = Article(instances: 4) with { Horizon = SimDuration.FromHours(3) };
        return s.WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with
            {
                MinSize = 3,
                HealthCheckType = HealthCheckType.EC2,
                ScheduledActions = [new ScheduledAction { At = SimDuration.FromSeconds(630), DesiredCapacity = 3 }],
            },
            Deployment = f.Deployment with
            {
                StartAt = M(10),
                TerminatedInstanceDelay = delay ?? new DeploymentSpec().TerminatedInstanceDelay,
            },
        });
    }

    [Test]
    public void TerminatedMidDeployment_FailsWhenCodeDeployNotices()
    {
        var r = ScenarioRunner.Run(ScaleInDuringTheFirstInstance(Distribution.Constant(20 * 60_000))).Replications[0];
        Assert.Multiple(() =>
        {
            Assert.That(r.FailureReason, Is.EqualTo(FailureReasons.InstanceTerminated));
            Assert.That(r.TimeToFailureSeconds, Is.EqualTo(30 + (20 * 60)).Within(1), "terminated 30 s in, noticed 20 min later");
        });
    }

    [Test]
    public void TerminatedMidDeployment_ByDefault_HangsAboutAnHour()
    {
        Assert.That(new DeploymentSpec().TerminatedInstanceDelay.Mean, Is.EqualTo(3_600_000));
        var r = ScenarioRunner.Run(ScaleInDuringTheFirstInstance()).Replications[0];
        Assert.That(r.TimeToFailureSeconds, Is.EqualTo(30 + 3600).Within(1));
    }

    [Test]
    public void TerminatedInstanceDelay_IsADistributionInTheScenario() =>
        Assert.That(ScenarioLoader.LoadText("name: t\ndeployment:\n  terminatedInstanceDelay: { uniform: [5m, 60m] }\n", "t.yaml", ".").Fleet.Deployment.TerminatedInstanceDelay.Kind,
            Is.EqualTo(DistributionKind.Uniform));

    /// <summary>The source article's pitfall (internal-api attached but unmanaged, ELB health checks) on 4 instances,
    /// with or without the AWS samples' remedy: ReplaceUnhealthy suspended from ApplicationStop to AfterAllowTraffic.</summary>
    private static Scenario UnmanagedSecondGroup(bool suspend)
    {
        var hooks = ArticleHooks(setupWait: true);
        if (suspend)
        {
            hooks[LifecycleEvent.ApplicationStop] = [Script("suspend.sh", ScriptAction.SuspendProcesses) with { Processes = AutoScalingProcesses.ReplaceUnhealthy },
                .. hooks[LifecycleEvent.ApplicationStop]];
            hooks[LifecycleEvent.AfterAllowTraffic] = [Script("resume.sh", ScriptAction.ResumeProcesses) with { Processes = AutoScalingProcesses.ReplaceUnhealthy }];
        }
        return Article(instances: 4).WithFleet(f => f with
        {
            TargetGroups = [Group("api", 30, 10), Group("internal-api", 10, 3, 30)],
            Deployment = f.Deployment with { Hooks = hooks },
        }) with { Replications = 3 };
    }

    [Test]
    public void UnmanagedSecondGroup_WithoutSuspendedReplaceUnhealthy_FailsOnAReplacedInstance()
    {
        var m = ScenarioRunner.Run(UnmanagedSecondGroup(suspend: false)).Summary;
        Assert.That(m.SuccessRate, Is.Zero);
        Assert.That(m.FailureReasons[0].Key, Is.EqualTo(FailureReasons.InstanceTerminated));
    }

    [Test]
    public void UnmanagedSecondGroup_WithReplaceUnhealthySuspended_Succeeds()
    {
        var m = ScenarioRunner.Run(UnmanagedSecondGroup(suspend: true)).Summary;
        Assert.That(m.SuccessRate, Is.EqualTo(1));
        Assert.That(m["launches"].Max, Is.Zero, "no instance was replaced");
    }

    [Test]
    public void SuspendedLaunch_HoldsAScaleOutUntilResumed()
    {
        var s = Article(instances: 2).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { ScheduledActions = [new ScheduledAction { At = M(70), DesiredCapacity = 4 }] },
            Deployment = f.Deployment with
            {
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                {
                    [LifecycleEvent.BeforeInstall] = [Script("suspend.sh", ScriptAction.SuspendProcesses) with { Processes = AutoScalingProcesses.Launch }],
                },
            },
        });
        var world = new DeploySim.Model.World();
        world.Reset(s, 0, false);
        world.Run();
        Assert.That(world.AutoScaling.Launches, Is.Zero, "Launch stays suspended: the scale-out to 4 never launches");
        var resumed = s.WithFleet(f => f with
        {
            Deployment = f.Deployment with
            {
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(f.Deployment.Hooks)
                {
                    [LifecycleEvent.ValidateService] = [Script("resume.sh", ScriptAction.ResumeProcesses) with { Processes = AutoScalingProcesses.All }],
                },
            },
        });
        world.Reset(resumed, 0, false);
        world.Run();
        Assert.That(world.AutoScaling.Launches, Is.GreaterThanOrEqualTo(2), "resumed: the group catches up to 4");
    }

    [Test]
    public void ProcessesField_ReadsProcessNames_AndNoneMeansAll()
    {
        var s = ScenarioLoader.LoadText("name: t\ndeployment:\n  hooks:\n    ApplicationStop:\n      - { location: a.sh, action: suspendProcesses, processes: [ReplaceUnhealthy, AZRebalance] }\n"
            + "    ValidateService:\n      - { location: b.sh, action: resumeProcesses }\n", "t.yaml", ".");
        var hooks = s.Fleet.Deployment.Hooks;
        Assert.That(hooks[LifecycleEvent.ApplicationStop][0].Processes, Is.EqualTo(AutoScalingProcesses.ReplaceUnhealthy | AutoScalingProcesses.AZRebalance));
        Assert.That(hooks[LifecycleEvent.ValidateService][0].Processes, Is.EqualTo(AutoScalingProcesses.All));
    }

    [Test]
    public void ProcessesField_UnknownName_SuggestsTheProcess()
    {
        var errors = ScenarioLoader.ValidateText("name: t\ndeployment:\n  hooks:\n    ApplicationStop:\n      - { location: a.sh, action: suspendProcesses, processes: [ReplaceUnhealty] }\n", "t.yaml", ".");
        Assert.That(errors.Single().Message, Does.Contain("did you mean 'ReplaceUnhealthy'?"));
    }

    [Test]
    public void ProcessesField_OnAnotherAction_IsAnError()
    {
        var errors = ScenarioLoader.ValidateText("name: t\ndeployment:\n  hooks:\n    ApplicationStop:\n      - { location: a.sh, action: stopApplication, processes: [Launch] }\n", "t.yaml", ".");
        Assert.That(errors.Single().Message, Does.Contain("processes applies only to the actions suspendProcesses and resumeProcesses"));
    }
}
