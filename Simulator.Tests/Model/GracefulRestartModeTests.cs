using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 12 item 9: the four moments to QUIT the old master after USR2 (docs/model.md#unicorn-usr2), each
/// named after its source, and what each costs in memory and serving capacity.</summary>
public sealed class GracefulRestartModeTests
{
    /// <summary>12 instances of 8 GiB, 10 workers of 300 MiB that neither grow nor share pages: one generation is
    /// 250 + 10 × 300 MiB, about 40 % of the instance, so the doubling is plain to see. USR2 on every host at once.</summary>
    private static ReplicationResult Run(QuitOldMaster mode)
    {
        var a = Fleets.Article();
        var s = a.WithFleet(f => f with
        {
            Unicorn = f.Unicorn with { Workers = 10, WorkerMemoryCapMiB = 300, SharedMemory = 0 },
            Traffic = new TrafficSpec { RequestsPerSecond = 600 },
            Deployment = f.Deployment with
            {
                Strategy = StrategyKind.GracefulRestart,
                GracefulRestart = new GracefulRestartSpec { Hosts = HostsMode.Parallel, QuitOldMaster = mode },
            },
        });
        return ScenarioRunner.RunOne(s, detail: false).Item1;
    }

    private const double OneGenerationPct = 100.0 * (1024 + 250 + (10 * 300)) / 8192;   // 52.2 %

    [Test]
    public void AfterNewWorkersReady_BothGenerationsAtFullSize_NoDip()
    {
        var r = Run(QuitOldMaster.AfterNewWorkersReady);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(r.PeakMemoryPct, Is.EqualTo(100.0 * (1024 + (2 * (250 + (10 * 300)))) / 8192).Within(0.01), "SIGNALS' verify-then-QUIT: 2 ×");
            Assert.That(r.MinServingCapacityPct, Is.EqualTo(100));
            Assert.That(r.FailedRequests, Is.Zero);
        });
    }

    [Test]
    public void AfterDelay_OneGenerationOfMemory_ButAServingGapOnEveryHost()
    {
        var r = Run(QuitOldMaster.AfterDelay);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            // capistrano-unicorn: QUIT 2 s after USR2, long before the new master (25 s boot) forks: the old workers are
            // gone when the new ones serve; the peak is the old generation plus the booting master.
            Assert.That(r.PeakMemoryPct, Is.EqualTo(OneGenerationPct + (100.0 * 250 / 8192)).Within(0.01));
            Assert.That(r.MinServingCapacityPct, Is.Zero, "every host restarts at once and none serves between QUIT and the new workers");
            Assert.That(r.FailedRequests, Is.GreaterThan(600 * 10), "at least 10 s of demand hits hosts with no worker");
        });
    }

    [Test]
    public void OnLastWorkerFork_OneGenerationPlusAMaster_NoDip()
    {
        var r = Run(QuitOldMaster.OnLastWorkerFork);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            // unicorn's example before_fork: each new worker TTOUs one old worker away, the last QUITs the old master;
            // the old worker leaves after its request, so a new worker briefly runs beside it (docs/model.md#unicorn-usr2).
            Assert.That(r.PeakMemoryPct, Is.EqualTo(OneGenerationPct + (100.0 * (250 + 300) / 8192)).Within(0.01));
            Assert.That(r.MinServingCapacityPct, Is.EqualTo(100));
            Assert.That(r.FailedRequests, Is.Zero);
        });
    }

    [Test]
    public void OnFirstWorkerFork_OldWorkersLeaveAtTheFirstFork_AShortDipWithoutAGap()
    {
        var r = Run(QuitOldMaster.OnFirstWorkerFork);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(r.PeakMemoryPct, Is.EqualTo(OneGenerationPct + (100.0 * (250 + 300) / 8192)).Within(0.01), "OpsWorks' before_fork");
            // Each host serves one new worker of ten at its first fork, then one more every 200 ms: a short dip, no gap.
            Assert.That(r.MinServingCapacityPct, Is.GreaterThan(0).And.LessThan(100));
            Assert.That(r.FailedRequests, Is.Zero);
        });
    }

    [Test]
    public void QuitOldMaster_Words_AreTheIssues() =>
        Assert.That(ScenarioFormat.QuitOldMaster.Words, Is.EquivalentTo(new[] { "afterDelay", "onLastWorkerFork", "onFirstWorkerFork", "afterNewWorkersReady" }));
}
