using DeploySim.Pipelines;
using DeploySim.Scenarios;

namespace DeploySim.Sharding;

/// <summary>A scenario's expected cost per replication, from its size alone (no pilot run): what balances shards.</summary>
/// <remarks>Health checks dominate a replication's events: one per target, target group and interval over the horizon.
/// The estimate is the largest fleet the group is asked for (blue/green doubles it) times the checks per instance, plus
/// a fixed part per instance for launches, lifecycle events and processes. Only ratios between estimates matter.</remarks>
public static class CostEstimate
{
    /// <summary>Estimated events in one replication of <paramref name="scenario"/> (at least 1).</summary>
    public static long EventsPerReplication(Scenario scenario)
    {
        long total = 0;
        foreach (var fleet in FleetScenarios.Of(scenario)) total = checked(total + OneFleet(fleet));
        return Math.Max(1, total);
    }

    private static long OneFleet(Scenario s)
    {
        long instances = Math.Max(1, s.AutoScaling.DesiredCapacity);
        foreach (var a in s.AutoScaling.ScheduledActions) instances = Math.Max(instances, a.DesiredCapacity ?? 0);
        if (s.Deployment.Strategy == StrategyKind.BlueGreen) instances *= 2;
        double horizon = s.Horizon.TotalSeconds;
        double checks = s.TargetGroups.Sum(g => horizon / Math.Max(1, g.HealthCheck.Interval.TotalSeconds));
        return (long)Math.Min(long.MaxValue / 4, instances * (checks + 100 + s.Unicorn.Workers));
    }
}
