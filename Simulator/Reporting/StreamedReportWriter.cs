using DeploySim.Metrics;
using DeploySim.Reporting.Html;
using DeploySim.Reporting.Plots;
using DeploySim.Running;

namespace DeploySim.Reporting;

/// <summary>The <c>--out</c> set of a run too large to keep in memory: <c>replications.csv</c> is written row by row
/// while the replications run (under a temporary name, moved into place when complete), then the summary, the first
/// replication's files and plots, and <c>summary.json</c> last, as <see cref="ReportWriter.WriteRun"/> does.</summary>
public static class StreamedReportWriter
{
    public static (StreamedRun Run, IReadOnlyList<string> Files) WriteRun(string dir, Func<Action<ReplicationResult>, StreamedRun> run,
        ReportContext? context = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        StreamedRun? result = null;
        var replications = Path.Combine(dir, "replications.csv");
        AtomicFile.Write(replications, stream =>
        {
            using var writer = new CsvReport.ReplicationWriter(stream);
            result = run(writer.Write);
        });
        var r = result!;
        var summary = r.Summary;
        files.Add(Write(dir, "summary.csv", s => CsvReport.Summary(s, summary)));
        files.Add(replications);
        string name = ReportNames.RunTitle(r.Scenario.Name, summary.Strategy);
        string which = $"(replication {r.Detail.Replication + 1})";
        files.Add(Write(dir, "timeline.csv", s => CsvReport.Timeline(s, r.Detail)));
        files.Add(Write(dir, "series.csv", s => CsvReport.Series(s, r.Detail)));
        files.Add(Write(dir, "memory.csv", s => CsvReport.Memory(s, r.Detail)));
        files.AddRange(PlotFiles.Save(CapacityPlot.Create($"Serving capacity vs demand: {name} {which}", r.Detail), dir, "capacity"));
        if (LatencyPlot.Applies(r.Detail))
            files.AddRange(PlotFiles.Save(LatencyPlot.Create($"Latency and queued requests: {name} {which}", r.Detail), dir, "latency"));
        files.AddRange(PlotFiles.Save(TimelinePlot.Create($"Instance timeline: {name} {which}", r.Detail), dir, "timeline"));
        files.AddRange(PlotFiles.Save(MemoryPlot.Create($"Memory across instances: {name} {which}", r.Detail), dir, "memory"));
        if (summary.Replications > 1)
            files.AddRange(PlotFiles.Save(RolloutHistogram.Create($"Rollout time: {name}", r.RolloutSeconds, summary), dir, "rollout-histogram"));
        if (context is not null)
            files.AddRange(SharedReport.Write(dir, context, $"{r.Scenario.Name}: {ReportNames.Of(summary.Strategy)}", Questions.Run(summary),
                ConsoleTables.RunReport(summary), [new(ReportNames.Of(summary.Strategy), summary, null)], files));
        var json = Path.Combine(dir, "summary.json");
        AtomicFile.WriteAllText(json, SharedReport.WithProvenance(JsonReport.Run(summary), context));
        files.Add(json);
        return (r, files);
    }

    private static string Write(string dir, string file, Action<Stream> write)
    {
        var path = Path.Combine(dir, file);
        AtomicFile.Write(path, write);
        return path;
    }
}
