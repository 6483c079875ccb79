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
    public static void Run(IAnsiConsole console, RunSummary summary, TableFormat format = TableFormat.Boxed) =>
        RunReport(summary).Write(console, format);

    /// <summary>Strategies side by side: one column per strategy. The rows a newcomer reads first (issue 12 item 14):
    /// success rate (with its counts) and the top failure reason, the rollout time of the successes (in hours and
    /// minutes), the capacity dip of the weakest group, peak memory, instance-hours; then the time to failure, every
    /// other metric's mean and the outcome counts.</summary>
    public static void Compare(IAnsiConsole console, IReadOnlyList<RunSummary> summaries, TableFormat format = TableFormat.Boxed) =>
        CompareReport(summaries).Write(console, format);

    /// <summary>One row per combination: the varied values, then rollout time, capacity, instances, memory and
    /// outcomes.</summary>
    public static void Sweep(IAnsiConsole console, IReadOnlyList<SweepRow> rows, TableFormat format = TableFormat.Boxed) =>
        SweepReport(rows).Write(console, format);

    /// <summary>One row per strategy and instance size.</summary>
    public static void Plan(IAnsiConsole console, IReadOnlyList<PlanRow> rows, TableFormat format = TableFormat.Boxed) =>
        PlanReport(rows).Write(console, format);

    /// <inheritdoc cref="Run"/>
    public static TextReport RunReport(RunSummary summary)
    {
        var report = new TextReport()
            .Add(new TextReport.Heading($"{summary.Scenario}: {ReportNames.Of(summary.Strategy)}, seed {summary.Seed}, {summary.Replications} replications"))
            .Add(new TextReport.Line("outcome: " + Outcomes(summary.Outcome)))
            .Add(new TextReport.Line($"success rate: {Percent(summary.SuccessRate)}" + (TopReason(summary) is { } top ? $"; top failure reason: {top}" : "")));
        var metrics = new TextTable(["metric", .. s_statColumns]);
        foreach (var (name, stats) in summary.Metrics) metrics.AddRow(Row(ReportNames.MetricLabel(name), stats));
        report.Add(new TextReport.Table(metrics));
        if (summary.PhaseSeconds.Count > 0)
        {
            var phases = new TextTable(["phase (s per instance)", .. s_statColumns]);
            foreach (var (phase, stats) in summary.PhaseSeconds) phases.AddRow(Row(ReportNames.Of(phase), stats));
            report.Add(new TextReport.Table(phases));
        }
        return report;
    }

    /// <inheritdoc cref="Compare"/>
    public static TextReport CompareReport(IReadOnlyList<RunSummary> summaries)
    {
        var report = new TextReport();
        if (summaries.Count == 0) return report;
        report.Add(new TextReport.Heading($"{summaries[0].Scenario}: strategies compared, {summaries[0].Replications} replications each"));
        var table = new TextTable(["metric", .. summaries.Select(s => ReportNames.Of(s.Strategy))]);
        void Add(string label, Func<RunSummary, string> cell) => table.AddRow([label, .. summaries.Select(cell)]);

        Add("success rate", s => SuccessRate(s));
        Add("top failure reason", s => TopReason(s) ?? "none");
        Add("rollout time of successes, p50", s => Duration(s["rolloutSeconds"].P50));
        Add("rollout time of successes, p90", s => Duration(s["rolloutSeconds"].P90));
        Add("min serving capacity, weakest group (%), worst", s => Number(s["minServingCapacityPct"].Min));
        Add("min serving capacity, weakest group (%), mean", s => Number(s["minServingCapacityPct"].Mean));
        Add("peak memory (% of instance), max", s => Number(s["peakMemoryPct"].Max));
        Add("instance-hours, mean", s => Number(s["instanceHours"].Mean));
        Add("time to failure, p50", s => Duration(s["timeToFailureSeconds"].P50));
        string[] shown = ["rolloutSeconds", "timeToFailureSeconds", "minServingCapacityPct", "peakMemoryPct", "instanceHours", "eventsProcessed"];
        foreach (var metric in RunSummary.MetricNames.Where(m => !shown.Contains(m)))
            Add(ReportNames.MetricLabel(metric) + ", mean", s => Number(s[metric].Mean));
        AddLatency(summaries, Add);
        if (summaries.All(x => x.Metrics.Any(m => m.Key == "timeToDetectSeconds")))
        {
            Add("time to detect the bad revision, p50", s => Duration(s["timeToDetectSeconds"].P50));
            Add("time to recover from it, p50", s => Duration(s["timeToRecoverSeconds"].P50));
            Add("requests failed by the bad revision, mean", s => Number(s["badRevisionFailedRequests"].Mean));
        }
        Add("succeeded", s => Count(s.Outcome.Succeeded));
        Add("failed", s => Count(s.Outcome.Failed));
        Add("stopped", s => Count(s.Outcome.Stopped));
        Add("rolled back", s => Count(s.Outcome.RolledBack));
        Add("unfinished", s => Count(s.Outcome.Unfinished));
        return report.Add(new TextReport.Table(table));
    }

    /// <summary>With the latency model: window and steady p99, errors, and with an SLO its burn, violated minutes and
    /// the strategies ranked by rollout time and by SLO burn (1 = best; a strategy with no success ranks last on time).</summary>
    private static void AddLatency(IReadOnlyList<RunSummary> summaries, Action<string, Func<RunSummary, string>> add)
    {
        static MetricSummary? Get(RunSummary s, string m) => s.Metrics.FirstOrDefault(x => x.Key == m).Value;
        if (summaries.Any(s => Get(s, "latency.p99Ms") is null)) return;
        add("latency p99 in the deployment window (ms), mean", s => Number(s["latency.p99Ms"].Mean));
        add("latency p99 in steady state (ms), mean", s => Number(s["latency.steady.p99Ms"].Mean));
        add("502 responses, mean", s => Number(s["errors.http502"].Mean));
        add("504 responses, mean", s => Number(s["errors.http504"].Mean));
        if (summaries.Any(s => Get(s, "slo.budgetBurnedPct") is null)) return;
        add("SLO budget burned in the window (%), mean", s => Number(s["slo.budgetBurnedPct"].Mean));
        add("SLO violated minutes, mean", s => Number(s["slo.violatedMinutes"].Mean));
        add("rank by rollout time (p50)", Rank(summaries, s => s.SuccessRate > 0 ? s["rolloutSeconds"].P50 : double.PositiveInfinity));
        add("rank by SLO budget burned (mean)", Rank(summaries, s => s["slo.budgetBurnedPct"].Mean));
    }

    /// <summary>Each strategy's place when ordered by <paramref name="key"/> (lower first; NaN last; ties share a place).</summary>
    internal static Func<RunSummary, string> Rank(IReadOnlyList<RunSummary> summaries, Func<RunSummary, double> key)
    {
        static double K(double v) => double.IsNaN(v) ? double.PositiveInfinity : v;
        var keys = summaries.Select(s => K(key(s))).ToArray();
        return s =>
        {
            double mine = K(key(s));
            return (1 + keys.Count(k => k < mine)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        };
    }

    /// <inheritdoc cref="Sweep"/>
    public static TextReport SweepReport(IReadOnlyList<SweepRow> rows)
    {
        var report = new TextReport();
        if (rows.Count == 0) return report;
        report.Add(new TextReport.Heading($"{rows[0].Summary.Scenario}: sweep of {rows.Count} combinations"));
        var paths = rows.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        bool pipeline = rows.Any(r => r.CriticalPath is not null);
        string[] metrics =
        [
            .. pipeline ? ["merge to live p50 (s)", "critical path"] : Array.Empty<string>(),
            "success rate", "rollout p50 (s)", "rollout p90 (s)", "min capacity (%)", "peak instances", "instance-hours", "peak memory (%)",
            "OOM kills", "succeeded", "failed",
        ];
        var table = new TextTable([.. paths.Length > 0 ? paths : ["combination"], .. metrics], Math.Max(1, paths.Length));
        for (int i = 0; i < rows.Count; i++)
        {
            var (parameters, s) = (rows[i].Parameters, rows[i].Summary);
            var cells = paths.Length > 0
                ? paths.Select(p => parameters.FirstOrDefault(kv => kv.Key == p).Value ?? "").ToList()
                : [Count(i + 1)];
            if (pipeline) cells.AddRange([NumberOrNa(s[Running.ScenarioRun.MergeToLiveMetric].P50), CriticalPathCell(rows[i].CriticalPath)]);
            cells.AddRange(
            [
                Percent(s.SuccessRate), Number(s["rolloutSeconds"].P50), Number(s["rolloutSeconds"].P90), Number(s["minServingCapacityPct"].Mean),
                Number(s["peakInstances"].Mean), Number(s["instanceHours"].Mean), Number(s["peakMemoryPct"].Max),
                Number(s["oomKills"].Mean), Count(s.Outcome.Succeeded), Count(s.Outcome.Failed),
            ]);
            table.AddRow([.. cells]);
        }
        return report.Add(new TextReport.Table(table));
    }

    /// <summary>"api 18/20": the fleet that decided merge-to-live most often and in how many replications; "stopped"
    /// when the pipeline never completed.</summary>
    private static string CriticalPathCell(Pipelines.CriticalPathSummary? critical) =>
        critical is null ? "" : critical.Fleet is { } fleet
            ? $"{fleet} {Count(critical.Counts.First(c => c.Key == fleet).Value)}/{Count(critical.Counts.Sum(c => c.Value) + critical.Stopped)}"
            : "stopped";

    /// <inheritdoc cref="Plan"/>
    public static TextReport PlanReport(IReadOnlyList<PlanRow> rows)
    {
        var table = new TextTable(
        [
            "strategy", "instance memory (MiB)", "max safe workers", "outcome", "success rate", "instances needed", "peak instances, mean",
            "instance-hours per rollout, mean", "rollout of successes p50 (s)", "peak memory (%), max",
        ]);
        foreach (var r in rows)
            table.AddRow(ReportNames.Of(r.Strategy), Count(r.InstanceMemoryMiB), Count(r.MaxSafeWorkers), r.Outcome, Percent(r.SuccessRate), Count(r.InstancesNeeded),
                Number(r.PeakInstances.Mean), Number(r.InstanceHoursPerRollout.Mean), Number(r.RolloutSeconds.P50), Number(r.PeakMemoryPct.Max));
        return new TextReport()
            .Add(new TextReport.Heading("Capacity plan: instances needed per strategy and instance size"))
            .Add(new TextReport.Table(table));
    }

    /// <summary>Invariant, thousands separators, at most two decimals; empty (a missing value) for NaN and
    /// infinities, which tables print as <c>n/a</c>.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : "";

    /// <summary><see cref="Number"/>, with <c>n/a</c> for a missing value (tables drawn directly with Spectre).</summary>
    private static string NumberOrNa(double value) => double.IsFinite(value) ? Number(value) : "n/a";

    /// <summary>A duration in seconds as a newcomer reads it: <c>3 h 1 min</c>, <c>2 min 36 s</c>, <c>45 s</c>; empty when
    /// missing (no successful rollout).</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return "";
        long s = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return s >= 3600 ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600} h {s % 3600 / 60} min")
            : s >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{s / 60} min {s % 60} s")
            : string.Create(CultureInfo.InvariantCulture, $"{s} s");
    }

    /// <summary>The success rate with its counts (<c>64 % (32 of 50)</c>): succeeded over the replications that started a rollout.</summary>
    public static string SuccessRate(RunSummary s)
    {
        var o = s.Outcome;
        long started = o.Succeeded + o.Failed + o.Stopped + o.RolledBack + o.Unfinished;
        return started == 0 ? Percent(s.SuccessRate) : $"{Percent(s.SuccessRate)} ({Count(o.Succeeded)} of {Count(started)})";
    }

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


    private static Table NewTable(string first, IReadOnlyList<string> others)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text(first)).NoWrap());
        foreach (var c in others) table.AddColumn(new TableColumn(new Text(c)).RightAligned());
        return table;
    }

    private static string[] Row(string label, MetricSummary m) =>
        [label, Number(m.Mean), Number(m.P50), Number(m.P90), Number(m.P99), Number(m.Min), Number(m.Max)];
}
