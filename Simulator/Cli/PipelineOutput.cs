using DeploySim.Pipelines;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>run</c> and <c>compare</c> of a scenario with several fleets or a pipeline: it runs through the
/// <see cref="PipelineRunner"/> and reports the fleets combined, the pipeline's stages, the critical path and each
/// fleet. <c>compare</c> applies each strategy to every web fleet (blue/green only to those with a load balancer);
/// worker fleets keep their strategy.</summary>
/// <remarks>The commands pass <c>simulate</c>: how to run one scenario (with a progress label and, for compare, its
/// index among the strategies: the work point) under their progress display, threads and invariant checks, typically
/// <see cref="Simulate.Pipeline"/>.</remarks>
internal static class PipelineOutput
{
    /// <summary>Whether <paramref name="scenario"/> must run here rather than through the single-fleet runner.</summary>
    public static bool Handles(Scenario scenario) => FleetScenarios.NeedsPipelineRunner(scenario);

    public static int Run(CliContext ctx, Scenario scenario, bool json, string? outDir, Func<Scenario, string, PipelineRunResult> simulate)
    {
        var run = simulate(scenario, $"{scenario.Name} ({ReportNames.Of(FleetScenarios.ReportedStrategy(scenario))})");
        if (outDir is not null) ReportWriter.WritePipelineRun(outDir, run);
        if (json) ctx.Out.Write(JsonReport.PipelineRun(run));
        else ConsoleTables.PipelineRun(ctx.Console, run);
        return CommandLineTool.Ok;
    }

    public static int Compare(CliContext ctx, Scenario scenario, IReadOnlyList<StrategyKind> strategies, bool json, string? outDir,
        Func<Scenario, string, int, PipelineRunResult> simulate)
    {
        var runs = new List<PipelineRunResult>();
        foreach (var strategy in strategies)
        {
            var s = FleetScenarios.WithStrategy(scenario, strategy);
            runs.Add(simulate(s, $"{s.Name} ({ReportNames.Of(strategy)})", runs.Count));
        }
        if (outDir is not null) ReportWriter.WritePipelineCompare(outDir, runs);
        if (json) ctx.Out.Write(JsonReport.PipelineCompare(runs));
        else ConsoleTables.PipelineCompare(ctx.Console, runs);
        return CommandLineTool.Ok;
    }
}
