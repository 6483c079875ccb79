using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>One fleet's part of a run: its scenario as run, its results and their aggregate.</summary>
public sealed record FleetRun(string Name, FleetKind Kind, Scenario Scenario, IReadOnlyList<ReplicationResult> Results, RunSummary Summary, ReplicationDetail Detail);

/// <summary>Statistics of one pipeline action over replications.</summary>
/// <param name="Name">The action's name.</param>
/// <param name="Kind">Source, approval, wait or deploy.</param>
/// <param name="Fleet">The fleet a deploy action deploys.</param>
/// <param name="Succeeded">Replications in which it succeeded.</param>
/// <param name="Failed">Replications in which it failed.</param>
/// <param name="Unfinished">Replications in which it did not finish by the horizon.</param>
/// <param name="NotRun">Replications in which an earlier stage failed.</param>
/// <param name="DurationSeconds">Over the replications in which it ended (succeeded or failed); NaN statistics when
/// it never ended.</param>
public sealed record ActionSummary(string Name, PipelineActionKind Kind, string? Fleet, MetricSummary DurationSeconds, int Succeeded, int Failed, int Unfinished, int NotRun);

/// <summary>Statistics of one pipeline stage over replications.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Actions">Its actions' statistics, in order.</param>
/// <param name="DurationSeconds">Over the replications in which every action ended; NaN statistics when none did.</param>
/// <param name="Ran">Replications in which the stage started.</param>
/// <param name="Succeeded">Replications in which every action succeeded.</param>
/// <param name="Failed">Replications in which an action failed.</param>
/// <param name="Unfinished">Replications in which no action failed but one did not finish by the horizon.</param>
public sealed record StageSummary(string Name, MetricSummary DurationSeconds, int Ran, int Succeeded, int Failed, int Unfinished, IReadOnlyList<ActionSummary> Actions);

/// <summary>Which fleet's deployment decided the merge-to-live time.</summary>
/// <param name="Fleet">The fleet that decided it most often (the first in fleet order on a tie); null when the pipeline
/// never completed.</param>
/// <param name="Counts">For each deployed fleet in fleet order, the replications in which it decided.</param>
/// <param name="Stopped">Replications in which the pipeline stopped (no fleet decided).</param>
public sealed record CriticalPathSummary(string? Fleet, IReadOnlyList<KeyValuePair<string, int>> Counts, int Stopped);

