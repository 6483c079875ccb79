using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Issue 12 item 5: serving capacity and unserved requests per target group, each group with its demand share.</summary>
public sealed class TargetGroupCapacityTests
{
    /// <summary>Four instances behind api (managed by the deployment) and internal-api (not), EC2 health checks.</summary>
    private static Scenario TwoGroups(StrategyKind strategy, IReadOnlyDictionary<LifecycleEvent, IReadOnlyList<HookScript>>? hooks = null)
    {
        return Fleets.Article(5, 2, instances: 4).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },
            TargetGroups = [Fleets.Group("api", 5, 2), Fleets.Group("internal-api", 5, 2)],
            Traffic = new TrafficSpec { RequestsPerSecond = 100 },
            Deployment = f.Deployment with { Strategy = strategy, TargetGroups = ["api"], Hooks = hooks ?? f.Deployment.Hooks },
        });
    }

    [Test]
    public void InPlace_BlockTrafficDip_IsVisibleInTheManagedGroup()
    {
        // No stop or start script: the application serves throughout, so only api's deregistration (BlockTraffic to
        // AllowTraffic) takes capacity away, and only from api. A fleet-wide figure counted the instance at full capacity
        // because internal-api still routed to it.
        var (r, _) = ScenarioRunner.RunOne(TwoGroups(StrategyKind.InPlace, new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>()), detail: false);
        Assert.That(r.Outcome, Is.EqualTo(Metrics.DeploymentOutcome.Succeeded));
        Assert.That(r.TargetGroups[0].MinServingCapacityPct, Is.EqualTo(75).Within(1e-9), "api: one of four instances out at a time");
        Assert.That(r.TargetGroups[1].MinServingCapacityPct, Is.EqualTo(100).Within(1e-9), "internal-api keeps every instance");
        Assert.That(r.MinServingCapacityPct, Is.EqualTo(75).Within(1e-9), "the weakest group decides");
    }

    [Test]
    public void BlueGreen_UnregisteredInternalApi_IsVisible()
    {
        // The copied group registers the replacements with api only: once the originals are terminated internal-api has
        // no target, so its capacity is gone and its share of the demand goes unserved.
        var (r, _) = ScenarioRunner.RunOne(TwoGroups(StrategyKind.BlueGreen), detail: false);
        var api = r.TargetGroups[0];
        var internalApi = r.TargetGroups[1];
        Assert.That(api.FinalServingCapacityPct, Is.EqualTo(100).Within(1e-9));
        Assert.That(internalApi.FinalServingCapacityPct, Is.Zero);
        Assert.That(internalApi.MinServingCapacityPct, Is.Zero);
        Assert.That(r.MinServingCapacityPct, Is.Zero, "the weakest group decides");
        Assert.That(internalApi.UnservedRequests, Is.GreaterThan(0));
        Assert.That(r.UnservedRequests, Is.EqualTo(api.UnservedRequests + internalApi.UnservedRequests).Within(1e-6), "unserved adds up over groups");
    }

    [Test]
    public void Share_SplitsDemandBetweenGroups()
    {
        var equal = ScenarioRunner.RunOne(TwoGroups(StrategyKind.BlueGreen), detail: false).Result;
        var s = TwoGroups(StrategyKind.BlueGreen);
        var weighted = ScenarioRunner.RunOne(s.WithFleet(f => f with { Traffic = f.Traffic with { Share = new Dictionary<string, double> { ["api"] = 0.8, ["internal-api"] = 0.2 } } }), detail: false).Result;
        // internal-api is unrouted for the same span in both runs (same seed, same events): its unserved requests scale with its share.
        Assert.That(weighted.TargetGroups[1].UnservedRequests, Is.EqualTo(equal.TargetGroups[1].UnservedRequests * 0.2 / 0.5).Within(1e-6 * equal.TargetGroups[1].UnservedRequests));
    }

    [TestCase("{ api: 0.7, internal-api: 0.2 }", "add up to 0.9")]
    [TestCase("{ api: 0.8, web: 0.2 }", "'web' is not a target group")]
    [TestCase("{ api: 1 }", "no share for target group 'internal-api'")]
    public void Share_Invalid_IsRefusedWithThePosition(string share, string expected)
    {
        string yaml = $"""
            name: shares
            targetGroups:
              - name: api
              - name: internal-api
            traffic:
              requestsPerSecond: 100
              share: {share}
            """;
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "shares.yaml", "."));
        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.Message, Does.Contain("shares.yaml:7:"));
        Assert.That(ex.Message, Does.Contain("traffic.share"));
    }
}
