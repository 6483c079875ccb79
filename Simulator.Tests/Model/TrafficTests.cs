using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Planning;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Demand, routing and request accounting.</summary>
public sealed class TrafficTests
{
    private static void AssertBalanced(ReplicationResult r) =>
        Assert.That(r.ServedRequests + r.UnservedRequests + r.FailedRequests, Is.EqualTo(r.DemandRequests).Within(1e-6 * r.DemandRequests + 1e-6));

    [Test]
    public void RequestAccounting_EveryStrategy_Balances()
    {
        foreach (var strategy in Enum.GetValues<StrategyKind>())
        {
            var s = Fleets.Article(5, 2).WithFleet(f => f with { Deployment = Fleets.Article().Fleet.Deployment with { Strategy = strategy } });
            AssertBalanced(ScenarioRunner.RunOne(s, detail: false).Result);
        }
    }

    [Test]
    public void Profile_LinearRamp_IntegratesExactly()
    {
        var s = Fleets.Article().WithFleet(f => f with {
            Traffic = new TrafficSpec { Profile = [new TrafficPoint(SimDuration.Zero, 0), new TrafficPoint(SimDuration.FromHours(1), 720), new TrafficPoint(SimDuration.FromHours(2), 720)] },
            Deployment = Fleets.Article().Fleet.Deployment with { StartAt = null },
        }) with {
            Horizon = SimDuration.FromHours(2),
        };
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.DemandRequests, Is.EqualTo((360.0 * 3600) + (720.0 * 3600)).Within(1e-6));
        // 12 instances × 8 workers × 10 rps = 960 rps: never overloaded.
        Assert.That(r.UnservedRequests, Is.EqualTo(0).Within(1e-6));
        AssertBalanced(r);
    }

    [Test]
    public void Overload_DemandAboveCapacity_IsUnserved()
    {
        var s = Fleets.Article().WithFleet(f => f with { Traffic = new TrafficSpec { RequestsPerSecond = 1000 }, Deployment = Fleets.Article().Fleet.Deployment with { StartAt = null } }) with { Horizon = SimDuration.FromHours(1) };
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.UnservedRequests, Is.EqualTo(40.0 * 3600).Within(1e-6));
    }

    [Test]
    public void InPlaceOneAtATime_AtFullLoad_LeavesDemandUnservedWhileAnInstanceIsOut()
    {
        var s = Fleets.Article(5, 2).WithFleet(f => f with { Traffic = new TrafficSpec { RequestsPerSecond = 960 } });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.MinServingCapacityPct, Is.EqualTo(100.0 * 11 / 12).Within(1e-9));
        Assert.That(r.UnservedRequests, Is.GreaterThan(0));
        Assert.That(r.FailedRequests, Is.Zero);
    }

    [Test]
    public void FailOpen_NoHealthyTarget_RoutesToAll()
    {
        // Every instance's application is stopped by a failing start: the group fails open and requests fail rather than go unserved.
        var s = Fleets.Article(5, 2).WithFleet(f => f with {
            AutoScaling = Fleets.Article().Fleet.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },
            Deployment = Fleets.Article().Fleet.Deployment with
            {
                Config = DeploymentConfig.AllAtOnce,
                TargetGroups = [],
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                {
                    [LifecycleEvent.ApplicationStop] = [Fleets.Script("stop.sh", ScriptAction.StopApplication, 30, 1000)],
                },
            },
        });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.FailedRequests, Is.GreaterThan(600.0 * 3600 * 2));
        AssertBalanced(r);
    }

    [Test]
    public void SlowStart_NewTargets_AreStillServedWithoutLoss()
    {
        var s = Fleets.Article(5, 2);
        s = s.WithFleet(f => f with { TargetGroups = [s.Fleet.TargetGroups[0] with { SlowStart = SimDuration.FromSeconds(60) }] });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        Assert.That(r.FailedRequests + r.UnservedRequests, Is.Zero);
        AssertBalanced(r);
    }

    [Test]
    public void Plan_InPlaceAndGracefulRestart_InPlaceNeedsFewerInstances()
    {
        var s = Fleets.Article(5, 2).WithFleet(f => f with { Instances = Fleets.Article().Fleet.Instances with { ReservedMemoryMiB = 256 }, Unicorn = f.Unicorn with { SharedMemory = 0 } }) with { Replications = 1 };
        var inPlace = PackingPlanner.Plan(s, StrategyKind.InPlace, 8192, 2000, 1);
        var graceful = PackingPlanner.Plan(s, StrategyKind.GracefulRestart, 8192, 2000, 1);
        Assert.That(inPlace.MaxSafeWorkers, Is.EqualTo(22), "peak memory below 90 %");
        Assert.That(graceful.MaxSafeWorkers, Is.EqualTo(11));
        Assert.That(inPlace.InstancesNeeded, Is.LessThan(graceful.InstancesNeeded));
        Assert.That(graceful.InstancesNeeded, Is.GreaterThanOrEqualTo(19), "2000 rps / 110 rps per instance");
    }
}
