using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>Configurations that cannot work are refused (HEALTH_CONSTRAINTS_INVALID) or warned about before running,
/// at the position of the field that decides (docs/model.md#checks-before-running).</summary>
public sealed class FeasibilityTests
{
    private const string OneInstance = "name: t\nautoScaling: { desiredCapacity: 1, minSize: 1, maxSize: 2 }\n";

    private static IReadOnlyList<ScenarioError> Warnings(string yaml)
    {
        var (errors, warnings) = ScenarioDocument.Parse(yaml, TestFile, FixturesDirectory).Check();
        Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors));
        return warnings;
    }

    [Test]
    public void Validate_SeventyFivePercentHealthyOfOneInstance_IsHealthConstraintsInvalid() =>
        AssertError(SingleError(OneInstance + "deployment:\n  deploymentConfig: { minimumHealthyHosts: { type: FLEET_PERCENT, value: 75 } }\n"),
            4, 21, "deployment.deploymentConfig", "HEALTH_CONSTRAINTS_INVALID: Custom(FLEET_PERCENT 75) keeps at least 1 of the 1 instances");

    [Test]
    public void Validate_HostCountEqualToTheFleetAfterAScaleInBeforeTheStart_IsHealthConstraintsInvalid()
    {
        var e = SingleError("name: t\nautoScaling:\n  desiredCapacity: 4\n  minSize: 2\n  maxSize: 4\n  scheduledActions:\n    - { at: 30m, desiredCapacity: 2 }\n"
            + "deployment:\n  startAt: 1h\n  deploymentConfig: { minimumHealthyHosts: { type: HOST_COUNT, value: 2 } }\n");
        AssertError(e, 10, 21, "deployment.deploymentConfig", "keeps at least 2 of the 2 instances in service at the deployment's start");
    }

    [TestCase("CodeDeployDefault.OneAtATime")]
    [TestCase("CodeDeployDefault.AllAtOnce")]
    public void Validate_ConfigurationThatCanDeployOneInstance_IsAccepted(string config) =>
        Assert.That(Errors(OneInstance + $"deployment: {{ deploymentConfig: {config} }}\n"), Is.Empty);

    [Test]
    public void Validate_NoDeployment_ChecksNoConfiguration() =>
        Assert.That(Errors(OneInstance + "deployment:\n  startAt: never\n  deploymentConfig: { minimumHealthyHosts: { type: HOST_COUNT, value: 1 } }\n"), Is.Empty);

    [Test]
    public void Validate_GracefulRestart_ChecksNoConfiguration() =>
        Assert.That(Errors(OneInstance + "deployment:\n  strategy: graceful-restart\n  deploymentConfig: { minimumHealthyHosts: { type: HOST_COUNT, value: 1 } }\n"), Is.Empty);

    [Test]
    public void Check_WorkersGrownPastTheInstancesMemory_WarnAtTheWorkerCount()
    {
        // 1024 reserved + 250 master + 8 x (600 cap after a day of 60/h, less 195 shared with the master = 405) = 4514 MiB > 4 GiB:
        // the workers' growth over uptimeAtDeploy (24 h) and copy-on-write decide.
        var w = Warnings("name: t\ninstances: { memory: 4GiB, reservedMemory: 1GiB }\nunicorn:\n  workers: 8\n  workerMemoryGrowthPerHour: 60MiB\n");
        Assert.That(w, Has.Count.EqualTo(1));
        AssertError(w[0], 4, 12, "unicorn.workers", "steady-state memory 4514 MiB");
        Assert.That(w[0].Message, Does.Contain("exceeds the instance's 4096 MiB"));
    }

    [Test]
    public void Check_WorkersThatFitUntilTheDeployment_AreNotWarned() =>
        Assert.That(Warnings("name: t\ninstances: { memory: 4GiB, reservedMemory: 1GiB }\nunicorn:\n  workers: 7\n  workerMemoryGrowthPerHour: 10MiB\n"), Is.Empty);

    [Test]
    public void Check_DemandAboveCapacityBeforeTheDeployment_WarnsAtTheDemand()
    {
        // 2 instances x 4 workers x 10 rps = 80 rps; the profile reaches 100 rps at 30 min, before the 1 h deployment.
        var w = Warnings("name: t\ntraffic:\n  profile:\n    - { at: 0s, requestsPerSecond: 50 }\n    - { at: 30m, requestsPerSecond: 100 }\n");
        Assert.That(w, Has.Count.EqualTo(1));
        AssertError(w[0], 4, 5, "traffic.profile", "demand 100 requests/s at 30m exceeds the fleet's capacity 80 requests/s");
    }

    [Test]
    public void Check_DemandThatAScaleOutMeetsInTime_IsNotWarned() =>
        Assert.That(Warnings("name: t\nautoScaling:\n  scheduledActions:\n    - { at: 10m, desiredCapacity: 4 }\ntraffic:\n  profile:\n"
            + "    - { at: 0s, requestsPerSecond: 50 }\n    - { at: 30m, requestsPerSecond: 100 }\n"), Is.Empty);

    [Test]
    public void Check_DemandOutgrowingCapacityJustBeforeAScaleOut_WarnsAtTheScaleOut()
    {
        // At 20 min demand has reached 83 rps while 2 instances serve 80, just before the scale-out to 4.
        var w = Warnings("name: t\nautoScaling:\n  scheduledActions:\n    - { at: 20m, desiredCapacity: 4 }\ntraffic:\n  profile:\n"
            + "    - { at: 0s, requestsPerSecond: 50 }\n    - { at: 30m, requestsPerSecond: 100 }\n");
        Assert.That(w.Single().Message, Does.StartWith("demand 83.33 requests/s at 20m exceeds the fleet's capacity 80 requests/s"));
    }

    [Test]
    public void Check_DemandAboveCapacityOnlyAfterTheDeploymentStarts_IsNotWarned() =>
        Assert.That(Warnings("name: t\ntraffic:\n  profile:\n    - { at: 0s, requestsPerSecond: 50 }\n    - { at: 1h, requestsPerSecond: 80 }\n    - { at: 3h, requestsPerSecond: 500 }\n"), Is.Empty);

    [Test]
    public void Check_ShippedScenarios_HaveNoWarnings()
    {
        foreach (var file in Directory.EnumerateFiles(ScenariosDirectory, "*.yaml"))
            Assert.That(ScenarioLoader.Check(file).Warnings, Is.Empty, Path.GetFileName(file));
    }
}
