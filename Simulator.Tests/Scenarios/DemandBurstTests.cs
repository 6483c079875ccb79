using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary><c>traffic.bursts</c> (docs/model.md#demand-and-bursts): folded into the demand profile when read, so the
/// world integrates them exactly like a profile.</summary>
public sealed class DemandBurstTests
{
    private const string Base = "name: t\ntraffic:\n  requestsPerSecond: 100\n";

    [Test]
    public void Burst_OnAConstantDemand_BecomesATrapezoidInTheProfile()
    {
        var t = ScenarioTestSupport.Load(Base + "  bursts:\n    - { at: 10m, for: 4m, factor: 3, ramp: 1m }\n").Fleet.Traffic;
        Assert.That(t.Bursts, Is.EqualTo(new[] { new DemandBurst(SimDuration.FromMinutes(10), SimDuration.FromMinutes(4), 3, SimDuration.FromMinutes(1)) }));
        Assert.That(t.Profile.Select(p => (p.At.Milliseconds / 60_000, p.RequestsPerSecond)),
            Is.EqualTo(new[] { (10L, 100.0), (11L, 300.0), (13L, 300.0), (14L, 100.0) }));
    }

    [Test]
    public void OverlappingBursts_Multiply_AndFollowTheProfileUnderneath()
    {
        var t = ScenarioTestSupport.Load("name: t\ntraffic:\n  profile:\n    - { at: 0s, requestsPerSecond: 100 }\n    - { at: 20m, requestsPerSecond: 200 }\n"
            + "  bursts:\n    - { at: 5m, for: 10m, factor: 2 }\n    - { at: 8m, for: 2m, factor: 0.5 }\n").Fleet.Traffic;
        double At(double minutes) => t.Profile.Single(p => p.At == SimDuration.FromMilliseconds((long)(minutes * 60_000))).RequestsPerSecond;
        Assert.Multiple(() =>
        {
            Assert.That(At(0), Is.EqualTo(100));
            Assert.That(At(5), Is.EqualTo(125).Within(1e-9), "the base at 5 min, before the ramp");
            Assert.That(At(8 + (1 / 60.0)), Is.EqualTo((100 + (100 * 481 / 1200.0)) * 2 * 0.5).Within(1e-9), "both bursts at 8 min 1 s");
            Assert.That(At(8), Is.EqualTo((100 + (100 * 480 / 1200.0)) * 2).Within(1e-9), "the first burst alone at 8 min");
            Assert.That(At(20), Is.EqualTo(200));
        });
    }

    [Test]
    public void Burst_InTheWorld_AddsItsExtraDemand()
    {
        // 100 rps for an hour, tripled for 10 min with 1 s ramps: 360,000 + 2 × 100 × (600 − 1) = 479,800 requests.
        var plain = ScenarioTestSupport.Load(Base + "horizon: 1h\ndeployment:\n  startAt: never\n");
        var burst = ScenarioTestSupport.Load(Base + "  bursts:\n    - { at: 20m, for: 10m, factor: 3 }\nhorizon: 1h\ndeployment:\n  startAt: never\n");
        Assert.That(ScenarioRunner.RunOne(plain, detail: false).Result.DemandRequests, Is.EqualTo(360_000).Within(1e-6));
        Assert.That(ScenarioRunner.RunOne(burst, detail: false).Result.DemandRequests, Is.EqualTo(479_800).Within(1e-6));
    }

    [Test]
    public void Burst_ShorterThanItsRamps_IsAnError() =>
        ScenarioTestSupport.AssertError(ScenarioTestSupport.SingleError(Base + "  bursts:\n    - { at: 10m, for: 1m, factor: 2, ramp: 40s }\n"),
            5, 23, "traffic.bursts[0].for", "shorter than the two ramps");

    [Test]
    public void Burst_WithoutAFactor_SaysItIsMissing() =>
        Assert.That(ScenarioTestSupport.SingleError(Base + "  bursts:\n    - { at: 10m, for: 5m }\n").Message, Does.Contain("factor"));
}
