using System.Globalization;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Reporting.Plots;
using ScottPlot;
using SkiaSharp;
using Spectre.Console;
using Spectre.Console.Rendering;
using Color = ScottPlot.Color;

using DeploySim.Import;

namespace DeploySim.Reporting;

/// <summary>What <c>deploysim replay</c> prints and writes: a table of observed against simulated mean, p50 and p90 per
/// lifecycle event and for the rollout, the same as JSON, and a plot of the two distributions (empirical CDFs).</summary>
/// <remarks>Seconds throughout; percentiles are R7 (as everywhere in the reports). Plots use the shipped fonts and are
/// rendered under the invariant culture; PNG and SVG are written atomically. Thread-safe.</remarks>
internal static class ReplayReport
{
    public const string JsonFile = "replay.json";
    public const string PlotName = "replay";

    private static readonly Color s_observed = Color.FromHex("#ff7f0e");
    private static readonly Color s_simulated = Color.FromHex("#1f77b4");

    public static void Console(IAnsiConsole console, ReplayResult r)
    {
        console.Write(new Rule(Markup.Escape(
            $"{r.Scenario}: {r.Deployments} observed deployment(s), {r.Instances} instance(s) vs {r.Replications} simulated replication(s), seed {r.Seed}"))
        { Justification = Justify.Left });
        console.Write(new Text(KsExplained + "\n"));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(new Text("seconds")).NoWrap());
        foreach (var c in new[] { "obs n", "mean", "p50", "p90", "sim n", "mean", "p50", "p90", "p50 Δ%", "KS D" })
            table.AddColumn(new TableColumn(new Text(c)).RightAligned());
        foreach (var c in r.Rows)
        {
            int o = c.Observed.Length, n = c.Simulated.Length;
            table.AddRow(new IRenderable[]
            {
                new Text(c.Name), new Text(Count(o)), new Text(FitReport.Seconds(c.ObservedStats.Mean, o)), new Text(FitReport.Seconds(c.ObservedStats.P50, o)),
                new Text(FitReport.Seconds(c.ObservedStats.P90, o)), new Text(Count(n)), new Text(FitReport.Seconds(c.SimulatedStats.Mean, n)),
                new Text(FitReport.Seconds(c.SimulatedStats.P50, n)), new Text(FitReport.Seconds(c.SimulatedStats.P90, n)),
                new Text(double.IsNaN(c.P50DiffPct) ? "-" : c.P50DiffPct.ToString("+0;-0;0", CultureInfo.InvariantCulture)),
                Ks(c),
            });
        }
        console.Write(table);
        console.Write(new Text("simulated outcomes: " + string.Join(", ", r.Outcomes.Select(o => $"{o.Value} {Outcome(o.Key)}")) + "\n"));
        foreach (var note in r.Notes) console.Write(new Text($"note: {note}\n"));
    }

    /// <summary>What the KS column says, printed above the table.</summary>
    public const string KsExplained =
        "KS D: the largest gap between the observed and the simulated cumulative distributions, from 0 (the same) to 1 (no overlap). "
        + "Two samples of one distribution differ by chance: a D marked '!' is beyond that sampling error (above 1.36 √((n+m)/(n·m)), 5 %).";

    private static Text Ks(Comparison c) => double.IsNaN(c.KsDistance) ? new Text("-")
        : c.BeyondSamplingError ? new Text(c.KsDistance.ToString("0.00", CultureInfo.InvariantCulture) + " !", new Style(Spectre.Console.Color.Red, decoration: Decoration.Bold))
        : new Text(c.KsDistance.ToString("0.00", CultureInfo.InvariantCulture));

    private static string Outcome(DeploymentOutcome o) => o switch
    {
        DeploymentOutcome.RolledBack => "rolled back",
        DeploymentOutcome.None => "without deployment",
        _ => o.ToString().ToLowerInvariant(),
    };

    private static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary><c>{ scenario, seed, replications, observedDeployments, observedInstances, events: [ { event, observed {n,
    /// mean, p50, p90}, simulated {...}, p50DiffPct, ksDistance, ksCritical, beyondSamplingError } ], rollout: {...} (successful deployments and replications), failedRollout: {...} (the
    /// others, when there are any), outcomes: { succeeded: n, ... },
    /// notes: [...] }</c>.</summary>
    public static string Json(ReplayResult r) => FitReport.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("scenario", r.Scenario);
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("replications", r.Replications);
        w.WriteNumber("observedDeployments", r.Deployments);
        w.WriteNumber("observedInstances", r.Instances);
        w.WriteStartArray("events");
        foreach (var c in r.Events) WriteComparison(w, c, "event");
        w.WriteEndArray();
        w.WritePropertyName("rollout");
        WriteComparison(w, r.Rollout, null);
        if (r.FailedRollout is { } failed)
        {
            w.WritePropertyName("failedRollout");
            WriteComparison(w, failed, null);
        }
        w.WriteStartObject("outcomes");
        foreach (var (outcome, count) in r.Outcomes) w.WriteNumber(char.ToLowerInvariant(outcome.ToString()[0]) + outcome.ToString()[1..], count);
        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteComparison(System.Text.Json.Utf8JsonWriter w, Comparison c, string? nameKey)
    {
        w.WriteStartObject();
        if (nameKey is not null) w.WriteString(nameKey, c.Name);
        FitReport.WriteStats(w, "observed", c.Observed);
        FitReport.WriteStats(w, "simulated", c.Simulated);
        FitReport.Number(w, "p50DiffPct", c.P50DiffPct);
        FitReport.Number(w, "ksDistance", c.KsDistance);
        FitReport.Number(w, "ksCritical", c.KsCritical);
        w.WriteBoolean("beyondSamplingError", c.BeyondSamplingError);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>replay.json</c>, <c>replay.png</c> and <c>replay.svg</c> to <paramref name="dir"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string dir, ReplayResult r)
    {
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, JsonFile);
        AtomicFile.WriteAllText(json, Json(r));
        return [json, .. SavePlot(dir, r)];
    }

    /// <summary>One panel per lifecycle event with data, and one for the rollout: the empirical CDF of the observed
    /// durations against that of the simulated ones.</summary>
    internal static Multiplot Plot(ReplayResult r, out int rows, out int columns)
    {
        var panels = new List<Plot>();
        foreach (var c in r.Rows.Where(c => c.Observed.Length > 0 || c.Simulated.Length > 0))
        {
            double max = c.Observed.Concat(c.Simulated).DefaultIfEmpty(1).Max();
            var unit = TimeUnit.For(max);
            string ks = double.IsNaN(c.KsDistance) ? "" : string.Create(CultureInfo.InvariantCulture, $", KS D {c.KsDistance:0.00}{(c.BeyondSamplingError ? " ! beyond sampling error" : "")}");
            var panel = ReportPlotStyle.NewPanel($"{c.Name}: obs p50 {Fmt(c.ObservedStats.P50, c.Observed, unit)}, sim p50 {Fmt(c.SimulatedStats.P50, c.Simulated, unit)}{ks}",
                unit.AxisLabel("duration"), "fraction of instances");
            if (c.BeyondSamplingError) panel.Axes.Title.Label.ForeColor = Color.FromHex("#d62728");
            if (c == r.Rollout || c == r.FailedRollout) panel.YLabel("fraction of rollouts");
            Ecdf(panel, c.Observed, unit, s_observed, $"observed ({c.Observed.Length})");
            Ecdf(panel, c.Simulated, unit, s_simulated, $"simulated ({c.Simulated.Length})");
            panel.Axes.SetLimitsY(-0.02, 1.02);
            panel.Legend.IsVisible = true;
            panel.Legend.Alignment = Alignment.LowerRight;
            panels.Add(panel);
        }
        if (panels.Count == 0)
        {
            var empty = ReportPlotStyle.NewPanel("replay", "duration", "fraction");
            ReportPlotStyle.NoData(empty, "no lifecycle events to compare");
            panels.Add(empty);
        }
        columns = Math.Min(3, panels.Count);
        rows = (panels.Count + columns - 1) / columns;
        return PlotFiles.Grid(rows, columns, panels);
    }

    private static string Fmt(double value, double[] sample, TimeUnit unit) => sample.Length == 0 ? "n/a" : unit.Format(value);

    private static void Ecdf(Plot plot, double[] seconds, TimeUnit unit, Color color, string label)
    {
        if (seconds.Length == 0) return;
        var x = seconds.Select(unit.Of).OrderBy(v => v).ToArray();
        var xs = new double[x.Length + 1];
        var ys = new double[x.Length + 1];
        xs[0] = x[0];
        for (int i = 0; i < x.Length; i++)
        {
            xs[i + 1] = x[i];
            ys[i + 1] = (i + 1.0) / x.Length;
        }
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.LegendText = label;
    }

    private static IReadOnlyList<string> SavePlot(string dir, ReplayResult r)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var plots = Plot(r, out int rows, out int columns);
            int width = 520 * columns, height = 380 * rows;
            return PlotFiles.Save(plots, dir, PlotName, height, width);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
