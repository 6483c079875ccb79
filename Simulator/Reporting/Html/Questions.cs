using System.Globalization;
using DeploySim.Metrics;

namespace DeploySim.Reporting.Html;

/// <summary>The question each report answers, in the planner's words, at the top of <c>report.html</c>.</summary>
internal static class Questions
{
    public static string Run(RunSummary s) => Run(s, s.Scenario);

    /// <summary>A scenario with fleets or a pipeline: the same question, naming the fleets.</summary>
    public static string Run(Running.ScenarioRun run) =>
        Run(run.Summary, run.Fleets.Count > 1 ? $"{run.Summary.Scenario} (fleets {string.Join(", ", run.Fleets.Select(f => f.Name))})" : run.Summary.Scenario);

    private static string Run(RunSummary s, string what)
    {
        var o = s.Outcome;
        bool rollout = o.Succeeded + o.Failed + o.Stopped + o.RolledBack + o.Unfinished > 0;
        string strategy = ReportNames.Of(s.Strategy);
        string article = "aeiou".Contains(strategy[0], StringComparison.Ordinal) ? "an" : "a";
        return rollout
            ? string.Create(CultureInfo.InvariantCulture, $"How long does {article} {strategy} rollout of {what} take, how far does serving capacity dip, how much memory does it need, and how often does it fail? ({s.Replications:#,0} replications, seed {s.Seed})")
            : string.Create(CultureInfo.InvariantCulture, $"No deployment runs in {what}: how does serving capacity follow demand, how fast do new instances serve, how much memory do they need, and what does it cost in instance-hours? ({s.Replications:#,0} replications, seed {s.Seed})");
    }

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
