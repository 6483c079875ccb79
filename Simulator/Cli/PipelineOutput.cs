using DeploySim.Pipelines;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>run</c> and <c>compare</c> of a scenario with several fleets or a pipeline: it runs through the
/// <see cref="PipelineRunner"/> and reports the fleets combined, the pipeline's stages, the critical path and each
/// fleet. <c>compare</c> applies each strategy to every web fleet (blue/green only to those with a load balancer);
/// worker fleets keep their strategy.</summary>
internal static class PipelineOutput
{
    /// <summary>Whether <paramref name="scenario"/> must run here rather than through the single-fleet runner.</summary>
    public static bool Handles(Scenario scenario) => FleetScenarios.NeedsPipelineRunner(scenario);

    public static int Run(CliContext ctx, Scenario scenario, bool json, int threads, string? outDir)
    {
        var run = Progress.Run(ctx, json, scenario.Replications, $"{scenario.Name}: replications",
            done => PipelineRunner.Run(scenario, threads, done, ctx.Cancellation));
        if (outDir is not null) ReportWriter.WritePipelineRun(outDir, run);
        if (json) ctx.Out.Write(JsonReport.PipelineRun(run));
        else ConsoleTables.PipelineRun(ctx.Console, run);
        return App.Ok;
    }

    public static int Compare(CliContext ctx, Scenario scenario, IReadOnlyList<StrategyKind> strategies, bool json, int threads, string? outDir)
    {
        var runs = new List<PipelineRunResult>();
        foreach (var strategy in strategies)
        {
            var s = FleetScenarios.WithStrategy(scenario, strategy);
            runs.Add(Progress.Run(ctx, json, s.Replications, $"{s.Name} ({ReportNames.Of(strategy)})",
                done => PipelineRunner.Run(s, threads, done, ctx.Cancellation)));
        }
        if (outDir is not null) ReportWriter.WritePipelineCompare(outDir, runs);
        if (json) ctx.Out.Write(JsonReport.PipelineCompare(runs));
        else ConsoleTables.PipelineCompare(ctx.Console, runs);
        return App.Ok;
    }
}
