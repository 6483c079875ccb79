using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Planning;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>Issue 17 in the world: the latency model runs only with traffic.serviceTime; the fast model against the
/// request-level reference (<c>traffic.mode: requests</c>) on the same fleet, routing, queues and timeouts.</summary>
[Parallelizable(ParallelScope.Children)]   // long cases: each runs beside the other fixtures
public sealed class LatencyWorldTests
{
    private static readonly Distribution Service = Distribution.LogNormal(80, 300);

    /// <summary>4 instances of 8 workers behind one target group, no deployment, demand <paramref name="rps"/> or a profile.</summary>
    private static Scenario Fleet(LatencyMode mode, double rps, SimDuration horizon, IReadOnlyList<TrafficPoint>? profile = null,
        int backlog = 1024, long timeoutS = 60, bool cascade = true) => Scenario.Of("latency", new FleetSpec
    {
        Name = "latency",
        AutoScaling = new AutoScalingSpec { DesiredCapacity = 4, MinSize = 4, MaxSize = 8, HealthCheckType = HealthCheckType.EC2 },
        TargetGroups = [Fleets.Group("api", 30, 5)],
        Unicorn = new UnicornSpec { Workers = 8, RequestsPerSecondPerWorker = 1000 / Service.Mean },
        Traffic = new TrafficSpec
        {
            RequestsPerSecond = rps,
            Profile = profile ?? [],
            Latency = new LatencySpec { ServiceTime = Service, Mode = mode, Backlog = backlog, Timeout = SimDuration.FromSeconds(timeoutS), OverloadFailsHealthChecks = cascade },
        },
        Deployment = new DeploymentSpec { StartAt = null },
    }) with { Horizon = horizon, Seed = 7 };

    private static double Capacity => 4 * 8 * 1000 / Service.Mean;

    private static LatencyFigures Run(Scenario s) => ScenarioRunner.RunOne(s, detail: false).Result.Latency;

    [Test]
    public void NoServiceTime_NoLatencyModel_PlainResult()
    {
        var r = ScenarioRunner.RunOne(Fleets.Article(), detail: false).Result;
        Assert.That(r, Is.Not.InstanceOf<LatencyReplicationResult>());
        Assert.That(r.Latency, Is.SameAs(LatencyFigures.None));
    }

    [TestCase(0.5)]
    [TestCase(0.8)]
    [TestCase(0.95)]
    public void SteadyState_FastWithinTenPercentOfRequests(double load)
    {
        var horizon = SimDuration.FromMinutes(load > 0.9 ? 100 : 30);
        var fast = Run(Fleet(LatencyMode.Fast, load * Capacity, horizon));
        var reference = Run(Fleet(LatencyMode.Requests, load * Capacity, horizon));
        TestContext.Out.WriteLine($"load {load}: p50 fast {fast.SteadyP50Ms:F1} requests {reference.SteadyP50Ms:F1}; p99 fast {fast.SteadyP99Ms:F1} requests {reference.SteadyP99Ms:F1}");
        Assert.That(fast.SteadyP50Ms, Is.EqualTo(reference.SteadyP50Ms).Within(10).Percent, "p50");
        Assert.That(fast.SteadyP99Ms, Is.EqualTo(reference.SteadyP99Ms).Within(10).Percent, "p99");
    }

    [TestCase(128, 60, TestName = "OverloadWindow_FullQueues_502sWithinTenPercent")]
    [TestCase(256, 3, TestName = "OverloadWindow_502sAnd504sWithinTenPercent")]
    public void OverloadWindow_ErrorsWithinTenPercent(int backlog, long timeoutS)
    {
        // 10 min at 70 % of capacity, 2 min at 130 %, 8 min back at 70 % (health checks not delayed: the queues alone).
        TrafficPoint P(long s, double load) => new(SimDuration.FromSeconds(s), load * Capacity);
        TrafficPoint[] profile = [P(0, 0.7), P(600, 0.7), P(601, 1.3), P(720, 1.3), P(721, 0.7), P(1200, 0.7)];
        var fast = Run(Fleet(LatencyMode.Fast, 0, SimDuration.FromMinutes(20), profile, backlog, timeoutS, cascade: false));
        var reference = Run(Fleet(LatencyMode.Requests, 0, SimDuration.FromMinutes(20), profile, backlog, timeoutS, cascade: false));
        TestContext.Out.WriteLine($"K={backlog} timeout={timeoutS}s: 502 fast {fast.Http502:F0} requests {reference.Http502}; 504 fast {fast.Http504:F0} requests {reference.Http504}");
        Assert.That(fast.Http502 + fast.Http504, Is.GreaterThan(1000), "the overload makes errors");
        Assert.That(fast.Http502, Is.EqualTo(reference.Http502).Within(10).Percent.Or.EqualTo(reference.Http502).Within(50), "502");
        Assert.That(fast.Http504, Is.EqualTo(reference.Http504).Within(10).Percent.Or.EqualTo(reference.Http504).Within(50), "504");
    }

    [TestCase(LatencyMode.Fast)]
    [TestCase(LatencyMode.Requests)]
    public void Overload_FailsHealthChecks_OnlyWhenSwitchedOn(LatencyMode mode)
    {
        // 10 % over capacity for 20 min: the queues fill, a health check waits longer than its 5 s timeout.
        var on = ScenarioRunner.RunOne(Fleet(mode, 1.1 * Capacity, SimDuration.FromMinutes(20)), detail: true);
        var off = ScenarioRunner.RunOne(Fleet(mode, 1.1 * Capacity, SimDuration.FromMinutes(20), cascade: false), detail: true);
        static int Unhealthy(ReplicationDetail d) => d.Timeline.Count(s => s.Name == "unhealthy");
        Assert.That(Unhealthy(on.Detail), Is.GreaterThan(0), "overloaded targets fail their checks");
        Assert.That(Unhealthy(off.Detail), Is.Zero, "switched off, a serving target passes");
    }

