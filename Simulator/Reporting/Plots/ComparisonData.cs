using DeploySim.Metrics;
using MathNet.Numerics.Statistics;

namespace DeploySim.Reporting.Plots;

/// <summary>What the strategy comparison draws, per strategy, from its replications: the success rate; the rollout
/// time of successful runs and the time to failure of failed ones as p10–p50–p90 (never a mean over both); the lowest
/// serving capacity per target group (median and worst replication); failed and unserved requests; peak memory
/// against the instance; instance-hours.</summary>
internal sealed record ComparisonData(IReadOnlyList<ComparisonData.Strategy> Strategies, IReadOnlyList<string> TargetGroups)
{
    /// <summary>Low, middle and high percentiles (p10, p50, p90) of some replications; <see cref="Count"/> 0: none.</summary>
    public readonly record struct Band(double P10, double P50, double P90, int Count)
    {
        public static readonly Band None = new(double.NaN, double.NaN, double.NaN, 0);

        public static Band Of(IEnumerable<double> values)
        {
            var v = values.Where(double.IsFinite).Order().ToArray();
            if (v.Length == 0) return None;
            double Q(double p) => SortedArrayStatistics.QuantileCustom(v, p, QuantileDefinition.R7);
            return new(Q(0.1), Q(0.5), Q(0.9), v.Length);
        }
    }

    /// <summary>One strategy's figures. <see cref="MinCapacityPct"/> has one entry per target group (the fleet's alone
    /// when it has none): the median and the worst replication's lowest serving capacity, in % of before the rollout.</summary>
    public sealed record Strategy(
        string Name, int Replications, int Succeeded, double SuccessRate, Band RolloutSeconds, Band TimeToFailureSeconds,
        IReadOnlyList<(double Median, double Worst)> MinCapacityPct, double MeanFailedRequests, double MeanUnservedRequests,
        double MaxPeakMemoryPct, Band InstanceHours);

    public static ComparisonData From(IReadOnlyList<(string Name, RunSummary Summary, IReadOnlyList<ReplicationResult> Results)> runs)
    {
        var groups = runs.SelectMany(r => r.Summary.TargetGroups.Select(g => g.Key)).Distinct(StringComparer.Ordinal).ToList();
        var strategies = runs.Select(r =>
        {
            var results = r.Results;
            var started = results.Where(x => x.Outcome != DeploymentOutcome.None).ToList();
            var capacity = groups.Count == 0
                ? [Capacity(results.Select(x => x.MinServingCapacityPct))]
                : groups.Select((_, g) => Capacity(results.Where(x => x.TargetGroups.Count > g).Select(x => x.TargetGroups[g].MinServingCapacityPct))).ToList();
            return new Strategy(
                r.Name, results.Count, started.Count(x => x.Outcome == DeploymentOutcome.Succeeded), r.Summary.SuccessRate,
                Band.Of(started.Where(x => x.Outcome == DeploymentOutcome.Succeeded).Select(x => x.RolloutSeconds)),
                Band.Of(started.Select(x => x.TimeToFailureSeconds)),
                capacity,
                results.Count == 0 ? 0 : results.Average(x => x.FailedRequests),
                results.Count == 0 ? 0 : results.Average(x => x.UnservedRequests),
                results.Count == 0 ? 0 : results.Max(x => x.PeakMemoryPct),
                Band.Of(results.Select(x => x.InstanceHours)));
        }).ToList();
        return new ComparisonData(strategies, groups.Count == 0 ? ["fleet"] : groups);
    }

    private static (double, double) Capacity(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        return v.Length == 0 ? (double.NaN, double.NaN) : (Band.Of(v).P50, v.Min());
    }
}
