using System.Globalization;
using DeploySim.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DeploySim.Reporting;

/// <summary>Human-readable tables on the console (Spectre.Console), written to the console passed in so that tests
/// can capture them.</summary>
/// <remarks>Every text that comes from data (scenario names, parameter paths and values, span names) is put in
/// <see cref="Text"/> cells or escaped, never parsed as markup, so square brackets print as they are. Numbers use the
/// invariant culture with thousands separators and at most two decimals.</remarks>
public static partial class ConsoleTables
{
    private static readonly string[] s_statColumns = ["mean", "p50", "p90", "p99", "min", "max"];

    /// <summary>One run: a heading, the outcome counts, a table of metrics × statistics and one of phase durations.</summary>
    public static void Run(IAnsiConsole console, RunSummary summary)
    {
        console.Write(Heading($"{summary.Scenario}: {ReportNames.Of(summary.Strategy)}, seed {summary.Seed}, {summary.Replications} replications"));
        console.Write(new Text("outcome: " + Outcomes(summary.Outcome) + "\n"));
        console.Write(new Text($"success rate: {Percent(summary.SuccessRate)}" +
            (TopReason(summary) is { } top ? $"; top failure reason: {top}" : "") + "\n"));

        var metrics = NewTable("metric", s_statColumns);
        foreach (var (name, stats) in summary.Metrics) metrics.AddRow(Row(ReportNames.MetricLabel(name), stats));
        console.Write(metrics);

        if (summary.PhaseSeconds.Count > 0)
        {
            var phases = NewTable("phase (s per instance)", s_statColumns);
            foreach (var (phase, stats) in summary.PhaseSeconds) phases.AddRow(Row(ReportNames.Of(phase), stats));
            console.Write(phases);
        }
    }

    /// <summary>Strategies side by side: one column per strategy. The rows a newcomer reads first: success rate and the
    /// top failure reason, the rollout time of the successes, the capacity dip of the weakest group, peak memory,
    /// instance-hours; then every other metric's mean and the outcome counts.</summary>
    public static void Compare(IAnsiConsole console, IReadOnlyList<RunSummary> summaries)
    {
        if (summaries.Count == 0) return;
        console.Write(Heading($"{summaries[0].Scenario}: strategies compared, {summaries[0].Replications} replications each"));
        var table = NewTable("metric", summaries.Select(s => ReportNames.Of(s.Strategy)).ToArray());
        void Add(string label, Func<RunSummary, string> cell) =>
            table.AddRow(summaries.Select(s => (IRenderable)new Text(cell(s))).Prepend(new Text(label)).ToArray());

        Add("success rate", s => Percent(s.SuccessRate));
        Add("top failure reason", s => TopReason(s) ?? "none");
        Add("rollout time of successes (s), p50", s => Number(s["rolloutSeconds"].P50));
        Add("rollout time of successes (s), p90", s => Number(s["rolloutSeconds"].P90));
        Add("time to failure (s), p50", s => Number(s["timeToFailureSeconds"].P50));
        Add("min serving capacity, weakest group (%), worst", s => Number(s["minServingCapacityPct"].Min));
        Add("min serving capacity, weakest group (%), mean", s => Number(s["minServingCapacityPct"].Mean));
        Add("peak memory (% of instance), max", s => Number(s["peakMemoryPct"].Max));
        Add("instance-hours, mean", s => Number(s["instanceHours"].Mean));
        string[] shown = ["rolloutSeconds", "timeToFailureSeconds", "minServingCapacityPct", "peakMemoryPct", "instanceHours", "eventsProcessed"];
        foreach (var metric in RunSummary.MetricNames.Where(m => !shown.Contains(m)))
            Add(ReportNames.MetricLabel(metric) + ", mean", s => Number(s[metric].Mean));
        Add("succeeded", s => Count(s.Outcome.Succeeded));
        Add("failed", s => Count(s.Outcome.Failed));
        Add("stopped", s => Count(s.Outcome.Stopped));
        Add("rolled back", s => Count(s.Outcome.RolledBack));
        Add("unfinished", s => Count(s.Outcome.Unfinished));
        console.Write(table);
    }

