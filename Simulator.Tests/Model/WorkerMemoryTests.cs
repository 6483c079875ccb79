using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 12 item 10: copy-on-write sharing with preload_app (docs/model.md#copy-on-write), worker growth counted
/// from the instances' uptime at the deployment and capped by unicorn-worker-killer's recycling, not by the horizon
/// (docs/model.md#worker-memory).</summary>
public sealed class WorkerMemoryTests
{
    /// <summary>12 × 8 GiB, 1 GiB reserved, a 250 MiB master and 8 workers of 300 MiB fresh; no deployment.</summary>
    private static double PeakMiB(Func<UnicornSpec, UnicornSpec> unicorn, long horizonHours = 4)
    {
        var a = Fleets.Article();
        var s = a.WithFleet(f => f with
        {
            Unicorn = unicorn(f.Unicorn with { Workers = 8, WorkerMemoryMiB = 300, WorkerMemoryCapMiB = 4000 }),
            Deployment = f.Deployment with { StartAt = null },
        }) with { Horizon = SimDuration.FromHours(horizonHours) };
        var r = ScenarioRunner.RunOne(s, detail: false).Result;
        Assert.That(r.OomKills, Is.Zero);
        return r.PeakMemoryPct * 8192 / 100;
    }

    [Test]
    public void SharedMemory_Default_IsKennsMeasurement_AndLowersEachWorkersPrivateMemory()
    {
        Assert.That(new UnicornSpec().SharedMemory, Is.EqualTo(0.65).Within(0.01), "46 of 71 MB shared (docs/model.md#copy-on-write)");
        double none = PeakMiB(u => u with { SharedMemory = 0 });
        double shared = PeakMiB(u => u with { SharedMemory = 0.65 });
        Assert.Multiple(() =>
        {
            Assert.That(none, Is.EqualTo(1024 + 250 + (8 * 300)).Within(0.01));
            Assert.That(shared, Is.EqualTo(1024 + 250 + (8 * (300 - 195))).Within(0.01), "each worker keeps 35 % private");
        });
    }

    [Test]
    public void SharedMemory_NeverMoreThanTheMaster() =>
        Assert.That(PeakMiB(u => u with { SharedMemory = 1, MasterMemoryMiB = 100 }), Is.EqualTo(1024 + 100 + (8 * (300 - 100))).Within(0.01));

    [Test]
    public void Growth_CountsFromTheUptimeAtTheDeployment_Default24h()
    {
        Assert.That(new UnicornSpec().UptimeAtDeploy, Is.EqualTo(SimDuration.FromHours(24)));
        // No deployment: the fleet's workers are 24 h old at time 0 and 25 h old at the 1 h horizon.
        double grown = PeakMiB(u => u with { SharedMemory = 0, WorkerMemoryGrowthPerHourMiB = 20 }, horizonHours: 1);
        double fresh = PeakMiB(u => u with { SharedMemory = 0, WorkerMemoryGrowthPerHourMiB = 20, UptimeAtDeploy = SimDuration.Zero }, horizonHours: 1);
        Assert.Multiple(() =>
        {
            Assert.That(grown, Is.EqualTo(1024 + 250 + (8 * (300 + (25 * 20)))).Within(0.01));
            Assert.That(fresh, Is.EqualTo(1024 + 250 + (8 * (300 + 20))).Within(0.01));
        });
    }

    [Test]
    public void WorkerMemoryLimit_RecyclesWorkers_SoMemoryIsCappedByTheLimitNotByTheHorizon()
    {
        UnicornSpec Growing(UnicornSpec u) => u with { SharedMemory = 0, WorkerMemoryGrowthPerHourMiB = 40, UptimeAtDeploy = SimDuration.Zero };
        double unlimited6 = PeakMiB(Growing, 6), unlimited12 = PeakMiB(Growing, 12);
        double limited6 = PeakMiB(u => Growing(u) with { WorkerMemoryLimitMiB = 500 }, 6);
        double limited12 = PeakMiB(u => Growing(u) with { WorkerMemoryLimitMiB = 500 }, 12);
        Assert.Multiple(() =>
        {
            Assert.That(unlimited12, Is.GreaterThan(unlimited6 + 1000), "without recycling the run length decides");
            Assert.That(limited6, Is.EqualTo(1024 + 250 + (8 * 500)).Within(0.01), "a worker is recycled when it reaches the limit");
            Assert.That(limited12, Is.EqualTo(limited6));
        });
    }

    [Test]
    public void WorkerMemoryLimit_AtOrBelowTheFreshSize_IsRefused()
    {
        var errors = ScenarioLoader.ValidateText("""
            name: t
            unicorn: { workerMemory: 300MiB, workerMemoryLimit: 300MiB }
            """, "t.yaml", ".");
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("workerMemoryLimit (300MiB) must be above workerMemory (300MiB)"));
    }
}
