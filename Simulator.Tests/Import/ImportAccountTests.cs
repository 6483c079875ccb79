using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary><c>deploysim import</c> of a whole account: several Auto Scaling groups and deployment groups become the
/// fleets of one scenario, a tag-based deployment group a fixed fleet, and the alarm configuration the alarm model.</summary>
public sealed class ImportAccountTests
{
    private static string Cli(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Real", "cli", name);

    private static (Scenario Scenario, string Stdout) Import(ScratchDirectory dir, params string[] args)
    {
        var (code, stdout, stderr) = RunCli(["import", .. args, "--out", dir.File("x.yaml")]);
        Assert.That(code, Is.Zero, stderr + stdout);
        return (ScenarioLoader.Load(dir.File("x.yaml")), stdout);
    }

    private static string[] Capacities(Scenario s) =>
        [.. s.Fleets.Select(f => $"{f.Name} {f.AutoScaling.DesiredCapacity}/{f.AutoScaling.MinSize}/{f.AutoScaling.MaxSize}")];

    private static void RunsEveryFleet(Scenario s)
    {
        var run = DeploySim.Running.Runner.Run(s with { Replications = 1 }, degreeOfParallelism: 1);
        Assert.That(run.ReplicationRuns.Single().Fleets.Select(f => f.Outcome), Is.EqualTo(Enumerable.Repeat(DeploymentOutcome.Succeeded, s.Fleets.Count)));
    }

    [Test]
    public void Import_OneOutputDescribingTwoGroups_MakesTwoFleets()
    {
        using var dir = new ScratchDirectory();
        var (s, _) = Import(dir, "--asg", Fixture("asg-two-groups.json"));
        Assert.That(Capacities(s), Is.EqualTo(new[] { "rails-api-asg 12/12/24", "sidekiq-asg 3/2/8" }));
        RunsEveryFleet(s);
    }

    [Test]
    public void Import_SeveralAsgFiles_MakeOneFleetEach()
    {
        using var dir = new ScratchDirectory();
        var sidekiq = dir.Write("sidekiq.json", """
            { "AutoScalingGroups": [ { "AutoScalingGroupName": "sidekiq-asg", "MinSize": 2, "MaxSize": 8, "DesiredCapacity": 3, "HealthCheckType": "EC2" } ] }
            """);
        var (s, _) = Import(dir, "--asg", Fixture("asg.json"), "--asg", sidekiq);
        Assert.That(Capacities(s), Is.EqualTo(new[] { "rails-api-asg 12/12/24", "sidekiq-asg 3/2/8" }));
    }

    [Test]
    public void Import_SameGroupInTwoAsgFiles_FailsAtItsPlace()
    {
        using var dir = new ScratchDirectory();
        var (code, _, stderr) = RunCli("import", "--asg", Fixture("asg-two-groups.json"), "--asg", Fixture("asg.json"), "--out", dir.File("x.yaml"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("asg.json:").And.Contain("Auto Scaling group rails-api-asg is described twice"));
    }

    [Test]
    public void Import_BatchOfTwoDeploymentGroups_PairsEachWithItsAutoScalingGroup()
    {
        using var dir = new ScratchDirectory();
        var (s, _) = Import(dir, "--asg", Fixture("asg-two-groups.json"), "--target-groups", Fixture("target-groups.json"),
            "--deployment-group", Fixture("deployment-groups-two.json"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Name, Is.EqualTo("rails-api"), "the groups' application");
            Assert.That(Capacities(s), Is.EqualTo(new[] { "rails-api-dg 12/12/24", "sidekiq-dg 3/2/8" }));
            Assert.That(s.Fleets.Select(f => f.Deployment.Config.Name), Is.EqualTo(new[] { "CodeDeployDefault.OneAtATime", "CodeDeployDefault.AllAtOnce" }));
            Assert.That(s.Fleets.Select(f => string.Join(",", f.Deployment.TargetGroups)), Is.EqualTo(new[] { "api", "" }));
            Assert.That(s.Fleets.Select(f => f.AutoScaling.HealthCheckType), Is.EqualTo(new[] { HealthCheckType.ELB, HealthCheckType.EC2 }));
        });
        RunsEveryFleet(s);
    }

    [Test]
    public void Import_TagBasedDeploymentGroups_BecomeFixedFleetsNoted()
    {
        // The AWS CLI's batch-get-deployment-groups example: two groups picking instances by the tag Name=my-EC2-instance.
        using var dir = new ScratchDirectory();
        var (s, stdout) = Import(dir, "--deployment-group", Cli("batch-get-deployment-groups.json"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleets.Select(f => f.Name), Is.EqualTo(new[] { "my-deployment-group-1", "my-deployment-group-2" }));
            Assert.That(s.Fleets.Select(f => f.AutoScaling.MinSize == f.AutoScaling.DesiredCapacity && f.AutoScaling.MaxSize == f.AutoScaling.DesiredCapacity), Has.All.True);
            Assert.That(s.Fleets.Select(f => f.AutoScaling.LaunchHook.Enabled), Has.All.False);
            Assert.That(s.Fleets.Select(f => f.Deployment.Config.Name), Has.All.EqualTo("CodeDeployDefault.AllAtOnce"));
            Assert.That(stdout, Does.Contain("fleet my-deployment-group-1: deployment group my-deployment-group-1 picks its instances by tags (Name=my-EC2-instance), with no Auto Scaling group: a fixed fleet"));
        });
        RunsEveryFleet(s);
    }

