using DeploySim.Scenarios;

namespace DeploySim.Metrics;

/// <summary>Builds a <see cref="RunSummary"/> from replications added one at a time, keeping only each metric's values
/// (a few doubles per replication), so that a run of millions of replications need not keep its results.</summary>
/// <remarks>Over several fleets: the bad-revision metrics when any fleet has a bad revision, <c>peakBacklog</c> when any
/// is a worker fleet.</remarks>
public sealed class SummaryBuilder(Scenario scenario, bool warmPoolMetrics = false)
{
    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_always =
    [
        ("rolloutSeconds", r => r.Outcome == DeploymentOutcome.Succeeded ? r.RolloutSeconds : double.NaN),
        ("timeToFailureSeconds", r => r.TimeToFailureSeconds),
        ("minServingCapacityPct", r => r.MinServingCapacityPct),
        ("unservedRequests", r => r.UnservedRequests),
        ("failedRequests", r => r.FailedRequests),
        ("peakInstances", r => r.PeakInstances),
        ("instanceHours", r => r.InstanceHours),
        ("peakMemoryPct", r => r.PeakMemoryPct),
        ("oomKills", r => r.OomKills),
        ("launches", r => r.Launches),
        ("abandonedLaunches", r => r.AbandonedLaunches),
        ("staleInstances", r => r.StaleInstances),
        ("eventsProcessed", r => r.EventsProcessed),
    ];

    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_badRevision =
    [
        ("timeToDetectSeconds", r => r.TimeToDetectSeconds),
        ("timeToRecoverSeconds", r => r.TimeToRecoverSeconds),
        ("badRevisionFailedRequests", r => r.BadRevisionFailedRequests),
    ];

    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_worker =
        [("peakBacklog", r => r.PeakBacklog), ("jobWaitP50Seconds", r => r.JobWaitP50Seconds), ("jobWaitP99Seconds", r => r.JobWaitP99Seconds),
         ("maxJobWaitSeconds", r => r.MaxJobWaitSeconds)];

    /// <summary>With a warm pool in any fleet (docs/model.md#warm-pools): scale-out to serving, the pool's instance-hours.</summary>
    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_warmPool =
        [("scaleOutToServingP50Seconds", r => r.ScaleOutToServingP50Seconds), ("maxScaleOutToServingSeconds", r => r.MaxScaleOutToServingSeconds),
         ("warmPoolInstanceHours", r => r.WarmPoolInstanceHours)];

    /// <summary>Issue 17: latency over the deployment window (latency.*) and outside it (latency.steady.*), errors.</summary>
    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_latency =
    [
        ("latency.p50Ms", r => r.Latency.P50Ms),
        ("latency.p90Ms", r => r.Latency.P90Ms),
        ("latency.p99Ms", r => r.Latency.P99Ms),
        ("latency.p999Ms", r => r.Latency.P999Ms),
        ("latency.steady.p50Ms", r => r.Latency.SteadyP50Ms),
        ("latency.steady.p90Ms", r => r.Latency.SteadyP90Ms),
        ("latency.steady.p99Ms", r => r.Latency.SteadyP99Ms),
        ("latency.steady.p999Ms", r => r.Latency.SteadyP999Ms),
        ("latency.peakQueuedRequests", r => r.Latency.PeakQueued),
        ("errors.http502", r => r.Latency.Http502),
        ("errors.http504", r => r.Latency.Http504),
    ];

    private static readonly (string Name, Func<ReplicationResult, double> Value)[] s_slo =
    [
        ("slo.budgetBurnedPct", r => r.Latency.BudgetBurnedPct),
        ("slo.violatedMinutes", r => r.Latency.ViolatedMinutes),
    ];

    private readonly (string Name, Func<ReplicationResult, double> Value)[] _metrics =
    [
        .. s_always,
        .. scenario.Fleets.Any(f => f.Deployment.BadRevision is not null) ? s_badRevision : [],
        .. scenario.Fleets.Any(f => f.Kind == FleetKind.Worker) ? s_worker : [],
        .. warmPoolMetrics || scenario.Fleets.Any(f => f.AutoScaling.WarmPool is not null) ? s_warmPool : [],
        .. scenario.Fleets.Any(f => f.Traffic.Latency is not null) ? s_latency : [],
        .. scenario.Fleets.Any(f => f.Traffic.Latency?.Slo is not null) ? s_slo : [],
    ];

    // The always-present metrics get one slot per replication up front: a streamed run of millions then holds its
    // values once, without the copies and the spare half of a growing list.
    private readonly List<double>[] _values =
        [.. Enumerable.Range(0, 40).Select(m => new List<double>(m < s_always.Length ? Math.Clamp(scenario.Replications, 0, 1 << 24) : 0))];
    private readonly SortedDictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly List<double>[] _phases = [.. Enum.GetValues<LifecycleEvent>().Select(_ => new List<double>())];
    private readonly int[] _outcomes = new int[Enum.GetValues<DeploymentOutcome>().Length];
    private readonly List<double>[][] _groups = [.. GroupsOf(scenario).Select(_ => RunSummary.TargetGroupMetricNames.Select(_ => new List<double>()).ToArray())];
    private int _count;