/// <summary>The results of every replication of a multi-fleet or pipeline scenario, and their aggregates.</summary>
/// <param name="Scenario">The scenario as run.</param>
/// <param name="FleetScenarios">Each fleet as the single-fleet scenario its world ran (without the pipeline's start).</param>
/// <param name="Replications">Every replication, in order.</param>
/// <param name="FleetDetails">Each fleet's detail of the first replication.</param>
public sealed record PipelineRunResult(Scenario Scenario, IReadOnlyList<Scenario> FleetScenarios, IReadOnlyList<PipelineReplication> Replications,
    IReadOnlyList<ReplicationDetail> FleetDetails)
{
    /// <summary>The metric key of the merge-to-live time (first among a pipeline run's metrics).</summary>
    public const string MergeToLiveMetric = "mergeToLiveSeconds";

    /// <summary>The fleets combined (<see cref="FleetResults"/>): the standard metrics, the bad-revision ones when any
    /// fleet has a bad revision, <c>peakBacklog</c> when any is a worker fleet, and, with a pipeline,
    /// <c>mergeToLiveSeconds</c> first.</summary>
    public RunSummary Summary { get; } = Summarise(Scenario, Replications);

    /// <summary>Each fleet's run, in the scenario's order.</summary>
    public IReadOnlyList<FleetRun> Fleets { get; } = FleetRuns(Scenario, FleetScenarios, Replications, FleetDetails);

    /// <summary>Each stage's and action's statistics (empty without a pipeline).</summary>
    public IReadOnlyList<StageSummary> Stages { get; } = StageSummaries(Scenario, Replications);

    /// <summary>Which fleet decided the merge-to-live time; null without a pipeline.</summary>
    public CriticalPathSummary? CriticalPath { get; } = CriticalPathOf(Scenario, Replications);

    /// <summary>The combined result of every replication, in order.</summary>
    public IReadOnlyList<ReplicationResult> CombinedResults => Replications.Select(r => r.Combined).ToArray();

    private static RunSummary Summarise(Scenario scenario, IReadOnlyList<PipelineReplication> replications)
    {
        var summary = RunSummary.From(scenario, replications.Select(r => r.Combined).ToArray());
        if (scenario.Pipeline is null) return summary;
        return summary with { Metrics = [new(MergeToLiveMetric, Stats(replications.Select(r => r.MergeToLiveSeconds))), .. summary.Metrics] };
    }

    private static FleetRun[] FleetRuns(Scenario scenario, IReadOnlyList<Scenario> fleets, IReadOnlyList<PipelineReplication> replications,
        IReadOnlyList<ReplicationDetail> details)
    {
        var names = Pipelines.FleetScenarios.Names(scenario);
        var runs = new FleetRun[fleets.Count];
        for (int f = 0; f < fleets.Count; f++)
        {
            var results = replications.Select(r => r.Fleets[f]).ToArray();
            runs[f] = new FleetRun(names[f], fleets[f].Fleet.Kind, fleets[f], results, RunSummary.From(fleets[f], results), details[f]);
        }
        return runs;
    }

    private static StageSummary[] StageSummaries(Scenario scenario, IReadOnlyList<PipelineReplication> replications)
    {
        if (scenario.Pipeline is not { } pipeline) return [];
        var stages = new StageSummary[pipeline.Stages.Count];
        for (int s = 0; s < stages.Length; s++)
        {
            var runs = replications.Select(r => r.Stages[s]).ToArray();
            var actions = new ActionSummary[pipeline.Stages[s].Actions.Count];
            for (int a = 0; a < actions.Length; a++)
            {
                var ar = runs.Select(x => x.Actions[a]).ToArray();
                actions[a] = new ActionSummary(ar[0].Name, ar[0].Kind, ar[0].Fleet, Stats(ar.Select(x => x.DurationSeconds)),
                    ar.Count(x => x.Status == ActionStatus.Succeeded), ar.Count(x => x.Status == ActionStatus.Failed),
                    ar.Count(x => x.Status == ActionStatus.Unfinished), ar.Count(x => x.Status == ActionStatus.NotRun));
            }
            stages[s] = new StageSummary(pipeline.Stages[s].Name, Stats(runs.Select(x => x.DurationSeconds)),
                runs.Count(x => x.Start is not null), runs.Count(x => x.Status == ActionStatus.Succeeded),
                runs.Count(x => x.Status == ActionStatus.Failed), runs.Count(x => x.Status == ActionStatus.Unfinished), actions);
        }
        return stages;
    }

    private static CriticalPathSummary? CriticalPathOf(Scenario scenario, IReadOnlyList<PipelineReplication> replications)
    {
        if (scenario.Pipeline is not { } pipeline) return null;
        var names = Pipelines.FleetScenarios.Names(scenario);
        var deployed = pipeline.Stages.SelectMany(s => s.Actions).Where(a => a.Kind == PipelineActionKind.Deploy)
            .Select(a => a.Fleet ?? names[0]).ToHashSet(StringComparer.Ordinal);
        var counts = names.Where(deployed.Contains)
            .Select(n => new KeyValuePair<string, int>(n, replications.Count(r => r.CriticalFleet == n)))
            .ToArray();
        var top = counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => c.Key).FirstOrDefault();
        return new CriticalPathSummary(top, counts, replications.Count(r => r.CriticalFleet is null));
    }

    /// <summary>Statistics over the finite values; NaN statistics (JSON null) when there are none.</summary>
    internal static MetricSummary Stats(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? new MetricSummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN) : MetricSummary.Of(finite);
    }
}
