using System.Text.Json;
using DeploySim.Engine;
using DeploySim.Import;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary><c>deploysim fit</c> on the agent's own time (docs/model.md#agent-event-gap): the gaps between events and the
/// events that run no script, from the AWS CLI's example history and the hand-made fixtures.</summary>
public sealed class AgentFitTests
{
    private static string Cli(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Real", "cli", name);

    /// <summary>A fleet whose appspec has scripts in BeforeInstall and AfterInstall only: ApplicationStop runs none.</summary>
    private const string Scenario = """
        name: example
        opsWorks: { enabled: false }
        autoScaling: { desiredCapacity: 1, minSize: 1, maxSize: 1, healthCheckType: EC2 }
        deployment:
          startAt: 1m
          hooks:
            BeforeInstall: [{ location: before.sh, duration: 1s }]
            AfterInstall: [{ location: after.sh, duration: 1s }]
        """;

    [Test]
    public void Fit_CliExampleInstance_FitsTheGapsAndTheNoOpEvent()
    {
        // get-deployment-instance's example: ApplicationStop 726.437-726.569, DownloadBundle 727.665-728.016,
        // BeforeInstall 729.125-729.744, Install 730.844-730.979, AfterInstall (failed) from 732.1.
        var history = DeploymentHistory.Read([Cli("get-deployment-instance.json")]);
        var (gaps, overlapping) = history.EventGaps();
        Assert.That(gaps, Is.EqualTo(new[] { 1.096, 1.109, 1.1, 1.121 }).Within(1e-9));
        Assert.That(overlapping, Is.Zero);

        using var dir = new ScratchDirectory();
        var scenario = dir.Write("example.yaml", Scenario);
        var (code, stdout, stderr) = RunCli("fit", "--targets", Cli("get-deployment-instance.json"), "--scenario", scenario, "--out", dir.File("fitted.yaml"), "--json");
        Assert.That(code, Is.Zero, stderr);
        var d = ScenarioLoader.Load(dir.File("fitted.yaml")).Fleet.Deployment;
        using var doc = JsonDocument.Parse(stdout);
        var gap = doc.RootElement.GetProperty("agentEventGap");
        var stop = doc.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("event").GetString() == "ApplicationStop");
        Assert.Multiple(() =>
        {
            Assert.That(d.AgentEventGap.Kind, Is.EqualTo(DistributionKind.Empirical), "4 gaps: the observations themselves");
            Assert.That(d.AgentEventGap.Values, Is.EquivalentTo(new[] { 1096.0, 1100.0, 1109.0, 1121.0 }));
            Assert.That(d.EmptyEventTime.Kind, Is.EqualTo(DistributionKind.Constant), "one ApplicationStop without scripts");
            Assert.That(d.EmptyEventTime.Mean, Is.EqualTo(132));
            Assert.That(gap.GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(4));
            Assert.That(gap.GetProperty("target").GetString(), Is.EqualTo("deployment.agentEventGap"));
            Assert.That(gap.GetProperty("fit").GetProperty("model").GetString(), Is.EqualTo("empirical"));
            Assert.That(stop.GetProperty("target").GetString(), Is.EqualTo("deployment.emptyEventTime"));
            Assert.That(stop.GetProperty("note").GetString(), Does.StartWith("runs no script in the scenario"));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][0].FailureRate, Is.EqualTo(1.0), "AfterInstall failed on the one instance that ran it");
        });
        var text = File.ReadAllText(dir.File("fitted.yaml"));
        Assert.That(text, Does.Contain("#   gap between events: n=4: empirical(4 values, median 1.105 s) -> deployment.agentEventGap"));
    }

    [Test]
    public void Fit_FixtureHistories_PoolsTheEventsWithoutScriptsAndNamesTheTrafficSettings()
    {
        using var dir = new ScratchDirectory();
        var (code, _, stderr) = RunCli("import", "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"),
            "--deployment-group", Fixture("deployment-group-in-place.json"), "--appspec", Fixture("appspec.yml"), "--out", dir.File("web.yaml"));
        Assert.That(code, Is.Zero, stderr);
        (code, var stdout, stderr) = RunCli("fit", "--targets", Fixture("targets-in-place-cli-v1.json"), Fixture("targets-in-place-cli-v2.json"),
            "--scenario", dir.File("web.yaml"), "--out", dir.File("fitted.yaml"));
        Assert.That(code, Is.Zero, stderr);
        var d = ScenarioLoader.Load(dir.File("fitted.yaml")).Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(d.Hooks.ContainsKey(LifecycleEvent.BeforeBlockTraffic), Is.False, "the fixture appspec has no BeforeBlockTraffic scripts");
            Assert.That(d.EmptyEventTime.IsZero, Is.False, "fitted from the events without scripts");
            Assert.That(stdout, Does.Match(@"BeforeBlockTraffic -> deployment\.emptyEventTime: .*runs no script in the scenario: the agent's no-op time"));
            Assert.That(stdout, Does.Match(@"BlockTraffic: not fitted: emerges from the target groups' health checks and draining \(.*deregistrationDelay .*healthyThreshold .*observed median"));
            Assert.That(stdout, Does.Contain("gap between events"));
        });
    }

    [Test]
    public void EventGaps_BlueGreenReplacement_LeavesOutTheRerouteWait()
    {
        using var dir = new ScratchDirectory();
        var file = dir.Write("bg.json", """
            { "deploymentTargets": [ { "deploymentTargetType": "InstanceTarget", "instanceTarget": {
                "deploymentId": "d-BG", "targetId": "i-green", "instanceLabel": "Green", "lifecycleEvents": [
                  { "lifecycleEventName": "AfterInstall", "status": "Succeeded", "startTime": 100.0, "endTime": 110.0 },
                  { "lifecycleEventName": "ApplicationStart", "status": "Succeeded", "startTime": 111.5, "endTime": 120.0 },
                  { "lifecycleEventName": "ValidateService", "status": "Succeeded", "startTime": 121.0, "endTime": 125.0 },
                  { "lifecycleEventName": "BeforeAllowTraffic", "status": "Succeeded", "startTime": 900.0, "endTime": 900.2 },
                  { "lifecycleEventName": "AllowTraffic", "status": "Succeeded", "startTime": 901.4, "endTime": 960.0 } ] } } ] }
            """);
        var (gaps, _) = DeploymentHistory.Read([file]).EventGaps();
        Assert.That(gaps, Is.EqualTo(new[] { 1.5, 1.0, 1.2 }).Within(1e-9), "not the 775 s from ValidateService to BeforeAllowTraffic");
    }
}