    [Test]
    public void Import_AlarmConfigurationWithDefinitions_IsTheAlarmModel()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout) = Import(dir, "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"),
            "--deployment-group", Fixture("deployment-group-alarms.json"), "--alarms", Fixture("alarms.json"));
        var alarm = s.Fleet.Deployment.Alarm!;
        Assert.Multiple(() =>
        {
            Assert.That((alarm.Metric, alarm.Threshold, alarm.Period.TotalSeconds, alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.TargetGroup),
                Is.EqualTo((AlarmMetric.Target5xxCount, 11.0, 60.0, 3, 2, "api")), "GreaterThanThreshold 10 on whole counts is at or above 11");
            Assert.That(s.Fleet.Deployment.Recovery.RevertLeadTime.Mean, Is.Zero, "DEPLOYMENT_STOP_ON_ALARM: CodeDeploy rolls back at once");
            Assert.That(s.Fleet.Deployment.AutoRollback, Is.True);
            Assert.That(stdout, Does.Contain("alarm api-cpu-high is not modelled: it watches AWS/EC2 CPUUtilization"));
            Assert.That(stdout, Does.Contain("alarm api-latency of the deployment group is not in --alarms"));
        });
    }

    [Test]
    public void Import_AlarmWithoutStopOnAlarm_LeavesRecoveryToTheTeamNoted()
    {
        using var dir = new ScratchDirectory();
        var group = dir.Write("dg.json", File.ReadAllText(Fixture("deployment-group-alarms.json")).Replace("\"DEPLOYMENT_STOP_ON_ALARM\"", "\"DEPLOYMENT_STOP_ON_REQUEST\"", StringComparison.Ordinal));
        var (s, stdout) = Import(dir, "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"), "--deployment-group", group, "--alarms", Fixture("alarms.json"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.Recovery.RevertLeadTime.Mean, Is.EqualTo(new RecoverySpec().RevertLeadTime.Mean));
            Assert.That(stdout, Does.Contain("autoRollbackConfiguration has no DEPLOYMENT_STOP_ON_ALARM, so recovery after an alarm is the team's"));
            Assert.That(stdout, Does.Contain("DEPLOYMENT_STOP_ON_REQUEST is not modelled"));
        });
    }

    [Test]
    public void Import_AlarmsNamedButNotDescribed_AreNotedWithTheCommandToRun()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout) = Import(dir, "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"), "--deployment-group", Fixture("deployment-group-alarms.json"));
        Assert.That(s.Fleet.Deployment.Alarm, Is.Null);
        Assert.That(stdout, Does.Contain("aws cloudwatch describe-alarms --alarm-names api-cpu-high api-target-5xx api-latency"));
        Assert.That(File.ReadAllText(dir.File("x.yaml")), Does.Not.Contain("alarm:"), "nothing claims a source the inputs do not hold");
    }

    [Test]
    public void Import_NoAlarmConfiguration_IsNoted()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout) = Import(dir, "--deployment-group", Fixture("deployment-group-in-place.json"));
        Assert.That(s.Fleet.Deployment.Alarm, Is.Null);
        Assert.That(stdout, Does.Contain("the deployment group watches no alarm"));
    }

    [Test]
    public void Import_RealDescribeAlarmsExample_CpuAlarmIsNotModelled()
    {
        using var dir = new ScratchDirectory();
        var group = dir.Write("dg.json", File.ReadAllText(Fixture("deployment-group-alarms.json")).Replace("api-cpu-high", "myalarm", StringComparison.Ordinal));
        var (s, stdout) = Import(dir, "--deployment-group", group, "--alarms", Cli("describe-alarms.json"));
        Assert.That(s.Fleet.Deployment.Alarm, Is.Null);
        Assert.That(stdout, Does.Contain("alarm myalarm is not modelled: it watches AWS/EC2 CPUUtilization"));
    }
}
