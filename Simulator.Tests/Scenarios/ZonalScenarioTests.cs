using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>scenarios/zonal.yaml's header says what the simulation shows (docs/model.md#zonal-deployments); these
/// tests hold it to those words, on 20 replications.</summary>
public sealed class ZonalScenarioTests
{
    private static RunSummary Run(params string[] overrides) =>
        ScenarioRunner.Run(ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "zonal.yaml"), ["replications=20", .. overrides])).Summary;

    [Test]
    public void Zonal_SucceedsInAboutTwoHours_NeverBelowTenOfTwelve()
    {
        var m = Run();
        var open = Run("deployment.zonalConfig.minimumHealthyHostsPerZone.value=0");
        Assert.Multiple(() =>
        {
            Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
            Assert.That(m["rolloutSeconds"].P50 / 3600, Is.InRange(1.95, 2.25));
            Assert.That(m["minServingCapacityPct"].Min, Is.EqualTo(100.0 * 10 / 12).Within(1e-6));
            Assert.That(m["failedRequests"].Max, Is.Zero);
            Assert.That(m["staleInstances"].Mean, Is.InRange(1, 3), "a single-instance follow-on fails HEALTH_CONSTRAINTS_INVALID");
            Assert.That(open["minServingCapacityPct"].Min, Is.EqualTo(100.0 * 8 / 12).Within(1e-6), "a whole zone at once");
            Assert.That(open["rolloutSeconds"].P50, Is.LessThan(m["rolloutSeconds"].P50));
        });
    }
}
