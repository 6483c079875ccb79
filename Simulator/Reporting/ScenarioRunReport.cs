using DeploySim.Running;
using Spectre.Console;

namespace DeploySim.Reporting;

/// <summary>The reports of any <see cref="ScenarioRun"/>, for <c>run</c> and <c>compare</c>: a one-fleet scenario's as a
/// single run (<see cref="ReportWriter.WriteRun"/>, <see cref="JsonReport.Run"/>, <see cref="ConsoleTables.Run"/>), a
/// scenario with fleets or a pipeline with its fleets combined, its stages, critical path and each fleet
/// (<see cref="ReportWriter.WritePipelineRun"/>, <see cref="JsonReport.PipelineRun"/>, <see cref="ConsoleTables.PipelineRun"/>).</summary>
public static class ScenarioRunReport
{
    /// <summary>The <c>--out</c> file set of a run.</summary>
    public static IReadOnlyList<string> Write(string dir, ScenarioRun run, ReportContext? context) =>
        run.HasFleetsOrPipeline
            ? ReportWriter.WritePipelineRun(dir, run, context)
            : ReportWriter.WriteRun(dir, run.Scenario, run.Summary, run.Replications, run.Detail, context, chosen: run.ChosenReplication);

    /// <summary>The <c>--json</c> document of a run.</summary>
    public static string Json(ScenarioRun run) => run.HasFleetsOrPipeline ? JsonReport.PipelineRun(run) : JsonReport.Run(run.Summary);

    /// <summary>The console tables of a run.</summary>
    public static void Console(IAnsiConsole console, ScenarioRun run, TableFormat format)
    {
        if (run.HasFleetsOrPipeline) ConsoleTables.PipelineRun(console, run, format);
        else ConsoleTables.Run(console, run.Summary, format);
    }

    /// <summary>The <c>--out</c> file set of a compare (one run per strategy).</summary>
    public static IReadOnlyList<string> WriteCompare(string dir, IReadOnlyList<ScenarioRun> runs, ReportContext? context) =>
        runs.Count > 0 && runs[0].HasFleetsOrPipeline
            ? ReportWriter.WritePipelineCompare(dir, runs, context)
            : ReportWriter.WriteCompare(dir, [.. runs.Select(r => new RunReport(r.Scenario, r.Summary, r.Replications, r.Detail, r.ChosenReplication))], context);

    /// <summary>The <c>--json</c> document of a compare.</summary>
    public static string CompareJson(IReadOnlyList<ScenarioRun> runs) =>
        runs.Count > 0 && runs[0].HasFleetsOrPipeline ? JsonReport.PipelineCompare(runs) : JsonReport.Compare([.. runs.Select(r => r.Summary)]);

    /// <summary>The console tables of a compare.</summary>
    public static void CompareConsole(IAnsiConsole console, IReadOnlyList<ScenarioRun> runs, TableFormat format)
    {
        if (runs.Count > 0 && runs[0].HasFleetsOrPipeline) ConsoleTables.PipelineCompare(console, runs, format);
        else ConsoleTables.Compare(console, [.. runs.Select(r => r.Summary)], format);
    }
}
