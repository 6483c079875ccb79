using DeploySim.Pipelines;

namespace DeploySim.Metrics;

/// <summary>One combination of a sweep: the varied values (path to text, in the order given), the run's summary (with a
/// pipeline, <c>mergeToLiveSeconds</c> first among its metrics) and, with a pipeline, which fleet decided merge-to-live.</summary>
public sealed record SweepRow(IReadOnlyList<KeyValuePair<string, string>> Parameters, RunSummary Summary, CriticalPathSummary? CriticalPath = null);