    /// <summary>One row per combination: the varied values, then rollout time, capacity, instances, memory and
    /// outcomes.</summary>
    public static void Sweep(IAnsiConsole console, IReadOnlyList<SweepRow> rows)
    {
        if (rows.Count == 0) return;
        console.Write(Heading($"{rows[0].Summary.Scenario}: sweep of {rows.Count} combinations"));
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        string[] metrics =
        [
            "success rate", "rollout p50 (s)", "rollout p90 (s)", "min capacity (%)", "peak instances", "instance-hours", "peak memory (%)",
            "OOM kills", "succeeded", "failed",
        ];
        var table = NewTable(paths.Length > 0 ? paths[0] : "combination", [.. paths.Skip(1), .. metrics]);
        foreach (var column in table.Columns.Take(Math.Max(1, paths.Length))) column.NoWrap().LeftAligned();
        for (int i = 0; i < rows.Count; i++)
        {
            var (parameters, s) = (rows[i].Parameters, rows[i].Summary);
            var cells = paths.Length > 0
                ? paths.Select(p => parameters.FirstOrDefault(kv => kv.Key == p).Value ?? "").ToList()
                : [Count(i + 1)];
            cells.AddRange(
            [
                Percent(s.SuccessRate), Number(s["rolloutSeconds"].P50), Number(s["rolloutSeconds"].P90), Number(s["minServingCapacityPct"].Mean),
                Number(s["peakInstances"].Mean), Number(s["instanceHours"].Mean), Number(s["peakMemoryPct"].Max),
                Number(s["oomKills"].Mean), Count(s.Outcome.Succeeded), Count(s.Outcome.Failed),
            ]);
            table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());
        }
        console.Write(table);
    }

    /// <summary>One row per strategy and instance size.</summary>
    public static void Plan(IAnsiConsole console, IReadOnlyList<PlanRow> rows)
    {
        console.Write(Heading("Capacity plan: instances needed per strategy and instance size"));
        var table = NewTable("strategy",
        [
            "instance memory (MiB)", "max safe workers", "instances needed", "peak instances, mean",
            "instance-hours per rollout, mean", "rollout p50 (s)", "peak memory (%), max",
        ]);
        table.Columns[0].NoWrap();
        foreach (var r in rows)
            table.AddRow(new IRenderable[]
            {
                new Text(ReportNames.Of(r.Strategy)), new Text(Count(r.InstanceMemoryMiB)), new Text(Count(r.MaxSafeWorkers)),
                new Text(Count(r.InstancesNeeded)), new Text(Number(r.PeakInstances.Mean)),
                new Text(Number(r.InstanceHoursPerRollout.Mean)), new Text(Number(r.RolloutSeconds.P50)),
                new Text(Number(r.PeakMemoryPct.Max)),
            });
        console.Write(table);
    }

    /// <summary>Invariant, thousands separators, at most two decimals; <c>n/a</c> for NaN and infinities.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A 0–1 rate as a percentage (<c>85 %</c>); <c>n/a</c> when there was no rollout.</summary>
    public static string Percent(double rate) =>
        double.IsFinite(rate) ? (100 * rate).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "n/a";

    /// <summary>The most frequent failure reason with its count (<c>HEALTH_CONSTRAINTS (12)</c>), or null.</summary>
    public static string? TopReason(RunSummary s) =>
        s.FailureReasons.Count == 0 ? null : $"{s.FailureReasons[0].Key} ({Count(s.FailureReasons[0].Value)})";

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Outcomes(OutcomeCounts o) =>
        $"{Count(o.Succeeded)} succeeded, {Count(o.Failed)} failed, {Count(o.Stopped)} stopped, " +
        $"{Count(o.RolledBack)} rolled back, {Count(o.Unfinished)} unfinished";

    private static Rule Heading(string text) => new Rule(Markup.Escape(text)) { Justification = Justify.Left };

    private static Table NewTable(string first, IReadOnlyList<string> others)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text(first)).NoWrap());
        foreach (var c in others) table.AddColumn(new TableColumn(new Text(c)).RightAligned());
        return table;
    }

    private static IRenderable[] Row(string label, MetricSummary m) =>
    [
        new Text(label), new Text(Number(m.Mean)), new Text(Number(m.P50)), new Text(Number(m.P90)),
        new Text(Number(m.P99)), new Text(Number(m.Min)), new Text(Number(m.Max)),
    ];
}
