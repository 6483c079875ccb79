using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary><c>deploysim import</c>: every AWS field it reads lands where it belongs, and the written scenario loads and runs.</summary>
public sealed class ImportTests
{
    private static string[] AllInputs(string output, string group = "deployment-group-in-place.json") =>
    [
        "import", "--asg", Fixture("asg.json"), "--lifecycle-hooks", Fixture("lifecycle-hooks.json"), "--target-groups", Fixture("target-groups.json"),
        "--target-group-attributes", "api=" + Fixture("tg-attributes-api.json"),
        "--target-group-attributes", "internal-api=" + Fixture("tg-attributes-internal-api.json"),
        "--deployment-group", Fixture(group), "--deployment-config", Fixture("deployment-config-custom.json"),
        "--appspec", Fixture("appspec.yml"), "--out", output,
    ];

    private static Scenario Import(ScratchDirectory dir, params string[] args)
    {
        var (code, stdout, stderr) = RunCli(args);
        Assert.That(code, Is.Zero, stderr + stdout);
        return ScenarioLoader.Load(args[Array.IndexOf(args, "--out") + 1]);
    }

    [Test]
    public void Import_AllInputs_MapsEveryFieldAndTheScenarioRuns()
    {
        using var dir = new ScratchDirectory();
        var s = Import(dir, AllInputs(dir.File("web.yaml")));
        var a = s.Fleet.AutoScaling;
        var api = s.Fleet.TargetGroups.Single(t => t.Name == "api");
        var internalApi = s.Fleet.TargetGroups.Single(t => t.Name == "internal-api");
        var d = s.Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(s.Name, Is.EqualTo("rails-api-dg"));
            Assert.That((a.DesiredCapacity, a.MinSize, a.MaxSize), Is.EqualTo((12, 12, 24)));
            Assert.That(a.HealthCheckType, Is.EqualTo(HealthCheckType.EC2));
            Assert.That(a.HealthCheckGracePeriod, Is.EqualTo(SimDuration.FromSeconds(300)));
            Assert.That(a.TerminationOrder, Is.EqualTo(TerminationOrder.OldestInstance));
            Assert.That(a.LaunchHook.Enabled, Is.True);
            Assert.That(a.LaunchHook.HeartbeatTimeout, Is.EqualTo(SimDuration.FromSeconds(600)));
            Assert.That(a.LaunchHook.GlobalTimeout, Is.EqualTo(SimDuration.FromSeconds(60_000)));
            Assert.That(a.LaunchHook.DefaultResult, Is.EqualTo(LifecycleHookResult.Abandon));
            Assert.That(s.Fleet.TargetGroups.Select(t => t.Name), Is.EqualTo(new[] { "api", "internal-api" }), "admin-lambda is not attached to the group");
            Assert.That(api.HealthCheck, Is.EqualTo(new HealthCheckSpec { Interval = SimDuration.FromSeconds(30), Timeout = SimDuration.FromSeconds(5), HealthyThreshold = 10, UnhealthyThreshold = 2 }));
            Assert.That((api.DeregistrationDelay, api.SlowStart), Is.EqualTo((SimDuration.FromSeconds(300), SimDuration.Zero)));
            Assert.That(internalApi.HealthCheck, Is.EqualTo(new HealthCheckSpec { Interval = SimDuration.FromSeconds(10), Timeout = SimDuration.FromSeconds(5), HealthyThreshold = 3, UnhealthyThreshold = 2 }));
            Assert.That((internalApi.DeregistrationDelay, internalApi.SlowStart), Is.EqualTo((SimDuration.FromSeconds(30), SimDuration.FromSeconds(60))));
            Assert.That(d.Strategy, Is.EqualTo(StrategyKind.InPlace));
            Assert.That(d.TargetGroups, Is.EqualTo(new[] { "api" }), "the deployment group manages api only");
            Assert.That(d.Config, Is.EqualTo(DeploymentConfig.Custom(MinimumHealthyHostsType.HostCount, 11) with { Name = "ElevenOfTwelve" }));
            Assert.That((d.AppSpecPath, d.FromAppSpec), Is.EqualTo(((string?)null, true)), "the appspec is written inline by default");
            Assert.That(d.Hooks.Keys, Is.EqualTo(new[] { LifecycleEvent.ApplicationStop, LifecycleEvent.BeforeInstall, LifecycleEvent.AfterInstall, LifecycleEvent.ApplicationStart, LifecycleEvent.ValidateService }));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall].Select(h => (h.Location, h.Timeout.TotalSeconds)),
                Is.EqualTo(new[] { ("codedeploy/db-migrate.sh", 600.0), ("codedeploy/assets-precompile.sh", 900.0) }), "timeouts stay in the appspec");
            Assert.That(d.Hooks.Values.SelectMany(h => h).Select(h => h.Duration.Mean), Has.All.Zero, "durations: the default, to be fitted");
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].Action, Is.EqualTo(ScriptAction.StopApplication));
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStart][0].Action, Is.EqualTo(ScriptAction.StartApplication));
            Assert.That(d.AutoRollback, Is.True);
            Assert.That(d.OutdatedInstances, Is.EqualTo(OutdatedInstancesStrategy.Update));
            Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "web.yaml" }), "no side file: the scenario stands alone");
        });
        var run = ScenarioRunner.Run(s with { Replications = 2 }, degreeOfParallelism: 1);
        Assert.That(run.Replications.Select(r => r.Outcome), Has.All.EqualTo(DeploymentOutcome.Succeeded));
    }

    [Test]
    public void Import_AllInputs_WritesCommentsOnDefaultsAndTheSchemaLine()
    {
        using var dir = new ScratchDirectory();
        var (code, stdout, _) = RunCli(AllInputs(dir.File("web.yaml")));
        var text = File.ReadAllText(dir.File("web.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(text, Does.StartWith("# yaml-language-server: $schema="));
            Assert.That(text, Does.Contain("unicorn:  # default: not in the inputs"));
            Assert.That(text, Does.Contain("healthCheckGracePeriod: 300s  # HealthCheckGracePeriod"));
            Assert.That(text, Does.Contain("codedeploy/db-migrate.sh: { duration: 0s }  # runs in AfterInstall"));
            Assert.That(text, Does.Contain("durations: default 0s, to be fitted (deploysim fit)"));
            Assert.That(stdout, Does.Contain("wrote").And.Not.Contain("web.appspec.yml"));
            Assert.That(text, Does.Contain("  appspec:  # --appspec appspec.yml, written inline"));
            Assert.That(stdout, Does.Contain("note: termination hook drain-sidekiq-on-terminate: what completes it"), "a terminate hook is modelled");
            Assert.That(stdout, Does.Contain("note: target group admin-lambda is left out"));
        });
    }

    [Test]
    public void Import_BlueGreen_MapsProvisioningRerouteAndTermination()
    {
        using var dir = new ScratchDirectory();
        var s = Import(dir, "import", "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"),
            "--deployment-group", Fixture("deployment-group-blue-green.json"), "--appspec", Fixture("appspec.yml"), "--out", dir.File("bg.yaml"));
        var b = s.Fleet.Deployment.BlueGreen;
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.Strategy, Is.EqualTo(StrategyKind.BlueGreen));
            Assert.That(s.Fleet.Deployment.Config, Is.EqualTo(DeploymentConfig.HalfAtATime));
            Assert.That((b.TerminationWait, b.KeepAlive, b.RerouteWait), Is.EqualTo((SimDuration.FromMinutes(5), false, (SimDuration?)null)));
            Assert.That(s.Fleet.Deployment.AutoRollback, Is.True);
        });
        var run = ScenarioRunner.Run(s.WithFleet(f => f with { OpsWorks = s.Fleet.OpsWorks with { Enabled = false } }) with { Replications = 2 }, degreeOfParallelism: 1);
        Assert.That(run.Replications.Select(r => r.Outcome), Has.All.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(ScenarioRunner.Run(s with { Replications = 1 }).Replications[0].Outcome, Is.Not.EqualTo(DeploymentOutcome.None), "it also runs as written");
    }

    [Test]
    public void Import_StopDeploymentAndKeepAlive_WaitsAndKeepsTheOriginals()
    {
        using var dir = new ScratchDirectory();
        var group = dir.Write("dg.json", File.ReadAllText(Fixture("deployment-group-blue-green.json"))
            .Replace("\"TERMINATE\"", "\"KEEP_ALIVE\"", StringComparison.Ordinal)
            .Replace("\"CONTINUE_DEPLOYMENT\",\n                \"waitTimeInMinutes\": 0", "\"STOP_DEPLOYMENT\",\n                \"waitTimeInMinutes\": 30", StringComparison.Ordinal));
        var s = Import(dir, "import", "--deployment-group", group, "--out", dir.File("bg.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.BlueGreen.KeepAlive, Is.True);
            Assert.That(s.Fleet.Deployment.BlueGreen.RerouteWait, Is.EqualTo(SimDuration.FromMinutes(30)));
            Assert.That(s.Fleet.TargetGroups.Single().Name, Is.EqualTo("api"), "named by the deployment group, with default health checks");
            Assert.That(s.Fleet.TargetGroups.Single().HealthCheck, Is.EqualTo(new HealthCheckSpec()));
        });
    }

    [Test]
    public void Import_DeploymentGroupOnly_UsesDefaultsAndSaysWhatIsMissing()
    {
        using var dir = new ScratchDirectory();
        var (code, stdout, _) = RunCli("import", "--deployment-group", Fixture("deployment-group-in-place.json"), "--out", dir.File("dg.yaml"));
        var s = ScenarioLoader.Load(dir.File("dg.yaml"));
        var text = File.ReadAllText(dir.File("dg.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(s.Fleet.AutoScaling.DesiredCapacity, Is.EqualTo(new AutoScalingSpec().DesiredCapacity));
            Assert.That(s.Fleet.Deployment.Config, Is.EqualTo(DeploymentConfig.OneAtATime));
            Assert.That(stdout, Does.Contain("custom configuration ElevenOfTwelve: give --deployment-config"));
            Assert.That(text, Does.Contain("deploymentConfig: CodeDeployDefault.OneAtATime  # default: not in the inputs: custom configuration ElevenOfTwelve"));
            Assert.That(text, Does.Contain("the deployment group names hook CodeDeploy-managed-automatic-launch-deployment-hook-rails-api-dg"));
            Assert.That(s.Fleet.Deployment.Hooks, Is.Empty);
        });
    }

    [Test]
    public void Import_WithoutTrafficControl_ManagesNoTargetGroup()
    {
        using var dir = new ScratchDirectory();
        var group = dir.Write("dg.json", File.ReadAllText(Fixture("deployment-group-in-place.json")).Replace("WITH_TRAFFIC_CONTROL", "WITHOUT_TRAFFIC_CONTROL", StringComparison.Ordinal));
        var s = Import(dir, "import", "--asg", Fixture("asg.json"), "--deployment-group", group, "--out", dir.File("x.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.TargetGroups, Is.Empty);
            Assert.That(s.Fleet.TargetGroups.Select(t => t.Name), Is.EqualTo(new[] { "api", "internal-api" }), "the group still registers with both (names from TargetGroupARNs)");
        });
    }

    [Test]
    public void Import_AppSpecFile_CopiesTheAppSpecNextToTheOutput()
    {
        using var dir = new ScratchDirectory();
        var (code, stdout, stderr) = RunCli([.. AllInputs(dir.File("web.yaml")), "--appspec-file"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(ScenarioLoader.Load(dir.File("web.yaml")).Fleet.Deployment.AppSpecPath, Is.EqualTo("web.appspec.yml"));
            Assert.That(File.ReadAllText(dir.File("web.appspec.yml")), Is.EqualTo(File.ReadAllText(Fixture("appspec.yml"))), "the appspec is copied next to the output");
            Assert.That(stdout, Does.Contain("wrote").And.Contain("web.appspec.yml"));
        });
    }

    [Test]
    public void Import_AppSpecFileInTheOutputFolder_IsReferencedNotCopied()
    {
        using var dir = new ScratchDirectory();
        var appspec = dir.Write("appspec.yml", File.ReadAllText(Fixture("appspec.yml")));
        var s = Import(dir, "import", "--appspec", appspec, "--appspec-file", "--out", dir.File("app.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.AppSpecPath, Is.EqualTo("appspec.yml"));
            Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "appspec.yml", "app.yaml" }));
        });
    }

    [Test]
    public void Import_OutInANewFolder_CreatesIt()
    {
        using var dir = new ScratchDirectory();
        var s = Import(dir, "import", "--deployment-group", Fixture("deployment-group-blue-green.json"), "--out", dir.File("new/folder/bg.yaml"));
        Assert.That(s.Fleet.Deployment.Strategy, Is.EqualTo(StrategyKind.BlueGreen));
    }

    [Test]
    public void Import_StopScriptWithNoLaterStart_GetsNoAction()
    {
        using var dir = new ScratchDirectory();
        var appspec = dir.Write("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop-nginx.sh\n  AfterInstall:\n    - location: warm-cache.sh\n");
        var s = Import(dir, "import", "--appspec", appspec, "--out", dir.File("app.yaml"));
        Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.ApplicationStop][0].Action, Is.EqualTo(ScriptAction.None));
    }

    [Test]
    public void Import_GroupChosenByTheDeploymentGroup_NotesSuspendedProcesses()
    {
        using var dir = new ScratchDirectory();
        var (code, stdout, stderr) = RunCli("import", "--asg", Fixture("asg-two-groups.json"), "--deployment-group", Fixture("deployment-group-in-place.json"), "--out", dir.File("x.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(ScenarioLoader.Load(dir.File("x.yaml")).Fleet.AutoScaling.HealthCheckType, Is.EqualTo(HealthCheckType.ELB));
            Assert.That(stdout, Does.Contain("suspended processes are not modelled: AZRebalance"));
        });
    }

    [Test]
    public void Import_AttributesNamedByArn_AreMatched()
    {
        using var dir = new ScratchDirectory();
        var s = Import(dir, "import", "--target-groups", Fixture("target-groups.json"),
            "--target-group-attributes", "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/internal-api/2453ed029918f21f=" + Fixture("tg-attributes-internal-api.json"),
            "--out", dir.File("x.yaml"));
        Assert.That(s.Fleet.TargetGroups.Single(t => t.Name == "internal-api").SlowStart, Is.EqualTo(SimDuration.FromSeconds(60)));
    }

    [TestCase("--asg", "deployment-group-in-place.json", "this is the output of 'aws deploy get-deployment-group'")]
    [TestCase("--target-groups", "malformed/target-groups-query.json", "was the output filtered with --query?")]
    [TestCase("--lifecycle-hooks", "malformed/lifecycle-hooks-out-of-range.json", "LifecycleHooks[0].HeartbeatTimeout: 10 is out of range")]
    [TestCase("--asg", "malformed/asg-expired-token.json", ":2:1: not valid JSON")]
    [TestCase("--deployment-config", "no-such.json", "file not found")]
    public void Import_BadInput_ExitsOneNamingFileAndPlace(string option, string file, string message)
    {
        using var dir = new ScratchDirectory();
        var (code, stdout, stderr) = RunCli("import", option, Fixture(file), "--out", dir.File("x.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.StartWith(Fixture(file)));
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stdout, Is.Empty);
            Assert.That(Directory.GetFiles(dir.Path), Is.Empty, "nothing is written, not even a temporary file");
        });
    }

    [Test]
    public void Import_AttributesForAGroupNotInTargetGroups_IsAUsageError()
    {
        using var dir = new ScratchDirectory();
        var (code, _, stderr) = RunCli("import", "--target-groups", Fixture("target-groups.json"), "--target-group-attributes", "web=" + Fixture("tg-attributes-api.json"), "--out", dir.File("x.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), "an option value naming no target group is a usage error (issue 14)");
            Assert.That(stderr, Does.Contain("no target group 'web'").And.Contain("api, internal-api, admin-lambda"));
        });
    }

    [TestCase(new[] { "import", "--out", "x.yaml" }, "give at least one input")]
    [TestCase(new[] { "import", "--target-group-attributes", "api.json", "--out", "x.yaml" }, "is not NAME=FILE")]
    [TestCase(new[] { "import", "--asg", "asg.json" }, "--out")]
    public void Import_UsageErrors_ExitTwo(string[] args, string message)
    {
        var (code, _, stderr) = RunCli(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain(message));
        });
    }
}
