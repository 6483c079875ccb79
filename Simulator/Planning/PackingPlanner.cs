using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Running;

namespace DeploySim.Planning;

/// <summary>Packing density (the source article's claim, docs/model.md#worker-count-and-packing): for a strategy and an
/// instance size, the largest number of unicorn workers whose rollout is safe in every replication, and the fleet that
/// then serves a demand with no unserved request during the rollout.</summary>
/// <remarks>Both searches run the simulation; nothing is computed from a formula. A replication measures the rollout, not
/// the run: it stops <see cref="SettleTime"/> after the rollout ends, so the scenario's horizon only matters when the
/// rollout does not end before it (an unfinished rollout, never safe). Safe means: the rollout succeeded, nothing was
/// OOM-killed and peak memory stayed below 100 % less the headroom, from the deployment's start to the end of the
/// settle time. Safe worker counts are found by binary search (more workers never need less memory), fleet sizes by
/// stepping up from the size that serves the demand when every instance serves.</remarks>
public static class PackingPlanner
{
    /// <summary>How long after the rollout ends memory and requests are still measured (assumption: the last restarts'
    /// workers fork, draining and health checks settle; docs/model.md#worker-count-and-packing).</summary>
    public static readonly SimDuration SettleTime = SimDuration.FromMinutes(10);

    /// <summary>The default of <c>--headroom</c>: peak memory must stay below 90 % of the instance.</summary>
    public const double DefaultHeadroomPct = 10;

    /// <summary>The largest safe worker count (0 if even one worker is unsafe).</summary>
    public static int MaxSafeWorkers(Scenario scenario, int degreeOfParallelism = 0, CancellationToken cancellation = default, double headroomPct = DefaultHeadroomPct) =>
        SearchWorkers(Windowed(scenario), headroomPct, degreeOfParallelism, cancellation).Workers;

    private static (int Workers, IReadOnlyList<ReplicationResult> Probe) SearchWorkers(Scenario scenario, double headroomPct, int degree, CancellationToken ct)
    {
        var u = scenario.Fleet.Unicorn;
        long room = scenario.Fleet.Instances.MemoryMiB - scenario.Fleet.Instances.ReservedMemoryMiB - u.MasterMemoryMiB;
        int hi = (int)Math.Max(0, room / Math.Max(1, u.WorkerMemoryMiB - u.SharedMiB));    // more than this cannot even start
        int lo = 0;
        IReadOnlyList<ReplicationResult> atOne = [];   // when nothing is safe, one worker's runs say why (lo ends 0 only after mid 1 failed)
        while (lo < hi)
        {
            int mid = lo + ((hi - lo + 1) / 2);
            var run = Runner.Run(scenario.WithFleet(f => f with { Unicorn = u with { Workers = mid } }), degree, cancellation: ct).Replications;
            if (mid == 1) atOne = run;
            if (run.All(r => IsSafe(r, headroomPct))) lo = mid;
            else hi = mid - 1;
        }
        return (lo, atOne);
    }

    /// <summary>A replication's rollout is safe: it succeeded, killed nothing and kept memory below the headroom.</summary>
    public static bool IsSafe(ReplicationResult r, double headroomPct) =>
        r.Outcome == DeploymentOutcome.Succeeded && r.RolloutOomKills == 0 && r.RolloutPeakMemoryPct < 100 - headroomPct;

    /// <summary>Why replications are not safe, for the plan's outcome column ("safe" when all are).</summary>
    public static string OutcomeOf(IReadOnlyList<ReplicationResult> runs, double headroomPct)
    {
        if (runs.Count == 0) return "no worker fits in memory";
        var failed = runs.Where(r => r.Outcome != DeploymentOutcome.Succeeded).ToList();
        if (failed.Count > 0)
        {
            var top = failed.GroupBy(r => r.Outcome == DeploymentOutcome.Unfinished ? "unfinished at the horizon" : r.FailureReason ?? FailureReasons.Unknown)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            return $"rollout failed in {failed.Count} of {runs.Count} ({top.Key})";
        }
        if (runs.Any(r => r.RolloutOomKills > 0)) return "OOM kill";
        return runs.Any(r => r.RolloutPeakMemoryPct >= 100 - headroomPct) ? $"memory above {100 - headroomPct:0.#} %" : "safe";
    }

    /// <summary>The longest rollout a plan waits for, from the deployment's start: a longer one is unfinished, never safe.</summary>
    public static readonly SimDuration LongestRollout = SimDuration.FromHours(24);

    /// <summary>Each replication stops <see cref="SettleTime"/> after its rollout; the horizon is the deployment's start
    /// plus <see cref="LongestRollout"/>, whatever the scenario's, so the plan does not depend on the run length.</summary>
    private static Scenario Windowed(Scenario s) => s with
    {
        StopAfterRollout = SettleTime,
        Horizon = (s.Fleets[0].Deployment.StartAt ?? SimDuration.Zero) + LongestRollout,
    };

