using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Metrics;

/// <summary>How a deployment ended (CodeDeploy statuses, docs/model.md#failures-and-rollback and docs/model.md#rerouting-traffic).</summary>
public enum DeploymentOutcome { Succeeded, Failed, Stopped, RolledBack, Unfinished, None }

/// <summary>What one replication measured. Every figure comes from the simulation.</summary>
public record ReplicationResult
{
    public int Replication { get; init; }
    public DeploymentOutcome Outcome { get; init; }
    /// <summary>Deployment start to its terminal state (or to the horizon when unfinished), in seconds.</summary>
    public double RolloutSeconds { get; init; }
    /// <summary>Why the rollout failed, stopped or rolled back (a <see cref="FailureReasons"/> code); null otherwise.</summary>
    public string? FailureReason { get; init; }
    /// <summary>Failed, stopped or rolled back: deployment start to the failure, in seconds (NaN otherwise).</summary>
    public double TimeToFailureSeconds { get; init; } = double.NaN;
    /// <summary>Mean duration per instance of each lifecycle event that ran (seconds), in lifecycle order.</summary>
    public IReadOnlyDictionary<LifecycleEvent, double> PhaseSeconds { get; init; } = new Dictionary<LifecycleEvent, double>();
    /// <summary>Lowest serving capacity during the rollout as a percentage of the capacity just before it: the weakest
    /// target group's (the fleet's when it has none).</summary>
    public double MinServingCapacityPct { get; init; }
    /// <summary>Requests above serving capacity (integrated over the whole run): the sum over target groups.</summary>
    public double UnservedRequests { get; init; }
    /// <summary>Requests routed to a target whose application was not serving.</summary>
    public double FailedRequests { get; init; }
    public double ServedRequests { get; init; }
    public double DemandRequests { get; init; }
    public int PeakInstances { get; init; }
    public double InstanceHours { get; init; }
    /// <summary>Instance-hours accrued between the rollout's start and end: what the rollout itself costs.</summary>
    public double RolloutInstanceHours { get; init; }
    /// <summary>Highest memory use of any instance as a percentage of its size.</summary>
    public double PeakMemoryPct { get; init; }
    public int OomKills { get; init; }
    /// <summary>Highest memory use of any instance from the rollout's start to the end of the run (0 without a rollout).</summary>
    public double RolloutPeakMemoryPct { get; init; }
    /// <summary>OOM kills from the rollout's start to the end of the run.</summary>
    public int RolloutOomKills { get; init; }
    public int Launches { get; init; }
    public int AbandonedLaunches { get; init; }
    /// <summary>Instances in service at the end still on an older revision.</summary>
    public int StaleInstances { get; init; }
    /// <summary>Instances still launching or terminating at the horizon (every other launched instance is in service or terminated).</summary>
    public int UnfinishedInstances { get; init; }
    /// <summary>From the first request served by a bad revision until its alarm fired (NaN: no bad revision served).</summary>
    public double TimeToDetectSeconds { get; init; } = double.NaN;
    /// <summary>From the first request served by a bad revision until no serving instance ran it (NaN: none served).</summary>
    public double TimeToRecoverSeconds { get; init; } = double.NaN;
    /// <summary>Requests that failed because a bad revision served them.</summary>
    public double BadRevisionFailedRequests { get; init; }
    /// <summary>Worker fleets: the largest job backlog (jobs waiting) during the run.</summary>
    public double PeakBacklog { get; init; }
    /// <summary>Worker fleets: the median, 99th percentile and longest wait of a job in the queue, in seconds
    /// (docs/model.md#job-waits); NaN for web fleets.</summary>
    public double JobWaitP50Seconds { get; init; } = double.NaN;
    public double JobWaitP99Seconds { get; init; } = double.NaN;
    public double MaxJobWaitSeconds { get; init; } = double.NaN;
    /// <summary>From the group asking for an instance (a launch, or a warm start from the pool) after time zero until a
    /// target group first finds it healthy: the median and the longest of the replication, in seconds (NaN without a
    /// scale-out; docs/model.md#warm-pools).</summary>
    public double ScaleOutToServingP50Seconds { get; init; } = double.NaN;
    public double MaxScaleOutToServingSeconds { get; init; } = double.NaN;
    /// <summary>Hours instances spent in the warm pool (any pool state), apart from <see cref="InstanceHours"/>.</summary>
    public double WarmPoolInstanceHours { get; init; }
    /// <summary>Per target group, in scenario order (empty for a fleet without target groups).</summary>
    public TargetGroupResults TargetGroups { get; init; } = TargetGroupResults.None;
    /// <summary>The latency model's figures (issue 17, with <c>traffic.serviceTime</c>), <see cref="LatencyFigures.None"/>
    /// otherwise. Kept in a derived record (<see cref="LatencyReplicationResult"/>) so that a run without the model
    /// allocates exactly what it did before.</summary>
    internal LatencyFigures Latency => this is LatencyReplicationResult l ? l.Figures : LatencyFigures.None;
    public long EventsProcessed { get; init; }
    public ulong TraceFingerprint { get; init; }
    public StopReason StopReason { get; init; }
}

