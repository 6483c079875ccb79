using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>scenarios/instance-refresh.yaml's header says what the simulation shows (docs/model.md#instance-refresh);
/// these tests hold it to those words, on 20 replications.</summary>
public sealed class InstanceRefreshScenarioTests
{
    private static RunSummary Run(StrategyKind strategy, params string[] overrides) =>
        ScenarioRunner.Run(ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "instance-refresh.yaml"), ["replications=20", .. overrides])
            .WithFleet(f => f with { Deployment = f.Deployment with { Strategy = strategy } })).Summary;

    [Test]
    public void InstanceRefresh_SucceedsInAboutTwoHours_WithoutADip_AndNothingStale()
    {
        var m = Run(StrategyKind.InstanceRefresh);
        var inPlace = Run(StrategyKind.InPlace);
        Assert.Multiple(() =>
        {
            Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
            Assert.That(m["rolloutSeconds"].P50 / 3600, Is.InRange(1.8, 2.25));
            Assert.That(m["rolloutSeconds"].P90 / 3600, Is.InRange(1.9, 2.5));
            Assert.That(m["minServingCapacityPct"].Min, Is.EqualTo(100).Within(1e-9));
            Assert.That(m["failedRequests"].Max, Is.Zero);
            Assert.That(m["staleInstances"].Max, Is.Zero, "the scale-out launched from the new template");
            Assert.That(m["peakInstances"].Mean, Is.InRange(22, 26));
            Assert.That(m["instanceHours"].Mean / inPlace["instanceHours"].Mean, Is.InRange(1.0, 1.06));
        });
    }

    [Test]
    public void ArticlesGracePeriod_FailsTheRefreshAfterAnHourOfReplacedInstances()
    {
        var m = Run(StrategyKind.InstanceRefresh, "autoScaling.healthCheckGracePeriod=300s");
        Assert.Multiple(() =>
        {
            Assert.That(m.Outcome.Succeeded, Is.Zero);
            Assert.That(m.FailureReasons.Single(), Is.EqualTo(new KeyValuePair<string, int>(FailureReasons.InstanceRefreshFailed, m.Replications)));
            Assert.That(m["timeToFailureSeconds"].Min, Is.GreaterThanOrEqualTo(3600));
        });
    }
}
