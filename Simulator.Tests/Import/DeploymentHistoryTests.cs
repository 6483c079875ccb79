using DeploySim.Import;
using DeploySim.Scenarios;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary>Reading past deployments: both time stamp formats, the older instance shape, blue/green labels, failed and
/// skipped events, duplicates.</summary>
public sealed class DeploymentHistoryTests
{
    [Test]
    public void Read_InPlaceWithAFailure_CountsFailedAndSkippedAndKeepsSucceededTimes()
    {
        var history = DeploymentHistory.Read([Fixture("targets-in-place-cli-v1.json")]);
        var byEvent = history.ByEvent().ToDictionary(o => o.Event);
        Assert.Multiple(() =>
        {
            Assert.That(history.Deployments, Is.EqualTo(1));
            Assert.That(history.Instances, Is.EqualTo(6));
            Assert.That(byEvent.Keys, Is.EqualTo(Enum.GetValues<LifecycleEvent>()), "every event of an in-place deployment with a load balancer, in order");
            Assert.That(byEvent[LifecycleEvent.AfterInstall].Seconds, Has.Length.EqualTo(5));
            Assert.That(byEvent[LifecycleEvent.AfterInstall].Failed, Is.EqualTo(1));
            Assert.That(byEvent[LifecycleEvent.ApplicationStart].Skipped, Is.EqualTo(1), "the rest of a failed instance's events are skipped");
            Assert.That(byEvent[LifecycleEvent.ApplicationStart].Seconds, Has.Length.EqualTo(5));
            Assert.That(byEvent[LifecycleEvent.BlockTraffic].Seconds, Has.All.InRange(300.0, 305.0));
            Assert.That(history.RolloutSeconds(), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Read_CliV2IsoTimes_GivesPositiveDurationsAcrossTheOffset()
    {
        var history = DeploymentHistory.Read([Fixture("targets-in-place-cli-v2.json")]);
        var bundle = history.ByEvent().Single(o => o.Event == LifecycleEvent.DownloadBundle);
        Assert.Multiple(() =>
        {
            Assert.That(bundle.Seconds, Has.Length.EqualTo(6));
            Assert.That(bundle.Seconds, Has.All.InRange(1.0, 10.0));
            Assert.That(history.Events.Select(e => e.DeploymentId).Distinct(), Is.EqualTo(new[] { "d-K2M9P4T6W" }));
        });
    }

    [Test]
    public void Read_TimeStamps_AreRoundedToMillisecondsBeforeAnyDuration()
    {
        // The same event as AWS CLI v2 prints it (microseconds, an offset) and as v1 would (epoch seconds, 3 decimals).
        using var dir = new ScratchDirectory();
        string Target(string start, string end) => "{ \"deploymentTargets\": [ { \"deploymentTargetType\": \"InstanceTarget\", \"instanceTarget\": { \"deploymentId\": \"d-1\", \"targetId\": \"i-1\", \"lifecycleEvents\": [ "
            + $"{{ \"lifecycleEventName\": \"AfterInstall\", \"startTime\": {start}, \"endTime\": {end}, \"status\": \"Succeeded\" }} ] }} }} ] }}";
        var v2 = DeploymentHistory.Read([dir.Write("v2.json", Target("\"2018-07-19T14:17:56.1234996+09:00\"", "\"2018-07-19T14:18:06.4565+09:00\""))]);
        var v1 = DeploymentHistory.Read([dir.Write("v1.json", Target("1531977476.123", "1531977486.457"))]);
        Assert.Multiple(() =>
        {
            Assert.That(v2.Events.Single().Start, Is.EqualTo(1531977476.123));
            Assert.That(v2.Events.Single().Seconds, Is.EqualTo(10.334), "exactly, from whole milliseconds");
            Assert.That(v1.Events.Single().Seconds, Is.EqualTo(v2.Events.Single().Seconds));
        });
    }

    [Test]
    public void Read_BatchGetDeploymentInstancesShape_ReadsInstanceSummaries()
    {
        var history = DeploymentHistory.Read([Fixture("instances-cli-v1.json")]);
        Assert.Multiple(() =>
        {
            Assert.That(history.Instances, Is.EqualTo(3));
            Assert.That(history.Events.Select(e => e.Label).Distinct(), Is.EqualTo(new[] { "BLUE" }));
            Assert.That(history.ByEvent().Single(o => o.Event == LifecycleEvent.Install).Seconds, Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void Read_BlueGreen_LabelsOriginalsBlueAndReplacementsGreen()
    {
        var history = DeploymentHistory.Read([Fixture("targets-blue-green.json")]);
        var green = history.Events.Where(e => e.Label == "GREEN").Select(e => e.Event).Distinct().ToList();
        var blue = history.Events.Where(e => e.Label == "BLUE").Select(e => e.Event).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(history.Instances, Is.EqualTo(8));
            Assert.That(blue, Is.EquivalentTo(new LifecycleEvent?[] { LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.BlockTraffic, LifecycleEvent.AfterBlockTraffic }));
            Assert.That(green, Does.Contain(LifecycleEvent.Install).And.Contain(LifecycleEvent.AllowTraffic).And.Not.Contain(LifecycleEvent.BlockTraffic));
        });
    }

    [Test]
    public void Read_SameFileTwice_CountsEachEventOnce()
    {
        var once = DeploymentHistory.Read([Fixture("targets-in-place-cli-v1.json")]);
        var twice = DeploymentHistory.Read([Fixture("targets-in-place-cli-v1.json"), Fixture("targets-in-place-cli-v1.json")]);
        Assert.Multiple(() =>
        {
            Assert.That(twice.Events, Has.Count.EqualTo(once.Events.Count));
            Assert.That(twice.Notes, Has.One.Contains("appear in more than one file"));
        });
    }

    [Test]
    public void Read_ListDeploymentInstances_ExplainsWhichCommandToSaveInstead()
    {
        var ex = Assert.Throws<ScenarioException>(() => DeploymentHistory.Read([Fixture("list-deployment-instances.json")]))!;
        Assert.That(ex.Errors.Single().Message, Does.Contain("lists instance IDs only").And.Contain("batch-get-deployment-targets"));
    }

    [Test]
    public void Read_UnknownEventNameAndUnfinishedEvent_AreLeftOutAndCounted()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("t.json", """
            { "deploymentTargets": [ { "deploymentTargetType": "InstanceTarget", "instanceTarget": {
              "deploymentId": "d-1", "targetId": "i-1", "status": "InProgress", "lifecycleEvents": [
                { "lifecycleEventName": "Start", "status": "Succeeded", "startTime": 10.0, "endTime": 10.5 },
                { "lifecycleEventName": "ApplicationStop", "status": "Succeeded", "startTime": 11.0, "endTime": 13.25 },
                { "lifecycleEventName": "DownloadBundle", "status": "Succeeded", "startTime": 14.0 },
                { "lifecycleEventName": "BeforeInstall", "status": "InProgress", "startTime": 15.0 },
                { "lifecycleEventName": "Install", "status": "Pending" } ] } } ] }
            """);
        var history = DeploymentHistory.Read([path]);
        var byEvent = history.ByEvent().ToDictionary(o => o.Event);
        Assert.Multiple(() =>
        {
            Assert.That(byEvent[LifecycleEvent.ApplicationStop].Seconds, Is.EqualTo(new[] { 2.25 }));
            Assert.That(byEvent[LifecycleEvent.DownloadBundle].NoTimes, Is.EqualTo(1));
            Assert.That(byEvent[LifecycleEvent.BeforeInstall].Other, Is.EqualTo(1));
            Assert.That(byEvent[LifecycleEvent.Install].Other, Is.EqualTo(1));
            Assert.That(history.Notes, Has.One.Contains("does not model").And.Contains("Start"));
        });
    }

    [Test]
    public void Read_LambdaTarget_IsRefused()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("t.json", """{ "deploymentTargets": [ { "deploymentTargetType": "LambdaTarget", "lambdaTarget": {} } ] }""");
        var e = Assert.Throws<ScenarioException>(() => DeploymentHistory.Read([path]))!.Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.Field, Is.EqualTo("deploymentTargets[0].deploymentTargetType"));
            Assert.That(e.Message, Does.Contain("instance targets"));
        });
    }
}
