using DeploySim.Scenarios;

namespace DeploySim.App;

/// <summary>Each target group's share of the demand (issue 12 item 5): <c>traffic.share</c>, default equal shares.</summary>
public static class TrafficShares
{
    public static double Of(Scenario scenario, int g)
    {
        var shares = scenario.Fleet.Traffic.Share;
        return shares.Count > 0 && shares.TryGetValue(scenario.Fleet.TargetGroups[g].Name, out double share) ? share : 1.0 / scenario.Fleet.TargetGroups.Count;
    }
}
