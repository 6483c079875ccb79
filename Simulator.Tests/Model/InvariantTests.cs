using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>The invariant checker catches what it promises to catch, and names the invariant, time and instance.</summary>
public sealed class InvariantTests
{
    private static DeploySim.Model.World Prepared(int instances = 12)
    {
        var world = new DeploySim.Model.World { Invariants = { Enabled = true } };
        world.Reset(Fleets.Article(5, 2, instances), 0, false);
        world.AutoScaling.Start();
        world.Traffic.Start();
        return world;
    }

    [Test]
    public void AfterEvent_NegativeWorkerCount_NamesTheInvariantAndInstance()
    {
        var world = Prepared();
        world[3].Current.Forked = -1;
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.AfterEvent(new Event(0, 0, (int)EventKind.WorkerForked, 3, 0)));
        Assert.That(ex!.Invariant, Is.EqualTo("unicorn process counts are consistent"));
        Assert.That(ex.Instance, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("on instance 3").And.Contain("at 0s"));
    }

    /// <summary>A change to another instance than the event's, not followed by its reclassification, is found by the
    /// fleet-wide scan within <see cref="Invariants.FullScanInterval"/> events.</summary>
    [Test]
    public void AfterEvent_StaleClassOfAnotherInstance_FoundByTheFleetScan()
    {
        var world = Prepared(instances: 100);
        int interval = world.Invariants.FullScanInterval;
        Assert.That(interval, Is.EqualTo(100 / Invariants.InstancesPerEvent));
        world[37].Current.Forked = 0;   // instance 37 stops serving behind the traffic model's back
        for (int k = 1; k < interval; k++)
            Assert.DoesNotThrow(() => world.Invariants.AfterEvent(new Event(0, k, (int)EventKind.Relaunch, 0, 0)), "the event's own instance is fine");
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.AfterEvent(new Event(0, interval, (int)EventKind.Relaunch, 0, 0)));
        Assert.That(ex!.Invariant, Is.EqualTo("traffic classes follow every change of routing or serving state"));
        Assert.That(ex.Instance, Is.EqualTo(37));
    }

    /// <summary>The event's own instance is checked after every event, whatever the fleet's size.</summary>
    [Test]
    public void AfterEvent_StaleClassOfTheEventsInstance_FoundAtOnce()
    {
        var world = Prepared(instances: 100);
        world[37].Current.Forked = 0;
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.AfterEvent(new Event(0, 0, (int)EventKind.WorkerForked, 37, 0)));
        Assert.That(ex!.Instance, Is.EqualTo(37));
    }

    [Test]
    public void AfterEvent_TimeGoingBackwards_Throws()
    {
        var world = Prepared();
        world.Invariants.AfterEvent(new Event(5000, 0, (int)EventKind.Relaunch, 0, 0));
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.AfterEvent(new Event(4000, 1, (int)EventKind.Relaunch, 0, 0)));
        Assert.That(ex!.Invariant, Does.Contain("time never goes backwards"));
    }

    [Test]
    public void LifecycleEventEnded_OutOfOrder_Throws()
    {
        var world = Prepared();
        world.Invariants.LifecycleEventEnded(2, LifecycleEvent.BeforeInstall, jobStart: true);
        world.Invariants.LifecycleEventEnded(2, LifecycleEvent.AfterInstall, jobStart: false);
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.LifecycleEventEnded(2, LifecycleEvent.Install, jobStart: false));
        Assert.That(ex!.Message, Does.Contain("Install after AfterInstall"));
        Assert.DoesNotThrow(() => world.Invariants.LifecycleEventEnded(2, LifecycleEvent.ApplicationStop, jobStart: true));
    }

    [Test]
    public void AtEnd_UnbalancedRequests_Throws()
    {
        var world = Prepared();
        var r = new DeploySim.Metrics.ReplicationResult { DemandRequests = 1000, ServedRequests = 900 };
        var ex = Assert.Throws<InvariantViolationException>(() => world.Invariants.AtEnd(r, []));
        Assert.That(ex!.Invariant, Is.EqualTo("request accounting balances"));
    }

    [Test]
    public void Run_EveryStrategyWithInvariantsOn_Completes()
    {
        foreach (var strategy in Enum.GetValues<StrategyKind>())
        {
            var s = Fleets.Article(5, 2).WithFleet(f => f with { Deployment = Fleets.Article().Fleet.Deployment with { Strategy = strategy } }) with { Replications = 3 };
            var run = ScenarioRunner.Run(s, 1, checkInvariants: true);
            Assert.That(run.Replications.All(r => r.UnfinishedInstances >= 0), Is.True);
        }
    }
}
