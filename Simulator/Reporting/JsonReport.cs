using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeploySim.Metrics;

namespace DeploySim.Reporting;

/// <summary>The machine-readable results printed by <c>--json</c> and written to <c>summary.json</c>.</summary>
/// <remarks>
/// The keys and their order are a contract with scripts and CI jobs. The text does not depend on the machine:
/// numbers are written by <see cref="Utf8JsonWriter"/> (culture-independent, shortest round-trip form), a
/// non-finite number (NaN, ±∞) is written as <c>null</c> so that the text stays valid JSON, negative zero as
/// <c>0</c>, lines end with <c>"\n"</c>, indentation is two spaces and the text ends with a newline.
/// Thread-safe: every call builds its own writer.
/// </remarks>
public static partial class JsonReport
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Names and parameter values are printed as they are (é, +, <) instead of \u escapes; the output is never
        // embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One run: <c>{ scenario, strategy, seed, replications, outcome, metrics }</c>. <c>outcome</c> counts
    /// the replications per ending and, under <c>failureReasons</c>, the failed, stopped and rolled-back ones per
    /// reason; <c>metrics</c> starts with <c>successRate</c> (0–1), then each metric's statistics
    /// (<c>rolloutSeconds</c>: succeeded replications only, null when none succeeded).</summary>
    public static string Run(RunSummary summary) => Build(w => WriteRun(w, summary, parameters: null));

    /// <summary><c>{ "results": [ one run object per strategy ] }</c>.</summary>
    public static string Compare(IReadOnlyList<RunSummary> summaries) =>
        Build(w => WriteResults(w, summaries, s => WriteRun(w, s, parameters: null)));

    /// <summary><c>{ "results": [ one run object per combination, with its varied values under <c>parameters</c>
    /// (path to text, in the order given) ahead of the run's keys; with a pipeline, <c>mergeToLiveSeconds</c> first among
    /// the metrics and <c>criticalPath</c> after them ] }</c>.</summary>
    public static string Sweep(IReadOnlyList<SweepRow> rows) =>
        Build(w => WriteResults(w, rows, r => WriteRun(w, r.Summary, r.Parameters,
            r.CriticalPath is { } critical ? _ => WriteCriticalPath(w, critical) : null)));

    /// <summary><c>{ "results": [ one row per strategy and instance size ] }</c>; each row has <c>strategy</c>,
    /// <c>instanceMemoryMiB</c>, <c>maxSafeWorkers</c>, <c>instancesNeeded</c>, <c>peakInstances</c>,
    /// <c>instanceHoursPerRollout</c>, then <c>rolloutSeconds</c> and <c>peakMemoryPct</c>.</summary>
    public static string Plan(IReadOnlyList<PlanRow> rows) => Build(w => WriteResults(w, rows, r => WritePlanRow(w, r)));

    private static string Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }
        return AtomicFile.Utf8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteResults<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Action<T> writeItem)
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var item in items) writeItem(item);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A run object; <paramref name="extra"/> writes more keys after <c>metrics</c> (a pipeline run's).</summary>
    private static void WriteRun(Utf8JsonWriter w, RunSummary s, IReadOnlyList<KeyValuePair<string, string>>? parameters, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        if (parameters is not null)
        {
            w.WriteStartObject("parameters");
            foreach (var (path, value) in parameters) w.WriteString(path, value);
            w.WriteEndObject();
        }
        w.WriteString("scenario", s.Scenario);
        w.WriteString("strategy", ReportNames.Of(s.Strategy));
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("replications", s.Replications);
        WriteOutcomeAndMetrics(w, s);
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>The <c>outcome</c> and <c>metrics</c> keys of a run object.</summary>
    private static void WriteOutcomeAndMetrics(Utf8JsonWriter w, RunSummary s)
    {
        w.WriteStartObject("outcome");
        w.WriteNumber("succeeded", s.Outcome.Succeeded);
        w.WriteNumber("failed", s.Outcome.Failed);
        w.WriteNumber("stopped", s.Outcome.Stopped);
        w.WriteNumber("rolledBack", s.Outcome.RolledBack);
        w.WriteNumber("unfinished", s.Outcome.Unfinished);
        w.WriteStartObject("failureReasons");
        foreach (var (reason, count) in s.FailureReasons) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("metrics");
        WriteDouble(w, "successRate", s.SuccessRate);
        WriteNested(w, s.Metrics, "");
        w.WriteStartObject(ReportNames.PhaseSeconds);
        foreach (var (phase, stats) in s.PhaseSeconds) WriteStats(w, ReportNames.Of(phase), stats);
        w.WriteEndObject();
        if (s.TargetGroups.Count > 0)
        {
            w.WriteStartObject("targetGroups");
            foreach (var (group, metrics) in s.TargetGroups)
            {
                w.WriteStartObject(group);
                foreach (var (name, stats) in metrics) WriteStats(w, name, stats);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WritePlanRow(Utf8JsonWriter w, PlanRow r)
    {
        w.WriteStartObject();
        w.WriteString("strategy", ReportNames.Of(r.Strategy));
        w.WriteNumber("instanceMemoryMiB", r.InstanceMemoryMiB);
        w.WriteNumber("maxSafeWorkers", r.MaxSafeWorkers);
        w.WriteNumber("instancesNeeded", r.InstancesNeeded);
        WriteStats(w, "peakInstances", r.PeakInstances);
        WriteStats(w, "instanceHoursPerRollout", r.InstanceHoursPerRollout);
        WriteStats(w, "rolloutSeconds", r.RolloutSeconds);
        WriteStats(w, "peakMemoryPct", r.PeakMemoryPct);
        if (double.IsFinite(r.SuccessRate)) w.WriteNumber("successRate", r.SuccessRate); else w.WriteNull("successRate");
        w.WriteString("outcome", r.Outcome);
        w.WriteEndObject();
    }

    /// <summary><c>{ mean, p50, p90, p99, min, max }</c>.</summary>
    /// <summary>Writes metrics whose names start with <paramref name="prefix"/>: a dotted name (<c>latency.steady.p50Ms</c>)
    /// becomes nested objects, each opened where its first metric comes and holding all of its metrics.</summary>
    private static void WriteNested(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, MetricSummary>> metrics, string prefix)
    {
        var opened = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, stats) in metrics)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = name[prefix.Length..];
            int dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                WriteStats(w, rest, stats);
                continue;
            }
            string head = rest[..dot];
            if (!opened.Add(head)) continue;
            w.WriteStartObject(head);
            WriteNested(w, metrics, prefix + head + ".");
            w.WriteEndObject();
        }
    }

    private static void WriteStats(Utf8JsonWriter w, string name, MetricSummary m)
    {
        if (m.IsNone)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        WriteDouble(w, "mean", m.Mean);
        WriteDouble(w, "p50", m.P50);
        WriteDouble(w, "p90", m.P90);
        WriteDouble(w, "p99", m.P99);
        WriteDouble(w, "min", m.Min);
        WriteDouble(w, "max", m.Max);
        w.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (!double.IsFinite(value)) w.WriteNull(name);
        else w.WriteNumber(name, value == 0 ? 0.0 : value);
    }
}
