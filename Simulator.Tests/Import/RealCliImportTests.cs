using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary>Import from the AWS CLI's own example outputs (Simulator.Tests/Import/Real/cli, see its README).</summary>
public sealed class RealCliImportTests
{
    private static string Cli(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Real", "cli", name);

    private static (Scenario Scenario, string Out) Import(ScratchDirectory dir, params string[] args)
    {
        var (code, stdout, stderr) = RunCli(["import", .. args, "--out", dir.File("x.yaml")]);
        Assert.That(code, Is.Zero, stderr);
        return (ScenarioLoader.Load(dir.File("x.yaml")), stdout);
    }

    [Test]
    public void Import_CliExampleGroup_CopiesItsValues()
    {
        using var dir = new ScratchDirectory();
        var (s, _) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"));
        Assert.That((s.Fleet.AutoScaling.DesiredCapacity, s.Fleet.AutoScaling.MinSize, s.Fleet.AutoScaling.MaxSize, s.Fleet.AutoScaling.HealthCheckType, s.Fleet.AutoScaling.HealthCheckGracePeriod.TotalSeconds),
            Is.EqualTo((1, 0, 1, HealthCheckType.EC2, 300.0)));
    }

    [Test]
    public void Import_HealthCheckTypeListNamingElb_MeansElbHealthChecks()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout) = Import(dir, "--asg", Cli("describe-auto-scaling-groups-elb-ebs.json"));
        Assert.That(s.Fleet.AutoScaling.HealthCheckType, Is.EqualTo(HealthCheckType.ELB));
        Assert.That(stdout, Does.Contain("health check type EBS not modelled (HealthCheckType ELB,EBS)"));
        Assert.That(File.ReadAllText(dir.File("x.yaml")), Does.Contain("healthCheckType: ELB  # HealthCheckType ELB,EBS"));
    }

    [Test]
    public void Import_ConfigurationTheFleetCannotKeep_ReportsHealthConstraintsInvalidAsValidateDoes()
    {
        // The CLI examples' ThreeQuartersHealthy (75 %) on the CLI example's one-instance group: ceil(0.75 × 1) = 1 of 1.
        using var dir = new ScratchDirectory();
        var (code, stdout, stderr) = RunCli(["import", "--asg", Cli("describe-auto-scaling-groups.json"), "--deployment-group", Cli("get-deployment-group.json"),
            "--deployment-config", Cli("get-deployment-config.json"), "--out", dir.File("x.yaml")]);
        var (validateCode, _, validateStderr) = RunCli(["validate", dir.File("x.yaml")]);
        var line = validateStderr.Split('\n').Single(l => l.Contains("HEALTH_CONSTRAINTS_INVALID", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That((code, validateCode), Is.EqualTo((0, 1)), "import writes the account as it is; validate refuses it");
            Assert.That(line, Does.Contain("HEALTH_CONSTRAINTS_INVALID: ThreeQuartersHealthy keeps at least 1 of the 1"));
            Assert.That(stderr.Split('\n'), Has.Member(line), "import prints validate's own line");
            Assert.That(stdout, Does.Contain("validate and run refuse it"));
        });
    }

    [Test]
    public void Import_ConfigurationTheFleetCanKeep_SaysNothingOfHealthConstraints()
    {
        using var dir = new ScratchDirectory();
        var (_, stdout) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--deployment-group", Cli("get-deployment-group.json"));
        Assert.That(stdout, Does.Not.Contain("HEALTH_CONSTRAINTS_INVALID"));
    }
}
