using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>BlockTraffic and AllowTraffic durations against the source article's figures (docs/model.md#blocktraffic-and-allowtraffic-timing).</summary>
public sealed class TrafficEventTests
{
    private static IReadOnlyDictionary<LifecycleEvent, double> Phases(long intervalS, int healthy)
    {
        var run = ScenarioRunner.Run(Fleets.Article(intervalS, healthy) with { Replications = 4 }, 1);
        Assert.That(run.Summary.Outcome.Succeeded, Is.EqualTo(4));
        return run.Summary.PhaseSeconds.ToDictionary(p => p.Key, p => p.Value.Mean);
    }

    [Test]
    public void AllowAndBlockTraffic_Interval30Threshold10_TakeAbout300Seconds()
    {
        var p = Phases(30, 10);
        Assert.That(p[LifecycleEvent.AllowTraffic], Is.InRange(270, 340));
        Assert.That(p[LifecycleEvent.BlockTraffic], Is.InRange(270, 340));
    }

    [Test]
    public void AllowAndBlockTraffic_Interval5Threshold2_TakeAbout10Seconds()
    {
        var p = Phases(5, 2);
        Assert.That(p[LifecycleEvent.AllowTraffic], Is.InRange(5, 20));
        Assert.That(p[LifecycleEvent.BlockTraffic], Is.InRange(5, 20));
    }

    [Test]
    public void BlockTraffic_WithoutHealthCheckEstimate_WaitsOnlyForDraining()
    {
        var s = Fleets.Article(30, 10);
        s = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { BlockTrafficWaitsHealthCheckEstimate = false } });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.PhaseSeconds[LifecycleEvent.BlockTraffic], Is.LessThan(10));
    }

    [Test]
    public void BlockTraffic_DrainingNotImmediate_WaitsTheDeregistrationDelay()
    {
        var s = Fleets.Article(5, 2);
        s = s.WithFleet(f => f with { TargetGroups = [s.Fleet.TargetGroups[0] with { DrainImmediatelyWhenIdle = false, DeregistrationDelay = Fleets.S(120) }] });
        var (r, _) = ScenarioRunner.RunOne(s, detail: false);
        Assert.That(r.PhaseSeconds[LifecycleEvent.BlockTraffic], Is.InRange(120, 130));
    }

    /// <summary>Issue 12 item 13 (docs/model.md#deregistration-delay-and-slow-start): by default the load balancer's idle
    /// keep-alive connections hold a serving target's draining open for the whole deregistration delay; with
    /// connectionsCloseWhenIdle it ends with the in-flight requests; a target that served no traffic drains at once.</summary>
    [Test]
    public void Draining_KeepAliveByDefault_LastsTheDelay_ConnectionsCloseWhenIdle_EndsWithTheRequests()
    {
        var s = Fleets.Article(5, 2);
        Scenario With(bool closeWhenIdle) => s.WithFleet(f => f with
        {
            TargetGroups = [s.Fleet.TargetGroups[0] with { ConnectionsCloseWhenIdle = closeWhenIdle, DeregistrationDelay = Fleets.S(120) }],
        });
        Assert.That(new TargetGroupSpec { Name = "x" }.ConnectionsCloseWhenIdle, Is.False, "keep-alive is the default");
        var (keepAlive, _) = ScenarioRunner.RunOne(With(false), detail: false);
        var (closing, _) = ScenarioRunner.RunOne(With(true), detail: false);
        Assert.That(keepAlive.PhaseSeconds[LifecycleEvent.BlockTraffic], Is.InRange(120, 130));
        Assert.That(closing.PhaseSeconds[LifecycleEvent.BlockTraffic], Is.InRange(5, 20));
    }

    [Test]
    public void Draining_ATargetThatServedNoTraffic_DrainsAtOnce()
    {
        var world = new DeploySim.Model.World();
        var s = Fleets.Article(5, 2).WithFleet(f => f with { TargetGroups = [f.TargetGroups[0] with { ConnectionsCloseWhenIdle = false, DeregistrationDelay = Fleets.S(120) }] });
        world.Reset(s, 0, false);
        world.Run();
        // Register a target whose application does not serve, then deregister it: nothing was routed to it.
        int id = Enumerable.Range(0, world.InstanceCount).First(i => world[i].Lifecycle == LifecycleState.InService);
        Assert.That(world.TargetGroups.Deregister(0, id), Is.EqualTo(Fleets.S(120)), "a routed target keeps its keep-alive connections");
        world.TargetGroups.Register(0, id);
        Assert.That(world.Traffic.IsRouted(id), Is.False, "initial: not yet routed");
        Assert.That(world.TargetGroups.Deregister(0, id), Is.EqualTo(SimDuration.Zero));
    }

    [Test]
    public void ExtraTrafficInterval_AddsOneIntervalToAllowTraffic()
    {
        var s = Fleets.Article(30, 10);
        var (plain, _) = ScenarioRunner.RunOne(s, detail: false);
        var (extra, _) = ScenarioRunner.RunOne(s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { ExtraTrafficInterval = true } }), detail: false);
        Assert.That(extra.PhaseSeconds[LifecycleEvent.AllowTraffic] - plain.PhaseSeconds[LifecycleEvent.AllowTraffic], Is.InRange(25, 40));
    }
}
