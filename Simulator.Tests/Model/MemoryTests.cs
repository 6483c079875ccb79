using DeploySim.Engine;
using DeploySim.Planning;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Memory headroom per strategy (docs/model.md#unicorn-usr2, docs/model.md#copy-on-write, docs/model.md#worker-count-and-packing; the source article's 40 % rule).</summary>
public sealed class MemoryTests
{
    /// <summary>8 GiB instances with 256 MiB reserved, a 250 MiB master and 300 MiB workers that do not grow.</summary>
    private static Scenario Fleet(StrategyKind strategy, int workers) => Fleets.Article().WithFleet(f => f with {
        Instances = Fleets.Article().Fleet.Instances with { ReservedMemoryMiB = 256 },
        Unicorn = Fleets.Article().Fleet.Unicorn with { Workers = workers, WorkerMemoryMiB = 300, WorkerMemoryCapMiB = 300, SharedMemory = 0 },
        Traffic = new TrafficSpec { RequestsPerSecond = 100 },
        Deployment = Fleets.Article().Fleet.Deployment with { Strategy = strategy },
    }) with {
        Replications = 2,
    };

    private static double SteadyPct(int workers) => 100.0 * (256 + 250 + (300 * workers)) / 8192;

    [Test]
    public void GracefulRestart_FleetAt45Percent_PeaksNear90AndKillsNothing()
    {
        Assert.That(SteadyPct(11), Is.InRange(44, 48));
        var run = ScenarioRunner.Run(Fleet(StrategyKind.GracefulRestart, 11), 1);
        Assert.That(run.Summary["peakMemoryPct"].Max, Is.InRange(85, 92));
        Assert.That(run.Summary["oomKills"].Max, Is.Zero);
    }

    [Test]
    public void GracefulRestart_FleetAt55Percent_OomKills()
    {
        Assert.That(SteadyPct(14), Is.InRange(54, 58));
        var run = ScenarioRunner.Run(Fleet(StrategyKind.GracefulRestart, 14), 1);
        Assert.That(run.Summary["oomKills"].Min, Is.GreaterThan(0));
        Assert.That(run.Summary["failedRequests"].Min, Is.GreaterThan(0));
    }

    [Test]
    public void InPlace_FleetAt85Percent_KillsNothing()
    {
        Assert.That(SteadyPct(22), Is.InRange(84, 88));
        var run = ScenarioRunner.Run(Fleet(StrategyKind.InPlace, 22), 1);
        Assert.That(run.Summary["oomKills"].Max, Is.Zero);
        Assert.That(run.Summary["peakMemoryPct"].Max, Is.LessThan(90));
    }

    [Test]
    public void MaxSafeWorkers_InPlaceOverGracefulRestart_IsNearTwo()
    {
        int inPlace = PackingPlanner.MaxSafeWorkers(Fleet(StrategyKind.InPlace, 1), 1);
        int graceful = PackingPlanner.MaxSafeWorkers(Fleet(StrategyKind.GracefulRestart, 1), 1);
        // Safe: peak memory below 90 % (the default --headroom of 10 %): 256 + 250 + 22 × 300 and 256 + 2 × (250 + 11 × 300) MiB.
        Assert.That(inPlace, Is.EqualTo(22));
        Assert.That(graceful, Is.EqualTo(11));
        Assert.That(inPlace / (double)graceful, Is.InRange(1.8, 2.2));
    }

    [Test]
    public void GracefulRestart_QuitOnFirstFork_NeedsLessHeadroom()
    {
        var s = Fleet(StrategyKind.GracefulRestart, 1);
        var early = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { GracefulRestart = s.Fleet.Deployment.GracefulRestart with { QuitOldMaster = QuitOldMaster.OnFirstWorkerFork } } });
        Assert.That(PackingPlanner.MaxSafeWorkers(early, 1), Is.GreaterThan(PackingPlanner.MaxSafeWorkers(s, 1)));
    }

    [Test]
    public void WorkerGrowth_CrossesTheLimit_OomKillsAtTheCrossing()
    {
        var s = Fleet(StrategyKind.InPlace, 22).WithFleet(f => f with {
            Unicorn = Fleet(StrategyKind.InPlace, 22).Fleet.Unicorn with { WorkerMemoryGrowthPerHourMiB = 100, WorkerMemoryCapMiB = 600, UptimeAtDeploy = SimDuration.Zero },
            Deployment = Fleets.Article().Fleet.Deployment with { StartAt = null },
        });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.OomKills, Is.GreaterThan(0));
        Assert.That(r.PeakMemoryPct, Is.EqualTo(100.0).Within(0.001), "the OOM killer fires as growth crosses the limit");
    }
}