    [Test]
    public void SloViolatedMinutes_RequestsModeKeepsThemToo_AndAgreesWithFast()
    {
        // An in-place rollout at 95 % of capacity (traffic blocked on the instance deployed): with one of the 4 out the rest run at 127 %, queues build
        // and the SLO (p99 under 500 ms, 99.9 % available) is violated in some minutes of the deployment window.
        Scenario Rollout(LatencyMode mode) => Fleet(mode, 0.95 * Capacity, SimDuration.FromMinutes(40)).WithFleet(f => f with
        {
            Traffic = f.Traffic with { Latency = f.Traffic.Latency! with { Slo = new SloSpec(500, 99, 99.9), OverloadFailsHealthChecks = false } },
            Deployment = new DeploymentSpec { StartAt = SimDuration.FromMinutes(5), TargetGroups = ["api"] },
        });
        var fast = Run(Rollout(LatencyMode.Fast));
        var requests = Run(Rollout(LatencyMode.Requests));
        TestContext.Out.WriteLine($"violated minutes: fast {fast.ViolatedMinutes}, requests {requests.ViolatedMinutes}; burn fast {fast.BudgetBurnedPct:F0} %, requests {requests.BudgetBurnedPct:F0} %");
        Assert.That(requests.ViolatedMinutes, Is.GreaterThan(0), "requests mode counts the minutes it violated");
        Assert.That(requests.ViolatedMinutes, Is.EqualTo(fast.ViolatedMinutes).Within(2), "both modes see about the same minutes");
    }

    [Test]
    public void Load_LatencyFields_Mapped()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.FixturesDirectory, "complete-inline-hooks.yaml"));
        var l = s.Fleet.Traffic.Latency!;
        Assert.Multiple(() =>
        {
            Assert.That((l.Timeout, l.Routing, l.Mode, l.OverloadFailsHealthChecks, l.Backlog),
                Is.EqualTo((SimDuration.FromSeconds(30), LoadBalancing.LeastOutstandingRequests, LatencyMode.Fast, false, 512)));
            Assert.That(l.Slo, Is.EqualTo(new SloSpec(500, 99, 99.9)));
            Assert.That(s.Fleet.Unicorn.RequestsPerSecondPerWorker, Is.EqualTo(1000 / l.ServiceTime.Mean).Within(1e-9));
        });
    }

    [Test]
    public void Validate_LatencyFieldWithoutServiceTime_SaysToAddIt() =>
        ScenarioTestSupport.AssertError(ScenarioTestSupport.SingleError("name: t\nunicorn:\n  backlog: 64\n"), 3, 12, "unicorn.backlog",
            "on only with traffic.serviceTime");

    [Test]
    public void Validate_ServiceTimeAndRequestsPerSecondPerWorker_SaysRemoveOne() =>
        ScenarioTestSupport.AssertError(ScenarioTestSupport.SingleError("name: t\nunicorn:\n  requestsPerSecondPerWorker: 10\ntraffic:\n  serviceTime: 100ms\n"),
            3, 31, "unicorn.requestsPerSecondPerWorker", "remove one of them");

    [Test]
    public void Plan_WithAnSlo_FindsTheSmallestFleetWhoseRolloutKeepsP99UnderTheTarget()
    {
        // Workers without copy-on-write sharing or a day's growth: the worker count this test was measured with.
        var article = Fleets.Article().WithFleet(f => f with { Unicorn = f.Unicorn with { SharedMemory = 0, UptimeAtDeploy = DeploySim.Engine.SimDuration.Zero } }) with { Replications = 2 };
        var latency = new LatencySpec { ServiceTime = Service, Slo = new SloSpec(1000, 99, 99.9) };
        var withSlo = article.WithFleet(f => f with { Traffic = f.Traffic with { Latency = latency } });
        var withoutSlo = article.WithFleet(f => f with { Traffic = f.Traffic with { Latency = latency with { Slo = null } } });
        var slo = PackingPlanner.Search(withSlo, StrategyKind.InPlace, 8192, 660);
        var plain = PackingPlanner.Search(withoutSlo, StrategyKind.InPlace, 8192, 660);
        TestContext.Out.WriteLine($"workers {slo.MaxSafeWorkers}: {plain.InstancesNeeded} instances serve 660 rps, {slo.InstancesNeeded} keep p99 under 1 s");
        // Since plans keep --headroom through the rollout (20 workers), the fleet that serves 660 rps with no request
        // unserved already keeps p99 under 1 s; the SLO never asks for fewer.
        Assert.That(slo.InstancesNeeded, Is.GreaterThanOrEqualTo(plain.InstancesNeeded));
        Assert.That(slo.Results.Select(r => r.Latency.P99Ms), Has.All.LessThanOrEqualTo(1000));
        var smaller = PackingPlanner.CellScenario(withSlo, StrategyKind.InPlace, 8192, 660).WithFleet(f => f with
        {
            Unicorn = f.Unicorn with { Workers = slo.MaxSafeWorkers },
            AutoScaling = f.AutoScaling with { DesiredCapacity = slo.InstancesNeeded - 1, MinSize = Math.Min(slo.InstancesNeeded - 1, f.AutoScaling.MinSize) },
        });
        Assert.That(ScenarioRunner.Run(smaller).Replications.Any(r => !(r.Latency.P99Ms <= 1000)), Is.True, "one fewer instance misses the target");
    }
}
