using DeploySim.Metrics;
using DeploySim.Running;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>scenarios/warm-pool.yaml's header says what the simulation shows (docs/model.md#warm-pools); these tests
/// hold it to those words, on its 20 replications.</summary>
public sealed class WarmPoolScenarioTests
{
    private static (RunSummary Cold, RunSummary Warm) Run(params string[] overrides)
    {
        var run = Runner.Run(ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "warm-pool.yaml"), overrides));
        return (run.Fleets.Single(f => f.Name == "cold").Summary, run.Fleets.Single(f => f.Name == "warm").Summary);
    }

    [Test]
    public void WarmPool_ServesAScaleOutInAboutSixMinutes_AgainstFifteenCold()
    {
        var (cold, warm) = Run();
        Assert.Multiple(() =>
        {
            Assert.That(cold["scaleOutToServingP50Seconds"].P50 / 60, Is.InRange(13.5, 16.5));
            Assert.That(cold["maxScaleOutToServingSeconds"].P50 / 60, Is.InRange(28, 38));
            Assert.That(cold["abandonedLaunches"].Mean, Is.InRange(2.5, 5.5));
            Assert.That(warm["scaleOutToServingP50Seconds"].P50 / 60, Is.InRange(6, 6.5));
            Assert.That(warm["maxScaleOutToServingSeconds"].Max / 60, Is.LessThan(7), "every time");
            Assert.That(warm["launches"].Max, Is.Zero, "the pool and the reused instances cover both scale-outs");
            Assert.That(cold["unservedRequests"].P50, Is.InRange(300_000, 360_000));
            Assert.That(warm["unservedRequests"].P50, Is.InRange(70_000, 85_000));
            Assert.That(warm["warmPoolInstanceHours"].P50, Is.EqualTo(4).Within(0.1));
            Assert.That(cold["warmPoolInstanceHours"].Max, Is.Zero);
            Assert.That(cold["instanceHours"].P50 - warm["instanceHours"].P50, Is.InRange(0.5, 0.9));
        });
    }

    [Test]
    public void RunningPool_AndFastChecks_ShortenTheWarmStart()
    {
        var (_, stopped) = Run();
        var (_, running) = Run("fleets[warm].autoScaling.warmPool.poolState=Running");
        var (_, fast) = Run("fleets[warm].targetGroups[0].healthCheck.interval=5s", "fleets[warm].targetGroups[0].healthCheck.timeout=4s",
            "fleets[warm].targetGroups[0].healthCheck.healthyThreshold=2");
        Assert.Multiple(() =>
        {
            Assert.That(stopped["scaleOutToServingP50Seconds"].P50 - running["scaleOutToServingP50Seconds"].P50, Is.InRange(45, 55));
            Assert.That(fast["scaleOutToServingP50Seconds"].P50 / 60, Is.InRange(1.7, 2.1));
            Assert.That(fast["unservedRequests"].P50, Is.InRange(20_000, 30_000));
        });
    }
}