    /// <summary>Plans one strategy and instance size: safe workers, then the smallest fleet with no unserved request.</summary>
    /// <remarks>The demand replaces the scenario's traffic, and scheduled capacity changes are dropped: the fleet size is
    /// what is being searched for.</remarks>
    public static PlanRow Plan(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps, int degreeOfParallelism = 0,
        CancellationToken cancellation = default, double headroomPct = DefaultHeadroomPct) =>
        RowOf(strategy, instanceMemoryMiB, Search(scenario, strategy, instanceMemoryMiB, demandRps, degreeOfParallelism, cancellation, headroomPct), headroomPct);

    /// <summary>The plan row of a search: its statistics computed from the chosen fleet's replications (rollout times of
    /// the successes only), or, when no worker count is safe, the outcome and success rate of one worker.</summary>
    public static PlanRow RowOf(StrategyKind strategy, long instanceMemoryMiB, PlanSearch search, double headroomPct = DefaultHeadroomPct)
    {
        var r = search.Results;
        double successRate = r.Count == 0 ? double.NaN : r.Count(x => x.Outcome == DeploymentOutcome.Succeeded) / (double)r.Count;
        string outcome = OutcomeOf(r, headroomPct);
        if (search.MaxSafeWorkers > 0 && search.InstancesNeeded == 0 && outcome == "safe") outcome = "requests unserved at every fleet size tried";
        if (search.MaxSafeWorkers == 0 || search.InstancesNeeded == 0)
            return new PlanRow(strategy, instanceMemoryMiB, search.MaxSafeWorkers, 0, MetricSummary.None, MetricSummary.None, MetricSummary.None,
                r.Count == 0 ? MetricSummary.None : MetricSummary.Of(r.Select(x => x.RolloutPeakMemoryPct)), successRate, outcome);
        var succeeded = r.Where(x => x.Outcome == DeploymentOutcome.Succeeded).ToList();
        return new PlanRow(strategy, instanceMemoryMiB, search.MaxSafeWorkers, search.InstancesNeeded,
            MetricSummary.Of(r.Select(x => (double)x.PeakInstances)), MetricSummary.Of(r.Select(x => x.RolloutInstanceHours)),
            succeeded.Count == 0 ? MetricSummary.None : MetricSummary.Of(succeeded.Select(x => x.RolloutSeconds)),
            MetricSummary.Of(r.Select(x => x.RolloutPeakMemoryPct)), successRate, outcome);
    }

    /// <summary>The scenario a plan cell searches: the demand replaces the traffic, scheduled capacity changes dropped,
    /// each replication stopped <see cref="SettleTime"/> after its rollout.</summary>
    public static Scenario CellScenario(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps) =>
        Windowed(scenario.WithFleet(f => f with
        {
            Instances = f.Instances with { MemoryMiB = instanceMemoryMiB },
            AutoScaling = f.AutoScaling with { ScheduledActions = [] },
            Deployment = f.Deployment with { Strategy = strategy },
            Traffic = new TrafficSpec { RequestsPerSecond = demandRps, Latency = f.Traffic.Latency },
        }));

    /// <summary>Searches one strategy and instance size: the safe workers, then the smallest fleet with no unserved
    /// request (with an <c>slo:</c>, whose rollout keeps p99 within its <c>latencyMs</c>) whose rollouts are all safe, with that fleet's replications.</summary>
    public static PlanSearch Search(Scenario scenario, StrategyKind strategy, long instanceMemoryMiB, double demandRps, int degreeOfParallelism = 0,
        CancellationToken cancellation = default, double headroomPct = DefaultHeadroomPct)
    {
        var s = CellScenario(scenario, strategy, instanceMemoryMiB, demandRps);
        var (workers, probe) = SearchWorkers(s, headroomPct, degreeOfParallelism, cancellation);
        if (workers == 0) return new PlanSearch(0, 0, probe);
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
            var run = Runner.Run(sized, degreeOfParallelism, cancellation: cancellation);
            if (run.Replications.All(r => Serves(r, s.Fleet.Traffic.Latency) && IsSafe(r, headroomPct))) return new PlanSearch(workers, n, run.Replications);
        }
        var last = s.WithFleet(f => f with { AutoScaling = f.AutoScaling with { DesiredCapacity = limit, MinSize = Math.Min(limit, f.AutoScaling.MinSize), MaxSize = Math.Max(limit, f.AutoScaling.MaxSize) } });
        return new PlanSearch(workers, 0, Runner.Run(last, degreeOfParallelism, cancellation: cancellation).Replications);   // no fleet size works: say why
    }

    /// <summary>A replication's rollout serves the demand: with an SLO (issue 17) its deployment window's p99 latency is
    /// within the SLO's <c>latencyMs</c>; otherwise no request is unserved.</summary>
    private static bool Serves(ReplicationResult r, LatencySpec? latency) =>
        latency?.Slo is { } slo ? r.Latency.P99Ms <= slo.LatencyMs : r.UnservedRequests < 0.5;
}

/// <summary>A plan cell's search: the largest safe worker count, the fleet size found, and the replications of that
/// fleet's rollout from which the plan row's statistics are computed (when no worker count is safe: the replications
/// at one worker, which say why).</summary>
public sealed record PlanSearch(int MaxSafeWorkers, int InstancesNeeded, IReadOnlyList<ReplicationResult> Results);
