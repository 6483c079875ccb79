using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 16: Availability Zones (docs/model.md#availability-zones): balanced launches, scale-in from the
/// fullest zone, an impaired zone's instances replaced in the healthy zones, AZRebalance after it recovers.</summary>
public sealed class AvailabilityZoneTests
{
    private static Scenario Zoned(SimDuration horizon, IReadOnlyList<ScheduledAction>? actions = null, IReadOnlyList<ZoneEvent>? events = null) =>
        Fleets.Article(instances: 9).WithFleet(f => f with
        {
            Instances = f.Instances with { BootTime = Distribution.Constant(40_000) },
            AutoScaling = f.AutoScaling with { AvailabilityZones = ["a", "b", "c"], MinSize = 2, MaxSize = 18, ScheduledActions = actions ?? [] },
            OpsWorks = f.OpsWorks with { SetupTime = Distribution.Constant(120_000), SetupFailureRate = 0 },
            Deployment = f.Deployment with { StartAt = null },
            Events = events ?? [],
        }) with { Horizon = horizon };

    private static readonly ZoneEvent ZoneBFor20m = new() { At = SimDuration.FromMinutes(40), Zone = 1, For = SimDuration.FromMinutes(20) };

    private static int[] RunAndCount(Scenario s, Action<World>? before = null)
    {
        var world = new World();
        world.Reset(s, 0, recordDetail: false);
        before?.Invoke(world);
        world.Run();
        return [.. Enumerable.Range(0, 3).Select(world.AutoScaling.ActiveInZone)];
    }

    [Test]
    public void DefaultGroup_HasOneZone_EveryInstanceInIt()
    {
        var world = new World();
        world.Reset(Fleets.Article(instances: 5), 0, recordDetail: false);
        world.Run();
        Assert.That(world.AutoScaling.ActiveInZone(0), Is.EqualTo(5));
    }

    [Test]
    public void Launches_AreBalancedAcrossZones()
    {
        Assert.That(RunAndCount(Zoned(SimDuration.FromMinutes(10))), Is.EqualTo(new[] { 3, 3, 3 }));
        var scaled = Zoned(SimDuration.FromMinutes(30), [new ScheduledAction { At = SimDuration.FromMinutes(5), DesiredCapacity = 13 }]);
        Assert.That(RunAndCount(scaled), Is.EqualTo(new[] { 5, 4, 4 }), "the tie goes to the first zone");
    }

    [Test]
    public void ScaleIn_TakesFromTheFullestZone()
    {
        var s = Zoned(SimDuration.FromMinutes(30), [
            new ScheduledAction { At = SimDuration.FromMinutes(5), DesiredCapacity = 10 },
            new ScheduledAction { At = SimDuration.FromMinutes(15), DesiredCapacity = 6 }]);
        Assert.That(RunAndCount(s), Is.EqualTo(new[] { 2, 2, 2 }));
    }

    [Test]
    public void ImpairedZone_ItsInstancesAreReplacedInTheHealthyZones()
    {
        var during = RunAndCount(Zoned(SimDuration.FromMinutes(55), events: [ZoneBFor20m]));
        Assert.Multiple(() =>
        {
            Assert.That(during[1], Is.Zero, "zone b's three instances were replaced");
            Assert.That(during[0] + during[2], Is.EqualTo(9));
            Assert.That(Math.Abs(during[0] - during[2]), Is.LessThanOrEqualTo(1), "launched balanced over a and c");
        });
    }

    [Test]
    public void AfterRecovery_AzRebalanceBalancesTheZonesAgain_UnlessSuspended()
    {
        var s = Zoned(SimDuration.FromHours(2), events: [ZoneBFor20m]);
        Assert.That(RunAndCount(s), Is.EqualTo(new[] { 3, 3, 3 }));
        var held = RunAndCount(s, w => w.AutoScaling.Suspend(0, AutoScalingProcesses.AZRebalance));
        Assert.Multiple(() =>
        {
            Assert.That(held[1], Is.Zero, "AZRebalance suspended: zone b stays empty");
            Assert.That(held.Sum(), Is.EqualTo(9));
        });
    }

    [Test]
    public void ImpairedZone_CostsServedRequests()
    {
        var calm = ScenarioRunner.RunOne(Zoned(SimDuration.FromHours(2)), detail: false).Result;
        var impaired = ScenarioRunner.RunOne(Zoned(SimDuration.FromHours(2), events: [ZoneBFor20m]), detail: false).Result;
        Assert.That(impaired.FailedRequests + impaired.UnservedRequests, Is.GreaterThan(calm.FailedRequests + calm.UnservedRequests));
    }

    [TestCase("events: [{ at: 40m, zoneImpaired: d, for: 20m }]", "events[0].zoneImpaired", "'d' is not one of autoScaling.availabilityZones")]
    [TestCase("events: [{ at: 40m, zoneImpaired: b }]", "events[0].for", "missing required field 'for'")]
    [TestCase("autoScaling: { availabilityZones: [a, a] }", "autoScaling.availabilityZones[1]", "zone 'a' is listed twice")]
    public void Validate_BadZoneInput_NamesFieldAndRule(string line, string field, string message)
    {
        string yaml = line.StartsWith("events", StringComparison.Ordinal)
            ? $"name: t\nautoScaling: {{ availabilityZones: [a, b, c] }}\n{line}\n"
            : $"name: t\n{line}\n";
        var e = ScenarioTestSupport.SingleError(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(e.Field, Is.EqualTo(field), e.ToString());
            Assert.That(e.Message, Does.Contain(message), e.ToString());
        });
    }
}
