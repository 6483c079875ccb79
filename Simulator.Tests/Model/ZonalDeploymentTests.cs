using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 16: CodeDeploy zonal deployments (docs/model.md#zonal-deployments): one zone at a time in the group's
/// zone order, the monitor waits between zones, and the per-zone minimum of healthy hosts beside the overall one.</summary>
public sealed class ZonalDeploymentTests
{
    private static readonly ZonalConfig Zonal = new()
    {
        FirstZoneMonitorDuration = SimDuration.FromMinutes(15), MonitorDuration = SimDuration.FromMinutes(5),
        PerZoneType = MinimumHealthyHostsType.FleetPercent, PerZoneValue = 50,
    };

    /// <summary>12 instances over zones a, b, c (ids round-robin: zone = id % 3), FLEET_PERCENT 66 overall (4 at a time).</summary>
    private static Scenario ThreeZones(ZonalConfig? zonal) => Fleets.Article(10, 3, instances: 12).WithFleet(f => f with
    {
        AutoScaling = f.AutoScaling with { AvailabilityZones = ["a", "b", "c"] },
        Deployment = f.Deployment with { Config = DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, 66), ZonalConfig = zonal },
    }) with { Era = Era.Current };

    /// <summary>Each original instance's first and last deployment span (BeforeBlockTraffic to AfterAllowTraffic).</summary>
    private static Dictionary<int, (long Start, long End)> Windows(ReplicationDetail d) =>
        d.Timeline.Where(t => t.Instance is >= 0 and < 12 && t.Lane == "CodeDeploy")
            .GroupBy(t => t.Instance)
            .ToDictionary(g => g.Key, g => (g.Min(t => t.Start.Milliseconds), g.Max(t => t.End.Milliseconds)));

    [Test]
    public void ZonesGoOneAtATime_InTheGroupsOrder_WithTheMonitorWaits()
    {
        var (r, detail) = ScenarioRunner.RunOne(ThreeZones(Zonal));
        var w = Windows(detail);
        long EndOf(int zone) => w.Where(kv => kv.Key % 3 == zone).Max(kv => kv.Value.End);
        long StartOf(int zone) => w.Where(kv => kv.Key % 3 == zone).Min(kv => kv.Value.Start);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(w, Has.Count.EqualTo(12));
            Assert.That(StartOf(1) - EndOf(0), Is.GreaterThanOrEqualTo(15 * 60_000), "firstZoneMonitorDuration after zone a");
            Assert.That(StartOf(2) - EndOf(1), Is.InRange(5 * 60_000, 6 * 60_000), "monitorDuration after zone b");
        });
    }

    [Test]
    public void PerZoneMinimum_LimitsInstancesInProgress()
    {
        var world = new World();
        world.Reset(ThreeZones(Zonal), 0, recordDetail: false);
        world.Run();
        Assert.That(world.CodeDeploy.Deployments[0].MaxInProgress, Is.EqualTo(2), "50 % of a zone's 4 kept healthy");
        var open = new World();
        open.Reset(ThreeZones(Zonal with { PerZoneValue = 0 }), 0, recordDetail: false);
        open.Run();
        Assert.That(open.CodeDeploy.Deployments[0].MaxInProgress, Is.EqualTo(4), "the overall minimum (66 % of 12) allows 4, all of one zone");
    }

    [Test]
    public void WithoutZonalConfig_ZonesAreIgnored()
    {
        var (_, detail) = ScenarioRunner.RunOne(ThreeZones(null));
        var w = Windows(detail);
        long firstBatch = w.Values.Min(v => v.Start);
        Assert.That(w.Where(kv => kv.Value.Start == firstBatch).Select(kv => kv.Key), Is.EqualTo(new[] { 0, 1, 2, 3 }), "by instance number, across zones");
    }

    [Test]
    public void ZonalConfig_InEra2018_IsAnError()
    {
        var e = ScenarioTestSupport.SingleError("name: t\nera: 2018\ndeployment:\n  zonalConfig: { monitorDuration: 5m }\n");
        Assert.Multiple(() =>
        {
            Assert.That(e.Field, Is.EqualTo("deployment.zonalConfig"));
            Assert.That(e.Message, Does.Contain("era 2018"));
        });
    }

    [Test]
    public void ZonalConfig_Reads()
    {
        var z = ScenarioTestSupport.Load("name: t\ndeployment:\n  zonalConfig: { firstZoneMonitorDuration: 15m, monitorDuration: 5m, "
            + "minimumHealthyHostsPerZone: { type: HOST_COUNT, value: 1 } }\n").Fleet.Deployment.ZonalConfig!;
        Assert.Multiple(() =>
        {
            Assert.That(z.WaitAfter(0), Is.EqualTo(SimDuration.FromMinutes(15)));
            Assert.That(z.WaitAfter(1), Is.EqualTo(SimDuration.FromMinutes(5)));
            Assert.That(z.MinimumHealthy(4), Is.EqualTo(1));
        });
    }
}