/// <summary>What one target group measured (issue 12 item 5): its serving capacity (the targets it routes to) against its
/// capacity just before the rollout, lowest during the rollout and at the horizon, and its share of the demand left
/// unserved or failed (requests failed by an OOM kill belong to no group).</summary>
public readonly record struct TargetGroupResult(double MinServingCapacityPct, double FinalServingCapacityPct, double UnservedRequests, double FailedRequests);

/// <summary>The target groups' results of one replication, compared by value (replication results are compared whole).</summary>
public sealed class TargetGroupResults(TargetGroupResult[] items) : IEquatable<TargetGroupResults>
{
    public static readonly TargetGroupResults None = new([]);
    private readonly TargetGroupResult[] _items = items;

    /// <summary>The groups' results (a property so that the shard files serialise them).</summary>
    public TargetGroupResult[] Items => _items;
    public int Count => _items.Length;
    public TargetGroupResult this[int g] => _items[g];
    public ReadOnlySpan<TargetGroupResult>.Enumerator GetEnumerator() => new ReadOnlySpan<TargetGroupResult>(_items).GetEnumerator();
    public bool Equals(TargetGroupResults? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as TargetGroupResults);
    public override int GetHashCode() => _items.Length;
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>A span of one instance's timeline: a lifecycle event or a state, with its end status.</summary>
public readonly record struct TimelineSpan(int Instance, string Lane, string Name, SimTime Start, SimTime End, string Status);

/// <summary>One sample of the fleet's time series, taken at every change.</summary>
/// <remarks>With the latency model (issue 17): <see cref="QueuedRequests"/> queued over the fleet at the point, and the
/// p50 and p99 latency of the requests answered from this point to the next; NaN without it. <see cref="FailedRequests"/>
/// counts the requests failed since the start up to the point (integrated exactly: between two points they fail at the
/// rate the difference gives). <see cref="MedianMemoryPct"/> is the median over running instances, beside the max and mean.</remarks>
public readonly record struct SeriesPoint(SimTime Time, double ServingCapacityRps, double DemandRps, int Instances, int InServiceInstances, double MaxMemoryPct, double MeanMemoryPct, double Backlog = 0,
    double QueuedRequests = double.NaN, double LatencyP50Ms = double.NaN, double LatencyP99Ms = double.NaN, double FailedRequests = 0,
    double MedianMemoryPct = 0);

/// <summary>A memory sample of one instance.</summary>
public readonly record struct MemoryPoint(SimTime Time, int Instance, double MemoryMiB);

/// <summary>The detailed trace of one replication, kept for reporting (the first replication of a run).</summary>
public sealed record ReplicationDetail
{
    /// <summary>The timeline lane (instance -1) of the alarm's firing.</summary>
    public const string AlarmLane = "Alarm";

    /// <summary>The timeline lane (instance -1) of a bad revision's first request ("first bad request") and of each
    /// moment no serving instance ran it any more ("no instance serves it").</summary>
    public const string BadRevisionLane = "Bad revision";

    /// <summary>The replication this is the detail of (0-based; reported 1-based).</summary>
    public int Replication { get; init; }

    /// <summary>True for a worker fleet: its capacity and demand are jobs per second, not requests.</summary>
    public bool WorkerFleet { get; init; }

    /// <summary>The unit of the series' capacity and demand.</summary>
    public string RateUnit => WorkerFleet ? "jobs per second" : "requests per second";
    public IReadOnlyList<TimelineSpan> Timeline { get; init; } = [];
    public IReadOnlyList<SeriesPoint> Series { get; init; } = [];
    public IReadOnlyList<MemoryPoint> Memory { get; init; } = [];
    public SimTime? DeploymentStart { get; init; }
    public SimTime? DeploymentEnd { get; init; }
    public long InstanceMemoryMiB { get; init; }
    /// <summary>Parallel to <see cref="Series"/>: each target group's serving capacity (rps, scenario order) at that
    /// sample; empty without target groups (and in a detail read back from a shard).</summary>
    public IReadOnlyList<double[]> GroupCapacityRps { get; init; } = [];
    /// <summary>The target groups' names and demand shares (scenario order).</summary>
    public IReadOnlyList<string> TargetGroupNames { get; init; } = [];
    public IReadOnlyList<double> TargetGroupShares { get; init; } = [];
}

/// <summary>Latency percentiles (ms) of the requests answered in the deployment window and in steady state (outside
/// it), the run's 502 and 504 counts, the peak fluid queue and, with an SLO, the window's budget burn and violated minutes.</summary>
public sealed record LatencyFigures(double P50Ms, double P90Ms, double P99Ms, double P999Ms,
    double SteadyP50Ms, double SteadyP90Ms, double SteadyP99Ms, double SteadyP999Ms, double Http502, double Http504,
    double PeakQueued, double BudgetBurnedPct, double ViolatedMinutes)
{
    public static readonly LatencyFigures None = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
        0, 0, 0, double.NaN, double.NaN);
}

/// <summary>A replication's result with the latency model's figures (issue 17).</summary>
public sealed record LatencyReplicationResult : ReplicationResult
{
    public LatencyReplicationResult(ReplicationResult result, LatencyFigures figures) : base(result) => Figures = figures;

    public LatencyFigures Figures { get; }
}
