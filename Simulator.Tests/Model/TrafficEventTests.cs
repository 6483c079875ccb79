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

    [Test]
    public void ExtraTrafficInterval_AddsOneIntervalToAllowTraffic()
    {
        var s = Fleets.Article(30, 10);
        var (plain, _) = ScenarioRunner.RunOne(s, detail: false);
        var (extra, _) = ScenarioRunner.RunOne(s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { ExtraTrafficInterval = true } }), detail: false);
        Assert.That(extra.PhaseSeconds[LifecycleEvent.AllowTraffic] - plain.PhaseSeconds[LifecycleEvent.AllowTraffic], Is.InRange(25, 40));
    }
}