    /// <summary>The rollout time of every succeeded replication, in replication order (for the distribution plot).</summary>
    public IReadOnlyList<double> RolloutSeconds => [.. _values[0].Where(double.IsFinite)];

    public void Add(ReplicationResult r)
    {
        for (int m = 0; m < _metrics.Length; m++) _values[m].Add(_metrics[m].Value(r));
        foreach (var (e, seconds) in r.PhaseSeconds) _phases[(int)e].Add(seconds);
        for (int g = 0; g < _groups.Length && g < r.TargetGroups.Count; g++)
        {
            var t = r.TargetGroups[g];
            _groups[g][0].Add(t.MinServingCapacityPct);
            _groups[g][1].Add(t.FinalServingCapacityPct);
            _groups[g][2].Add(t.UnservedRequests);
            _groups[g][3].Add(t.FailedRequests);
        }
        _outcomes[(int)r.Outcome]++;
        if (r.Outcome is DeploymentOutcome.Failed or DeploymentOutcome.Stopped or DeploymentOutcome.RolledBack)
        {
            string reason = r.FailureReason ?? FailureReasons.Unknown;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
        _count++;
    }

    /// <summary>The strategy a run is reported under: the first web fleet's, else the first fleet's.</summary>
    public static StrategyKind ReportedStrategy(Scenario scenario) =>
        (scenario.Fleets.FirstOrDefault(f => f.Kind == FleetKind.Web) ?? scenario.Fleets[0]).Deployment.Strategy;

    private int Rollouts => _count - _outcomes[(int)DeploymentOutcome.None];

    /// <summary>rolloutSeconds and timeToFailureSeconds have no value (null) when no replication ended that way.</summary>
    private static MetricSummary Summarise(string name, List<double> values) =>
        name is "rolloutSeconds" or "timeToFailureSeconds" && !values.Any(double.IsFinite) ? MetricSummary.None : MetricSummary.Of(values);

    /// <summary>Each metric's summary (a sort of its values), on the idle cores once the replications are done when
    /// there are many: the sorts of a 2-second Monte Carlo run are otherwise serial time after the parallel part
    /// (README, "Parallel replications"). Each summary depends only on its own values: the same result either way.</summary>
    private MetricSummary[] MetricSummaries()
    {
        var summaries = new MetricSummary[_metrics.Length];
        if (_count < ParallelSummaryAbove)
            for (int i = 0; i < summaries.Length; i++) summaries[i] = Summarise(_metrics[i].Name, _values[i]);
        else
            Parallel.For(0, summaries.Length, i => summaries[i] = Summarise(_metrics[i].Name, _values[i]));
        return summaries;
    }

    /// <summary>Replications above which the metrics are summarised in parallel.</summary>
    internal const int ParallelSummaryAbove = 5_000;

    public RunSummary Build() => Build(MetricSummaries());

    private RunSummary Build(MetricSummary[] summaries) => new()
    {
        Scenario = scenario.Name,
        Strategy = ReportedStrategy(scenario),
        Seed = scenario.Seed,
        Replications = _count,
        Outcome = new OutcomeCounts(
            _outcomes[(int)DeploymentOutcome.Succeeded],
            _outcomes[(int)DeploymentOutcome.Failed],
            _outcomes[(int)DeploymentOutcome.Stopped],
            _outcomes[(int)DeploymentOutcome.RolledBack],
            _outcomes[(int)DeploymentOutcome.Unfinished]),
        FailureReasons = [.. _reasons.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)],
        SuccessRate = Rollouts == 0 ? double.NaN : (double)_outcomes[(int)DeploymentOutcome.Succeeded] / Rollouts,
        Metrics = [.. _metrics.Select((m, i) => new KeyValuePair<string, MetricSummary>(m.Name, summaries[i]))],
        TargetGroups = [.. _groups.Select((m, g) => (Metrics: m, Name: GroupsOf(scenario)[g].Name)).Where(x => x.Metrics[0].Count > 0)
            .Select(x => new KeyValuePair<string, IReadOnlyList<KeyValuePair<string, MetricSummary>>>(x.Name,
                [.. RunSummary.TargetGroupMetricNames.Select((name, k) => new KeyValuePair<string, MetricSummary>(name, MetricSummary.Of(x.Metrics[k])))]))],
        PhaseSeconds = [.. Enum.GetValues<LifecycleEvent>().Where(e => _phases[(int)e].Count > 0)
            .Select(e => new KeyValuePair<LifecycleEvent, MetricSummary>(e, MetricSummary.Of(_phases[(int)e])))],
    };

    /// <summary>The target groups reported per group: the one fleet's (a several-fleet scenario reports per fleet).</summary>
    private static IReadOnlyList<TargetGroupSpec> GroupsOf(Scenario scenario) => scenario.Fleets.Count == 1 ? scenario.Fleets[0].TargetGroups : [];
}
