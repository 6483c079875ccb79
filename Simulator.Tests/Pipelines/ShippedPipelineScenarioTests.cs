using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using DeploySim.Model;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;
using DeploySim.Running;

namespace DeploySim.Tests.Pipelines;

/// <summary>The headers of the pipeline, bad-revision and golden-image scenarios say what the simulation shows; these
/// tests hold it to those words (the parts the model simulates today: see each test).</summary>
public sealed class ShippedPipelineScenarioTests
{
    private static Scenario Load(string file, params string[] overrides) =>
        ScenarioLoader.Load(Path.Combine(ScenariosDirectory, file), overrides);

    private static ScenarioRun RunPipeline(string file, params string[] overrides) => Runner.Run(Load(file, overrides));

    private static RunSummary RunFleet(string file, params string[] overrides) => ScenarioRunner.Run(Load(file, overrides)).Summary;

    [Test]
    public void PipelineArticle_ApiIsTheCriticalPath_MergeToLiveAboutTwoHoursFifteen()
    {
        var run = RunPipeline("pipeline-article.yaml");
        var m = run.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
            Assert.That(run.CriticalPath!.Counts.Single(c => c.Key == "api").Value, Is.EqualTo(m.Replications));
            Assert.That(m["mergeToLiveSeconds"].Mean / 3600, Is.InRange(2.1, 2.4));
            Assert.That(run.Stages.Take(3).Sum(s => s.DurationSeconds.Mean) / 60, Is.InRange(7, 12), "CircleCI, upload, notification");
            Assert.That(run.Stages[3].Actions[1].DurationSeconds.Mean / 60, Is.InRange(1.5, 5), "the worker deployment");
            Assert.That(run.Fleets[1].Summary.PhaseSeconds.Select(p => p.Key), Has.No.Member(LifecycleEvent.BlockTraffic), "no load balancer");
            Assert.That(run.Fleets[1].Summary["peakBacklog"].Mean, Is.InRange(100, 350), "the workers' job backlog");
        });
    }

    [Test]
    public void PipelineArticle_FastHealthChecks_MergeToLiveAboutTwentyMinutes()
    {
        var run = RunPipeline("pipeline-article.yaml", "fleets[0].targetGroups[0].healthCheck.interval=5s",
            "fleets[0].targetGroups[0].healthCheck.timeout=4s", "fleets[0].targetGroups[0].healthCheck.healthyThreshold=2");
        Assert.Multiple(() =>
        {
            Assert.That(run.Summary["mergeToLiveSeconds"].P50 / 60, Is.InRange(17, 25));
            Assert.That(run.CriticalPath!.Fleet, Is.EqualTo("api"));
            Assert.That(run.CriticalPath.Stopped, Is.InRange(0, run.Replications.Count / 4), "the occasional start race");
        });
    }

    [Test]
    public void BadRevisionInPlace_RecoversOnlyAfterTheRevertWentThroughThePipeline()
    {
        var run = RunPipeline("bad-revision-in-place.yaml");
        var m = run.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m.SuccessRate, Is.Zero, "every rollout of the bad revision is rolled back");
            Assert.That(m["rolloutSeconds"].IsNone, Is.True, "no successful rollout, no rollout time");
            Assert.That(m.FailureReasons.Single().Key, Is.EqualTo("ALARM"));
            Assert.That(m["timeToFailureSeconds"].Mean / 60, Is.InRange(4.5, 7), "the first instance (about 100 s), the second, then the alarm's datapoint and lags");
            Assert.That(m["minServingCapacityPct"].Min, Is.EqualTo(100.0 * 5 / 6).Within(1e-9));
            Assert.That(m.Metrics.Select(x => x.Key), Does.Contain("timeToDetectSeconds").And.Contain("timeToRecoverSeconds"));
            Assert.That(m.Outcome.RolledBack, Is.EqualTo(m.Replications));
            Assert.That(m["timeToDetectSeconds"].Mean, Is.InRange(180, 300), "one instance of six is a 3.3 % error rate: the alarm (5 %) waits for the second");
            Assert.That(m["timeToRecoverSeconds"].Mean / 60, Is.InRange(24, 33), "revert commit 5 min + stages about 9.5 min + rollout 10 min after detection");
            Assert.That(m["badRevisionFailedRequests"].Mean, Is.InRange(60_000, 95_000));
            Assert.That(run.CriticalPath!.Stopped, Is.EqualTo(m.Replications), "a reverted deployment is a failed action");
        });
    }

    [Test]
    public void BadRevisionInPlace_RevertLeadTimeVariesWithThePipelinesStages()
    {
        var run = RunPipeline("bad-revision-in-place.yaml");
        var recover = run.Replications.Select(r => r.TimeToRecoverSeconds).Where(double.IsFinite).ToArray();
        Assert.That(recover, Has.Length.EqualTo(run.Replications.Count), "every replication recovers");
        Assert.That(recover.Max() - recover.Min(), Is.GreaterThan(120), "CircleCI's duration is drawn per replication");
    }

    [Test]
    public void BadRevisionBlueGreen_NoDip_PeaksAtTwelve_ReroutesBack()
    {
        var results = ScenarioRunner.Run(Load("bad-revision-blue-green.yaml"));
        var m = results.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
            Assert.That(m["peakInstances"].Max, Is.EqualTo(12));
            Assert.That(m.Outcome.RolledBack, Is.EqualTo(m.Replications));
            Assert.That(m["timeToRecoverSeconds"].Mean / 60, Is.InRange(6, 10));
            Assert.That(m["timeToFailureSeconds"].Mean / 60, Is.InRange(11, 16), "the replacements' setup and install, then the alarm");
            Assert.That(m.FailureReasons.Single().Key, Is.EqualTo("ALARM"));
            Assert.That(m["badRevisionFailedRequests"].Mean, Is.InRange(15_000, 30_000));
        });
    }

    [Test]
    public void BadRevisionGracefulRestart_AboutTwoAndAHalfMinutes_NoDip_FastestRecovery()
    {
        var results = ScenarioRunner.Run(Load("bad-revision-graceful-restart.yaml"));
        var m = results.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m["timeToFailureSeconds"].Mean / 60, Is.InRange(4, 6), "the code update, USR2, then the alarm");
            Assert.That(m.FailureReasons.Single().Key, Is.EqualTo("ALARM"));
            Assert.That(m["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
            Assert.That(m.Outcome.RolledBack, Is.EqualTo(m.Replications));
            Assert.That(m["timeToRecoverSeconds"].Mean / 60, Is.InRange(4, 6));
            Assert.That(m["badRevisionFailedRequests"].Mean, Is.InRange(12_000, 25_000));
            var blueGreen = RunFleet("bad-revision-blue-green.yaml");
            Assert.That(m["timeToRecoverSeconds"].Mean, Is.LessThan(blueGreen["timeToRecoverSeconds"].Mean));
            // Every host serves the bad revision at once: the error rate breaches in the first full minute.
            Assert.That(m["timeToDetectSeconds"].Mean, Is.LessThan(blueGreen["timeToDetectSeconds"].Mean));
            Assert.That(blueGreen["timeToDetectSeconds"].Mean, Is.LessThan(RunPipeline("bad-revision-in-place.yaml").Summary["timeToDetectSeconds"].Mean));
        });
    }

    [Test]
    public void GoldenImage_NoAbandonedLaunch_AndFasterThanTheArticlesSetup()
    {
        var golden = RunFleet("golden-image.yaml");
        var article = RunFleet("golden-image.yaml", "opsWorks.setupTime={lognormal: {median: 8m, p90: 14m}}", "opsWorks.setupFailureRate=0.01");
        Assert.Multiple(() =>
        {
            Assert.That(golden.Outcome.Succeeded, Is.EqualTo(golden.Replications));
            Assert.That(golden["abandonedLaunches"].Max, Is.Zero);
            Assert.That(golden["peakInstances"].Max, Is.EqualTo(32));
            Assert.That(golden["rolloutSeconds"].Mean / 3600, Is.InRange(2.4, 2.7));
            Assert.That(article["abandonedLaunches"].Mean, Is.InRange(1, 4));
            Assert.That(article.Outcome.Failed, Is.InRange(1, article.Replications / 2));
            Assert.That(article["rolloutSeconds"].P50, Is.GreaterThan(golden["rolloutSeconds"].P50 + 180));
        });
    }
}
