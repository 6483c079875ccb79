using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Worker fleets with no load balancer: jobs wait in a backlog when capacity drops below the arrival rate.</summary>
public sealed class WorkerFleetTests
{
    private static Scenario Workers(double jobsPerSecond, StrategyKind strategy = StrategyKind.InPlace) => Fleets.Article(instances: 4).WithFleet(f => f with {
        Kind = FleetKind.Worker,
        TargetGroups = [],
        AutoScaling = Fleets.Article(instances: 4).Fleet.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },
        Unicorn = Fleets.Article().Fleet.Unicorn with { Workers = 4, RequestsPerSecondPerWorker = 5 },
        Traffic = new TrafficSpec { RequestsPerSecond = jobsPerSecond },
        Deployment = Fleets.Article().Fleet.Deployment with { Strategy = strategy, TargetGroups = [] },
    }) with {
        Horizon = SimDuration.FromHours(3),
    };

    [Test]
    public void WorkerFleet_ArrivalsBelowTheReducedCapacity_NoBacklog()
    {
        var (r, _) = ScenarioRunner.RunOne(Workers(50), detail: false);   // 80 jobs/s capacity, 60 with one instance out
        Assert.That(r.PeakBacklog, Is.Zero);
        Assert.That(r.ServedRequests, Is.EqualTo(r.DemandRequests).Within(1e-6 * r.DemandRequests));
        Assert.That(r.PhaseSeconds.ContainsKey(LifecycleEvent.BlockTraffic), Is.False, "no load balancer: no traffic events");
    }

    [Test]
    public void WorkerFleet_ArrivalsAboveTheReducedCapacity_BacklogBuildsAndDrains()
    {
        var (r, d) = ScenarioRunner.RunOne(Workers(70));                  // 10 jobs/s short while an instance is out
        Assert.That(r.PeakBacklog, Is.GreaterThan(100));
        Assert.That(d.Series[^1].Backlog, Is.Zero.Within(1e-6), "the backlog drains once the rollout is over");
        Assert.That(r.UnservedRequests, Is.Zero, "jobs wait rather than fail");
        Assert.That(r.ServedRequests, Is.EqualTo(r.DemandRequests).Within(1e-6 * r.DemandRequests));
    }

    [Test]
    public void WorkerFleet_OneInstanceOutAtExactlyCapacity_BacklogIsTheShortfallTimesTheOutage()
    {
        // 4 instances × 20 jobs/s = 80; one out leaves 60; at 70 jobs/s the backlog grows 10 jobs/s while an instance is out.
        var (r, d) = ScenarioRunner.RunOne(Workers(70));
        var outage = d.Series.Zip(d.Series.Skip(1)).Where(p => p.First.ServingCapacityRps < 70).Sum(p => (p.Second.Time - p.First.Time).TotalSeconds);
        Assert.That(r.PeakBacklog, Is.LessThanOrEqualTo(10 * outage + 1e-6));
    }
}
