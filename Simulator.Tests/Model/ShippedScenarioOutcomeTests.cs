using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Each shipped scenario's header says what it shows and what the outcome is; these tests hold the simulation
/// to those words (at most 20 replications each).</summary>
[Parallelizable(ParallelScope.Children)]   // long cases: each runs beside the other fixtures
public sealed class ShippedScenarioOutcomeTests
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RunSummary>> s_runs = new(StringComparer.Ordinal);

    /// <summary>The scenario's summary, run once per test run for each (file, overrides) however many tests read it.</summary>
    private static RunSummary Run(string file, params string[] overrides) =>
        s_runs.GetOrAdd(file + "|" + string.Join("|", overrides), _ => new Lazy<RunSummary>(() =>
        {
            var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", file), overrides);
            return ScenarioRunner.Run(s with { Replications = Math.Min(20, s.Replications) }).Summary;
        })).Value;

    [Test]
    public void SourceArticle_UnmanagedInternalApiWithElbHealthChecks_FailsAtTheFirstInstance()
    {
        var m = Run("source-article.yaml");
        Assert.That(m.Outcome.Failed, Is.EqualTo(m.Replications));
        Assert.That(m.SuccessRate, Is.Zero);
        Assert.That(m["rolloutSeconds"].IsNone, Is.True);
        Assert.That(m["timeToFailureSeconds"].Min, Is.GreaterThan(3600), "CodeDeploy notices the replaced instance about an hour later");
        Assert.That(m["timeToFailureSeconds"].Max, Is.LessThan(3 * 3600));
        Assert.That(m.FailureReasons[0].Key, Is.EqualTo(FailureReasons.InstanceTerminated), "Auto Scaling replaced the instance (ELB health checks of internal-api)");
        Assert.That(m["failedRequests"].Min, Is.GreaterThan(100));
        Assert.That(m.PhaseSeconds.Single(p => p.Key == LifecycleEvent.BlockTraffic).Value.Mean, Is.EqualTo(300).Within(1));
    }

    [Test]
    public void ArticleFinalFlow_InPlaceAlwaysSucceeds_BlueGreenLosesRunsToTheOpsWorksWait_GracefulRestartPeaksNearSeventy()
    {
        var inPlace = Run("article-final-flow.yaml");
        var blueGreen = Run("article-final-flow.yaml", "deployment.strategy=blue-green");
        var graceful = Run("article-final-flow.yaml", "deployment.strategy=graceful-restart");
        Assert.Multiple(() =>
        {
            Assert.That(inPlace.SuccessRate, Is.EqualTo(1));
            Assert.That(inPlace["rolloutSeconds"].Mean / 3600, Is.InRange(2.0, 2.5));
            Assert.That(inPlace["staleInstances"].Min, Is.EqualTo(4), "era 2018: the instances added at 90 min are not updated");
            Assert.That(inPlace["minServingCapacityPct"].Min, Is.EqualTo(100.0 * 11 / 12).Within(1e-9));
            Assert.That(inPlace["failedRequests"].Max, Is.Zero);
            Assert.That(inPlace["peakMemoryPct"].Max, Is.InRange(52, 58), "8 workers at the cap, 65 % of their fresh size shared");
            Assert.That(blueGreen.SuccessRate, Is.InRange(0.45, 0.75));
            Assert.That(blueGreen.FailureReasons[0].Key, Is.EqualTo(FailureReasons.WaiterTimedOut));
            Assert.That(blueGreen["rolloutSeconds"].Mean / 3600, Is.InRange(2.2, 2.8));
            Assert.That(blueGreen["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
            Assert.That(blueGreen["instanceHours"].Mean / inPlace["instanceHours"].Mean, Is.InRange(1.15, 1.45));
            Assert.That(graceful.SuccessRate, Is.EqualTo(1));
            Assert.That(graceful["rolloutSeconds"].Mean / 60, Is.InRange(2.2, 3));
            Assert.That(graceful["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
            Assert.That(graceful["peakMemoryPct"].Max, Is.InRange(65, 72), "plus a fresh generation sharing with its own master");
            Assert.That(graceful["launches"].Max, Is.LessThanOrEqualTo(6), "the scale-out's 4 and a rare setup_failed one: no replacement loop");
            Assert.That(graceful["staleInstances"].Max, Is.Zero);
            Assert.That(blueGreen["peakInstances"].Max, Is.LessThanOrEqualTo(12 + 16), "the copy stays at the 12 it was copied with");
        });
    }

    /// <summary>The default job's graceful restart on the built-in scenario: without a launch hook its scaled-out
    /// instances enter service at boot, so a grace period shorter than OpsWorks setup would have Auto Scaling replace
    /// them in a loop (about 420 launches per replication with 300 s); the built-in grace period covers setup.</summary>
    [Test]
    public void DefaultJob_GracefulRestart_ScalesOutWithoutAReplacementLoop()
    {
        var s = ScenarioLoader.LoadText(BuiltInScenarios.ArticleFinalFlow, BuiltInScenarios.ArticleFinalFlowName, LayeringTests.RepositoryRoot() + "/scenarios",
            ["deployment.strategy=graceful-restart"]);
        var m = ScenarioRunner.Run(s with { Replications = 10 }).Summary;
        var shortGrace = ScenarioRunner.Run(ScenarioLoader.LoadText(BuiltInScenarios.ArticleFinalFlow, BuiltInScenarios.ArticleFinalFlowName,
            LayeringTests.RepositoryRoot() + "/scenarios", ["deployment.strategy=graceful-restart", "autoScaling.healthCheckGracePeriod=300s"]) with { Replications = 2 }).Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m["launches"].Mean, Is.LessThan(6), "the scale-out's 4 instances, and a rare replacement of a setup_failed one");
            Assert.That(m["abandonedLaunches"].Max, Is.Zero);
            Assert.That(m.SuccessRate, Is.EqualTo(1));
            Assert.That(shortGrace["launches"].Mean, Is.GreaterThan(100), "with 300 s, AWS would replace each instance before its setup ends");
        });
    }

    [Test]
    public void SourceArticle_Ec2HealthChecks_SucceedsInAboutTwoHoursFiveAndLeavesTheAddedInstancesStale()
    {
        var m = Run("source-article.yaml", "autoScaling.healthCheckType=EC2");
        Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
        Assert.That(m["rolloutSeconds"].Mean / 3600, Is.InRange(1.9, 2.3));
        Assert.That(m["minServingCapacityPct"].Min, Is.EqualTo(100.0 * 11 / 12).Within(1e-9));
        Assert.That(m["staleInstances"].Min, Is.EqualTo(4), "era 2018: no follow-on update of the 4 instances added at 90 min");
        Assert.That(m["failedRequests"].Mean, Is.InRange(3000, 4800));
        Assert.That(m["abandonedLaunches"].Mean, Is.GreaterThan(0));
    }

    [Test]
    public void SourceArticle_Ec2HealthChecksInTheCurrentEra_UpdatesTheAddedInstances()
    {
        var m = Run("source-article.yaml", "autoScaling.healthCheckType=EC2", "era=current");
        Assert.That(m["rolloutSeconds"].Mean / 3600, Is.InRange(2.6, 3.0));
        Assert.That(m["staleInstances"].Max, Is.Zero);
    }

    [Test]
    public void FastHealthChecks_TrafficEventsTakeAboutTenSecondsAndTheRolloutAbout21Minutes()
    {
        var m = Run("fast-health-checks.yaml");
        Assert.That(m.PhaseSeconds.Single(p => p.Key == LifecycleEvent.AllowTraffic).Value.Mean, Is.InRange(5, 20));
        Assert.That(m.PhaseSeconds.Single(p => p.Key == LifecycleEvent.BlockTraffic).Value.Mean, Is.InRange(5, 20));
        Assert.That(m["rolloutSeconds"].P50 / 60, Is.InRange(18, 24));
        Assert.That(m["failedRequests"].Max, Is.Zero);
        Assert.That(m.Outcome.Succeeded, Is.InRange(m.Replications * 7 / 10, m.Replications - 1), "about 1 run in 7 loses an instance to a start race");
    }

    [Test]
    public void TwoTargetGroups_Unmanaged_RequestsFailAndInstancesAreReplaced()
    {
        var m = Run("two-target-groups-unmanaged.yaml");
        Assert.That(m.Outcome.Failed, Is.EqualTo(m.Replications));
        Assert.That(m["failedRequests"].Min, Is.GreaterThan(100));
        var ec2 = Run("two-target-groups-unmanaged.yaml", "autoScaling.healthCheckType=EC2");
        Assert.That(ec2.Outcome.Succeeded, Is.EqualTo(ec2.Replications));
        Assert.That(ec2["failedRequests"].Mean, Is.InRange(3500, 5500));
    }

    [Test]
    public void TwoTargetGroups_HookScripts_NoFailuresAndAboutTenMinutesLonger()
    {
        var m = Run("two-target-groups-hook-scripts.yaml");
        var ec2 = Run("two-target-groups-unmanaged.yaml", "autoScaling.healthCheckType=EC2");
        Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
        Assert.That(m["failedRequests"].Max + m["unservedRequests"].Max, Is.Zero);
        Assert.That((m["rolloutSeconds"].Mean - ec2["rolloutSeconds"].Mean) / 60, Is.InRange(5, 15));
    }

    [Test]
    public void ScaleOutDuringDeploy_FollowOnLeavesNoStaleInstance_IgnoreLeavesEight()
    {
        var m = Run("scale-out-during-deploy.yaml");
        Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
        Assert.That(m["staleInstances"].Max, Is.Zero);
        Assert.That(m["peakInstances"].Min, Is.EqualTo(20));
        Assert.That(m["rolloutSeconds"].Mean / 3600, Is.InRange(3.2, 3.8));
        var ignore = Run("scale-out-during-deploy.yaml", "deployment.outdatedInstances=IGNORE");
        Assert.That(ignore["staleInstances"].Min, Is.EqualTo(8));
    }

    [Test]
    public void BlueGreen_NoDipPeaksAt24AndBillsTheWait()
    {
        var m = Run("blue-green.yaml");
        Assert.That(m.Outcome.Succeeded, Is.EqualTo(m.Replications));
        Assert.That(m["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
        Assert.That(m["peakInstances"].Max, Is.EqualTo(24));
        Assert.That(m["failedRequests"].Max + m["unservedRequests"].Max, Is.Zero);
        Assert.That(m["rolloutSeconds"].Mean / 3600, Is.InRange(2.0, 2.5));
        Assert.That(m["instanceHours"].Mean, Is.InRange(95, 105));
    }

    [Test]
    public void GracefulRestart_NoDipMemoryPeaksNear70Percent_FourteenWorkersOomKill()
    {
        var m = Run("graceful-restart.yaml");
        Assert.That(m["minServingCapacityPct"].Min, Is.GreaterThanOrEqualTo(100));
        Assert.That(m["failedRequests"].Max, Is.Zero);
        Assert.That(m["rolloutSeconds"].Mean, Is.InRange(140, 180));
        Assert.That(m["peakMemoryPct"].Max, Is.InRange(65, 72));
        Assert.That(m["oomKills"].Max, Is.Zero);
        Assert.That(Run("graceful-restart.yaml", "unicorn.workers=14")["oomKills"].Min, Is.GreaterThan(0));
    }

    [Test]
    public void OpsWorksLaunchLoop_NoAddedInstanceEverServes()
    {
        var m = Run("opsworks-launch-loop.yaml");
        Assert.That(m["abandonedLaunches"].Min, Is.InRange(80, 160), "relaunches back off to one batch every 5 min");
        Assert.That(m["launches"].Mean - m["abandonedLaunches"].Mean, Is.LessThanOrEqualTo(4), "at most the launches still in progress at the horizon");
    }

    [Test]
    public void OpsWorksWaitHook_GroupReachesSixteenWithFewRelaunches()
    {
        var m = Run("opsworks-wait-hook.yaml");
        Assert.That(m["peakInstances"].Min, Is.EqualTo(16));
        Assert.That(m["launches"].Mean, Is.InRange(4, 8));
        Assert.That(m["abandonedLaunches"].Max, Is.LessThan(10));
    }

    [Test]
    public void LatencyArticle_InPlaceBurnsTheP99Budget_AndCascadesAt660Rps()
    {
        var inPlace = Run("latency-article.yaml");
        var blueGreen = Run("latency-article.yaml", "deployment.strategy=blue-green");
        var graceful = Run("latency-article.yaml", "deployment.strategy=graceful-restart");
        var hot = Run("latency-article.yaml", "traffic.requestsPerSecond=660");
        var hotBlueGreen = Run("latency-article.yaml", "traffic.requestsPerSecond=660", "deployment.strategy=blue-green");
        var hotGraceful = Run("latency-article.yaml", "traffic.requestsPerSecond=660", "deployment.strategy=graceful-restart");
        Assert.Multiple(() =>
        {
            foreach (var m in new[] { inPlace, blueGreen, graceful })
            {
                Assert.That(m["latency.steady.p99Ms"].Mean, Is.InRange(850, 1000), "steady p99 about 0.95 s");
                Assert.That(m["errors.http502"].Max + m["errors.http504"].Max, Is.LessThan(1), "no 502 or 504");
            }
            Assert.That(inPlace["latency.p99Ms"].Mean, Is.InRange(1000, 1150));
            Assert.That(inPlace["slo.budgetBurnedPct"].Mean, Is.InRange(100, 140));
            Assert.That(inPlace["slo.violatedMinutes"].Mean, Is.InRange(30, 50));
            Assert.That(blueGreen["latency.p99Ms"].Mean, Is.InRange(880, 980));
            Assert.That(blueGreen["slo.budgetBurnedPct"].Mean, Is.InRange(60, 100));
            Assert.That(graceful["latency.p99Ms"].Mean, Is.InRange(900, 1000));
            Assert.That(graceful["slo.budgetBurnedPct"].Mean, Is.InRange(70, 100));
            Assert.That(hot.SuccessRate, Is.Zero);
            Assert.That(hot.FailureReasons[0].Key, Is.EqualTo(FailureReasons.InstanceTerminated));
            Assert.That(hot["errors.http502"].Mean, Is.GreaterThan(100_000));
            Assert.That(hot["minServingCapacityPct"].Min, Is.Zero);
            // The copy keeps the 12 instances it was copied with; the 4 the original group added at 90 min leave with it (issue 12 item 6).
            Assert.That(hotBlueGreen["latency.p99Ms"].Mean, Is.InRange(1280, 1480));
            Assert.That(hotGraceful["latency.p99Ms"].Mean, Is.InRange(1350, 1550));
            Assert.That(hotBlueGreen["errors.http502"].Max + hotGraceful["errors.http502"].Max, Is.LessThan(1));
            Assert.That(hotBlueGreen["slo.budgetBurnedPct"].Mean, Is.InRange(200, 450));
            Assert.That(hotGraceful["slo.budgetBurnedPct"].Mean, Is.InRange(200, 450));
        });
    }
}
