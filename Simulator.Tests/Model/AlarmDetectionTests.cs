using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 12 item 12: a bad revision is detected by a CloudWatch-style alarm over the target group's failed
/// requests (docs/model.md#alarms), so time to detect follows how much traffic a strategy exposes to it.</summary>
public sealed class AlarmDetectionTests
{
    /// <summary>6 instances behind api (checks every 10 s, healthy after 3), 300 rps; the revision fails 20 % of the
    /// requests it serves; the alarm: error rate at or above 5 % in one 60 s datapoint.</summary>
    private static ReplicationResult Run(StrategyKind strategy, AlarmSpec alarm)
    {
        var s = Fleets.Article(10, 3, instances: 6).WithFleet(f => f with
        {
            Traffic = new TrafficSpec { RequestsPerSecond = 300 },
            Deployment = f.Deployment with
            {
                Strategy = strategy,
                BadRevision = new BadRevisionSpec { RequestFailureRate = 0.2 },
                Alarm = alarm,
                GracefulRestart = new GracefulRestartSpec { Hosts = HostsMode.Parallel },
            },
        });
        return ScenarioRunner.RunOne(s, detail: false).Result;
    }

    private static readonly AlarmSpec ErrorRate5Pct = new() { Metric = AlarmMetric.ErrorRate, Threshold = 0.05 };

    [Test]
    public void TimeToDetect_InPlaceOneOfSix_IsSlowerThan_GracefulRestartAllAtOnce()
    {
        var inPlace = Run(StrategyKind.InPlace, ErrorRate5Pct);
        var graceful = Run(StrategyKind.GracefulRestart, ErrorRate5Pct);
        Assert.Multiple(() =>
        {
            // One instance of six at 20 % is a 3.3 % error rate: below the threshold until a second instance serves it.
            Assert.That(inPlace.TimeToDetectSeconds, Is.GreaterThan(graceful.TimeToDetectSeconds + 60));
            Assert.That(inPlace.FailureReason, Is.EqualTo(FailureReasons.Alarm));
            Assert.That(graceful.FailureReason, Is.EqualTo(FailureReasons.Alarm));
        });
    }

    [Test]
    public void TimeToDetect_AllAtOnce_IsTheBucketsPlusPublishEvaluationAndPollLags()
    {
        var r = Run(StrategyKind.GracefulRestart, ErrorRate5Pct);
        // At most two buckets (the first is partial and may not breach), the 60 s publish lag, the evaluation tick
        // (≤ 60 s) and the 30 s poll lag; at least the publish and poll lags.
        Assert.That(r.TimeToDetectSeconds, Is.InRange(90, (2 * 60) + 60 + 60 + 30));
        var slower = Run(StrategyKind.GracefulRestart, ErrorRate5Pct with { PublishLag = SimDuration.FromSeconds(180), PollLag = SimDuration.FromSeconds(60) });
        Assert.That(slower.TimeToDetectSeconds, Is.EqualTo(r.TimeToDetectSeconds + 120 + 30).Within(60), "lags add up");
    }

    [Test]
    public void FiveXxCount_ThreeOfThreeDatapoints_DetectsLaterThanOneOfOne()
    {
        var one = Run(StrategyKind.GracefulRestart, new AlarmSpec { Threshold = 100 });
        var three = Run(StrategyKind.GracefulRestart, new AlarmSpec { Threshold = 100, EvaluationPeriods = 3, DatapointsToAlarm = 3 });
        Assert.That(three.TimeToDetectSeconds, Is.EqualTo(one.TimeToDetectSeconds + 120).Within(60));
    }

    [Test]
    public void Alarm_AThresholdNeverReached_NeverDetects()
    {
        var r = Run(StrategyKind.InPlace, new AlarmSpec { Metric = AlarmMetric.ErrorRate, Threshold = 0.5 });
        Assert.That(r.TimeToDetectSeconds, Is.NaN);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
    }

    [Test]
    public void Alarm_Validation_NamesThePeriodAndTheDatapoints()
    {
        var errors = ScenarioLoader.ValidateText("""
            name: t
            targetGroups: [{ name: api }]
            deployment:
              targetGroups: [api]
              alarm: { threshold: 10, period: 90s, evaluationPeriods: 2, datapointsToAlarm: 3, targetGroup: apx }
            """, "t.yaml", ".").Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("a period of 10s, 20s, 30s or a multiple of 60s"));
            Assert.That(errors, Has.Some.Contains("datapointsToAlarm (3) is more than evaluationPeriods (2)"));
            Assert.That(errors, Has.Some.Contains("'apx' is not a target group of this fleet"));
        });
    }
}
