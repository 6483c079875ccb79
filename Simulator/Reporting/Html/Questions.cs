using System.Globalization;
using DeploySim.Metrics;

namespace DeploySim.Reporting.Html;

/// <summary>The question each report answers, in the planner's words, at the top of <c>report.html</c>.</summary>
internal static class Questions
{
    public static string Run(RunSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"How long does a {ReportNames.Of(s.Strategy)} rollout of {s.Scenario} take, how far does serving capacity dip, how much memory does it need, and how often does it fail? ({s.Replications:#,0} replications, seed {s.Seed})");

    public static string Compare(IReadOnlyList<RunSummary> s) => string.Create(CultureInfo.InvariantCulture,
        $"Which strategy should {s[0].Scenario} use: {string.Join(", ", s.Select(x => ReportNames.Of(x.Strategy)))}? How often does each fail, how long does it take, how far does capacity dip, and what does it cost in memory and instance-hours? ({s[0].Replications:#,0} replications each, seed {s[0].Seed})");

    public static string Sweep(IReadOnlyList<SweepRow> rows)
    {
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture,
            $"How do the results of {rows[0].Summary.Scenario} change as {string.Join(" and ", paths)} vary? ({rows.Count} combinations, {rows[0].Summary.Replications:#,0} replications each)");
    }

    public const string Plan = "How many unicorn workers fit on each instance size without an OOM kill during a rollout, and how many instances then serve the demand, per strategy?";
}
