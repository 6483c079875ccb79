using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;

namespace DeploySim.Running;

/// <summary>One fleet's part of a run: its scenario as run, its results and their aggregate.</summary>
public sealed record FleetRun(string Name, FleetKind Kind, Scenario Scenario, IReadOnlyList<ReplicationResult> Results, RunSummary Summary, ReplicationDetail Detail);

/// <summary>The results of every replication of a scenario, and their aggregates: what <see cref="Runner"/> returns for
/// any scenario (one fleet, several, with or without a pipeline).</summary>
/// <param name="Scenario">The scenario as run.</param>
/// <param name="FleetScenarios">Each fleet as the one-fleet scenario its world ran (without the pipeline's start).</param>
/// <param name="ReplicationRuns">Every replication, in order: combined, per fleet and per stage.</param>
/// <param name="FleetDetails">Each fleet's detail of the first replication, or of <see cref="ChosenReplication"/>.</param>
public sealed record ScenarioRun(Scenario Scenario, IReadOnlyList<Scenario> FleetScenarios, IReadOnlyList<ScenarioReplication> ReplicationRuns,
    IReadOnlyList<ReplicationDetail> FleetDetails)
{
    /// <summary>The replication (0-based) the user chose to draw (<c>--replication</c>) and whose detail
    /// <see cref="FleetDetails"/> holds; null when not chosen (the detail is the first replication's, and the capacity
    /// band highlights the worst).</summary>
    public int? ChosenReplication { get; init; }

    /// <summary>The metric key of the merge-to-live time (first among a pipeline run's metrics).</summary>
    public const string MergeToLiveMetric = "mergeToLiveSeconds";

    private IReadOnlyList<ReplicationResult>? _replications;
    private RunSummary? _summary;
    private IReadOnlyList<FleetRun>? _fleets;
    private IReadOnlyList<StageSummary>? _stages;
    private CriticalPathSummary? _criticalPath;

    /// <summary>The combined result of every replication, in order (a one-fleet scenario's own results).</summary>
    public IReadOnlyList<ReplicationResult> Replications => _replications ??= [.. ReplicationRuns.Select(r => r.Combined)];

    /// <summary>The fleets combined (<see cref="FleetResults"/>): the standard metrics, the bad-revision ones when any
    /// fleet has a bad revision, <c>peakBacklog</c> when any is a worker fleet, and, with a pipeline,
    /// <c>mergeToLiveSeconds</c> first.</summary>
    public RunSummary Summary => _summary ??= ScenarioSummaryBuilder.Of(Scenario, ReplicationRuns);

    /// <summary>The first replication's detail of the first fleet (a one-fleet scenario's detail).</summary>
    public ReplicationDetail Detail => FleetDetails.Count > 0 ? FleetDetails[0] : new ReplicationDetail();

    /// <summary>Whether the scenario is reported as several fleets and/or a pipeline (per-fleet and stage sections),
    /// rather than as its one fleet.</summary>
    public bool HasFleetsOrPipeline => Scenario.Pipeline is not null || Scenario.NamedFleets;

    /// <summary>Each fleet's run, in the scenario's order.</summary>
    public IReadOnlyList<FleetRun> Fleets => _fleets ??= FleetRuns();

    /// <summary>Each stage's and action's statistics (empty without a pipeline).</summary>
    public IReadOnlyList<StageSummary> Stages => _stages ??= PipelineStatistics.Stages(Scenario, ReplicationRuns);

    /// <summary>Which fleet decided the merge-to-live time; null without a pipeline.</summary>
    public CriticalPathSummary? CriticalPath => _criticalPath ??= PipelineStatistics.CriticalPath(Scenario, ReplicationRuns);

    private FleetRun[] FleetRuns()
    {
        var names = Pipelines.FleetScenarios.Names(Scenario);
        var runs = new FleetRun[FleetScenarios.Count];
        bool warmPool = Scenario.Fleets.Any(f => f.AutoScaling.WarmPool is not null);
        for (int f = 0; f < runs.Length; f++)
        {
            var results = ReplicationRuns.Select(r => r.Fleets[f]).ToArray();
            runs[f] = new FleetRun(names[f], FleetScenarios[f].Fleet.Kind, FleetScenarios[f], results, RunSummary.From(FleetScenarios[f], results, warmPool), FleetDetails[f]);
        }
        return runs;
    }
}

/// <summary>A run whose replications were streamed: its summary, rollout times and the first fleet's detail of the first
/// replication.</summary>
public sealed record StreamedRun(Scenario Scenario, RunSummary Summary, IReadOnlyList<double> RolloutSeconds, ReplicationDetail Detail);

/// <summary>Builds a scenario's combined summary from replications added one at a time (streaming keeps only each
/// metric's values): the combined results' metrics, with a pipeline <c>mergeToLiveSeconds</c> first.</summary>
public sealed class ScenarioSummaryBuilder(Scenario scenario)
{
    private readonly SummaryBuilder _combined = new(scenario);
    private readonly List<double> _mergeToLive = [];

    public IReadOnlyList<double> RolloutSeconds => _combined.RolloutSeconds;

    public void Add(ScenarioReplication r)
    {
        _combined.Add(r.Combined);
        if (scenario.Pipeline is not null) _mergeToLive.Add(r.MergeToLiveSeconds);
    }

    public RunSummary Build()
    {
        var summary = _combined.Build();
        if (scenario.Pipeline is null) return summary;
        return summary with { Metrics = [new(ScenarioRun.MergeToLiveMetric, PipelineStatistics.Stats(_mergeToLive)), .. summary.Metrics] };
    }

    public static RunSummary Of(Scenario scenario, IEnumerable<ScenarioReplication> replications)
    {
        var builder = new ScenarioSummaryBuilder(scenario);
        foreach (var r in replications) builder.Add(r);
        return builder.Build();
    }
}
