using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

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
