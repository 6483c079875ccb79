using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Planning;

/// <summary>Packing density (the source article's claim, docs/model.md#worker-count-and-packing): for a strategy and an instance size, the largest
/// number of unicorn workers whose rollout OOM-kills nothing in any replication, and the fleet that then serves a demand
/// with no unserved request during the rollout.</summary>
/// <remarks>Both searches run the simulation; nothing is computed from a formula. Safe worker counts are found by binary
/// search (an OOM kill at n workers implies one at n + 1), fleet sizes by stepping up from the size that serves the demand
/// when every instance serves.</remarks>
public static class PackingPlanner
{
    /// <summary>The largest safe worker count (0 if even one worker is killed).</summary>
    public static int MaxSafeWorkers(Scenario scenario, int degreeOfParallelism = 0, CancellationToken cancellation = default)
    {
        var u = scenario.Fleet.Unicorn;
        long room = scenario.Fleet.Instances.MemoryMiB - scenario.Fleet.Instances.ReservedMemoryMiB - u.MasterMemoryMiB;
        int hi = (int)Math.Max(0, room / Math.Max(1, u.WorkerMemoryMiB));    // more than this cannot even start
        int lo = 0;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo + 1) / 2);
            if (IsSafe(scenario.WithFleet(f => f with { Unicorn = u with { Workers = mid } }), degreeOfParallelism, cancellation)) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static bool IsSafe(Scenario s, int degree, CancellationToken ct) =>
        ScenarioRunner.Run(s, degree, cancellation: ct).Replications.All(r => r.OomKills == 0);

    /// <summary>Plans one strategy and instance size: safe workers, then the smallest fleet with no unserved request.</summary>
    /// <remarks>The demand replaces the scenario's traffic, and scheduled capacity changes are dropped: the fleet size is
    /// what is being searched for.</remarks>
    public static PlanRow Plan(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps, int degreeOfParallelism = 0, CancellationToken cancellation = default) =>
        RowOf(strategy, instanceMemoryMiB, Search(scenario, strategy, instanceMemoryMiB, demandRps, degreeOfParallelism, cancellation));

    /// <summary>The plan row of a search: its statistics computed from the chosen fleet's replications.</summary>
    public static PlanRow RowOf(StrategyKind strategy, long instanceMemoryMiB, PlanSearch search)
    {
        if (search.MaxSafeWorkers == 0)
            return new PlanRow(strategy, instanceMemoryMiB, 0, 0, MetricSummary.Empty, MetricSummary.Empty, MetricSummary.Empty, MetricSummary.Empty);
        var r = search.Results;
        return new PlanRow(strategy, instanceMemoryMiB, search.MaxSafeWorkers, search.InstancesNeeded,
            MetricSummary.Of(r.Select(x => (double)x.PeakInstances)), MetricSummary.Of(r.Select(x => x.RolloutInstanceHours)),
            MetricSummary.Of(r.Select(x => x.RolloutSeconds)), MetricSummary.Of(r.Select(x => x.PeakMemoryPct)));
    }

    /// <summary>The scenario a plan cell searches: the demand replaces the traffic, scheduled capacity changes dropped.</summary>
    public static Scenario CellScenario(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps) =>
        scenario.WithFleet(f => f with
        {
            Instances = f.Instances with { MemoryMiB = instanceMemoryMiB },
            AutoScaling = f.AutoScaling with { ScheduledActions = [] },
            Deployment = f.Deployment with { Strategy = strategy },
            Traffic = new TrafficSpec { RequestsPerSecond = demandRps, Latency = f.Traffic.Latency },
        });

    /// <summary>Searches one strategy and instance size: the safe workers, then the smallest fleet with no unserved
    /// request (with an <c>slo:</c>, whose rollout keeps p99 within its <c>latencyMs</c>), with that fleet's replications.</summary>
    public static PlanSearch Search(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps, int degreeOfParallelism = 0, CancellationToken cancellation = default)
    {
        var s = CellScenario(scenario, strategy, instanceMemoryMiB, demandRps);
        int workers = MaxSafeWorkers(s, degreeOfParallelism, cancellation);
        if (workers == 0) return new PlanSearch(0, 0, []);
        s = s.WithFleet(f => f with { Unicorn = f.Unicorn with { Workers = workers } });
        double perInstance = workers * s.Fleet.Unicorn.RequestsPerSecondPerWorker;
        double needed = Math.Ceiling(demandRps / perInstance - 1e-9);
        if (!(needed <= Scenarios.ScenarioMapper.MaxInstances))
            throw new ArgumentOutOfRangeException(nameof(demandRps), $"{demandRps} rps needs more than {Scenarios.ScenarioMapper.MaxInstances:N0} instances of {workers} workers: beyond what DeploySim simulates");
        int first = Math.Max(1, (int)needed);
        int limit = Math.Min((2 * first) + 8, Scenarios.ScenarioMapper.MaxInstances);
        for (int n = first; n <= limit; n++)
        {
            var sized = s.WithFleet(f => f with { AutoScaling = f.AutoScaling with { DesiredCapacity = n, MinSize = Math.Min(n, f.AutoScaling.MinSize), MaxSize = Math.Max(n, f.AutoScaling.MaxSize) } });
            var run = ScenarioRunner.Run(sized, degreeOfParallelism, cancellation: cancellation);
            if (run.Replications.All(r => Serves(r, s.Fleet.Traffic.Latency))) return new PlanSearch(workers, n, run.Replications);
        }
        throw new InvalidOperationException(
            $"{StrategyName(strategy)} on {instanceMemoryMiB} MiB instances: even {limit} instances of {workers} workers " +
            (s.Fleet.Traffic.Latency?.Slo is { } target ? $"keep the rollout's p99 above {target.LatencyMs} ms" : "leave requests unserved") +
            $" at {demandRps} rps (look at the scenario's rollout: instances replaced or never healthy?)");
    }

    /// <summary>A replication's rollout serves the demand: with an SLO (issue 17) its deployment window's p99 latency is
    /// within the SLO's <c>latencyMs</c>; otherwise no request is unserved.</summary>
    private static bool Serves(ReplicationResult r, LatencySpec? latency) =>
        latency?.Slo is { } slo ? r.Latency.P99Ms <= slo.LatencyMs : r.UnservedRequests < 0.5;

    private static string StrategyName(StrategyKind k) => k switch
    {
        StrategyKind.BlueGreen => "blue-green",
        StrategyKind.GracefulRestart => "graceful-restart",
        _ => "in-place",
    };
}

/// <summary>A plan cell's search: the largest safe worker count, the fleet size found, and the replications of that
/// fleet's rollout from which the plan row's statistics are computed (none when no worker count is safe).</summary>
public sealed record PlanSearch(int MaxSafeWorkers, int InstancesNeeded, IReadOnlyList<ReplicationResult> Results);
