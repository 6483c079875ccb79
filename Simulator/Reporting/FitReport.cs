using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeploySim.Metrics;
using DeploySim.Reporting;
using Spectre.Console;
using Spectre.Console.Rendering;

using DeploySim.Import;

namespace DeploySim.Reporting;

/// <summary>Prints what <c>deploysim fit</c> did: a console table, or JSON with <c>--json</c>.</summary>
/// <remarks>Data texts go into <see cref="Text"/> cells (never parsed as markup). Numbers are invariant. Thread-safe.</remarks>
internal static class FitReport
{
    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Console(IAnsiConsole console, FitResult result, string outPath)
    {
        console.Write(new Rule(Markup.Escape($"fit: {result.Deployments} deployment(s), {result.Instances} instance(s) -> {outPath}")) { Justification = Justify.Left });
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text("event")).NoWrap());
        foreach (var c in new[] { "n", "left out", "mean s", "p50 s", "p90 s", "fit", "fit p50", "fit p90", "KS D" })
            table.AddColumn(new TableColumn(new Text(c)).RightAligned());
        foreach (var e in result.Events)
            AddRow(table, e.Event.ToString(), e.Observed.Seconds, Excluded(e.Observed), e.Fit is not null && e.Target.Length > 0 ? e.Fit : null);
        var gap = result.Gap;
        AddRow(table, "gap between events", gap.Observed, gap.Overlapping > 0 ? $"{gap.Overlapping} overlapping" : "0", gap.Fit);
        console.Write(table);
        foreach (var e in result.Events)
        {
            string line = e.Fit is { } f && e.Target.Length > 0
                ? $"{e.Event} -> {e.Target}: {f.Describe()}, {f.Reason}" + (double.IsNaN(f.KsStatistic) ? "" : Inv($", KS D {f.KsStatistic:0.###} (p {f.KsPValue:0.###})")) + (e.Note.Length > 0 ? $"; {e.Note}" : "")
                : $"{e.Event}: {e.Note}";
            console.Write(new Text(line + "\n"));
        }
        console.Write(new Text((gap.Fit is { } g ? $"gap between events -> {gap.Target}: {g.Describe()}, {g.Reason}" : $"gap between events: {gap.Note}") + "\n"));
        foreach (var note in result.Notes) console.Write(new Text($"note: {note}\n"));
    }

    private static void AddRow(Table table, string name, double[] seconds, string excluded, DurationFit? f)
    {
        var s = MetricSummary.Of(seconds);
        table.AddRow(new IRenderable[]
        {
            new Text(name), new Text(Inv($"{seconds.Length}")), new Text(excluded),
            new Text(Seconds(s.Mean, seconds.Length)), new Text(Seconds(s.P50, seconds.Length)), new Text(Seconds(s.P90, seconds.Length)),
            new Text(f is null ? "-" : f.Model.ToString().ToLowerInvariant()), new Text(f is null ? "-" : Seconds(f.Median, 1)),
            new Text(f is null ? "-" : Seconds(f.P90, 1)), new Text(f is null || double.IsNaN(f.KsStatistic) ? "-" : Inv($"{f.KsStatistic:0.00}")),
        });
    }

    /// <summary>Seconds with 2 decimals below 10, 1 below 100, none above (with thousands separators); "-" without data.</summary>
    internal static string Seconds(double x, int n) =>
        n == 0 || !double.IsFinite(x) ? "-"
        : Math.Abs(x) < 10 ? x.ToString("0.00", CultureInfo.InvariantCulture)
        : Math.Abs(x) < 100 ? x.ToString("0.0", CultureInfo.InvariantCulture)
        : x.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Excluded(EventObservations o)
    {
        var parts = new List<string>();
        if (o.Failed > 0) parts.Add($"{o.Failed} failed");
        if (o.Skipped > 0) parts.Add($"{o.Skipped} skipped");
        if (o.Other > 0) parts.Add($"{o.Other} unfinished");
        if (o.NoTimes > 0) parts.Add($"{o.NoTimes} no times");
        return parts.Count == 0 ? "0" : string.Join(", ", parts);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>{ output, deployments, instances, events: [ { event, observed {n, mean, p50, p90}, excluded {failed,
    /// skipped, unfinished, noTimes}, fit {model, reason, n, median, p90, mu, sigma, ksStatistic, ksPValue} | null,
    /// target, note } ], agentEventGap: { observed, overlapping, fit, target, note }, notes: [...] }</c>; seconds throughout.</summary>
    public static string Json(FitResult result, string outPath) => Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("output", outPath);
        w.WriteNumber("deployments", result.Deployments);
        w.WriteNumber("instances", result.Instances);
        w.WriteStartArray("events");
        foreach (var e in result.Events)
        {
            w.WriteStartObject();
            w.WriteString("event", e.Event.ToString());
            WriteStats(w, "observed", e.Observed.Seconds);
            w.WriteStartObject("excluded");
            w.WriteNumber("failed", e.Observed.Failed);
            w.WriteNumber("skipped", e.Observed.Skipped);
            w.WriteNumber("unfinished", e.Observed.Other);
            w.WriteNumber("noTimes", e.Observed.NoTimes);
            w.WriteEndObject();
            WriteFit(w, e.Fit);
            w.WriteString("target", e.Target);
            w.WriteString("note", e.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("agentEventGap");
        WriteStats(w, "observed", result.Gap.Observed);
        w.WriteNumber("overlapping", result.Gap.Overlapping);
        WriteFit(w, result.Gap.Fit);
        w.WriteString("target", result.Gap.Target);
        w.WriteString("note", result.Gap.Note);
        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var n in result.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteFit(Utf8JsonWriter w, DurationFit? f)
    {
        if (f is null)
        {
            w.WriteNull("fit");
            return;
        }
        w.WriteStartObject("fit");
        w.WriteString("model", f.Model.ToString().ToLowerInvariant());
        w.WriteString("reason", f.Reason);
        w.WriteNumber("n", f.N);
        Number(w, "median", f.Median);
        Number(w, "p90", f.P90);
        Number(w, "mu", f.Mu);
        Number(w, "sigma", f.Sigma);
        Number(w, "ksStatistic", f.KsStatistic);
        Number(w, "ksPValue", f.KsPValue);
        w.WriteEndObject();
    }

    internal static void WriteStats(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        var s = MetricSummary.Of(values);
        w.WriteStartObject(name);
        w.WriteNumber("n", values.Count);
        Number(w, "mean", values.Count == 0 ? double.NaN : s.Mean);
        Number(w, "p50", values.Count == 0 ? double.NaN : s.P50);
        Number(w, "p90", values.Count == 0 ? double.NaN : s.P90);
        w.WriteEndObject();
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN).</summary>
    internal static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value == 0 ? 0 : value);
        else w.WriteNull(name);
    }

    internal static string Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }
        return AtomicFile.Utf8.GetString(buffer.WrittenSpan) + "\n";
    }
}
