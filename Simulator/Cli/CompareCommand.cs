using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.World;

namespace DeploySim.Cli;

/// <summary><c>deploysim compare FILE</c>: the same scenario under each strategy, side by side.</summary>
internal static class CompareCommand
{
    private const string Path = "deploysim compare";

    public static Command Create(CliContext ctx)
    {
        var file = CliValues.ScenarioFile();
        var strategies = StrategiesOption();
        var options = new CommonOptions();
        var command = new Command("compare", "Run a scenario under several strategies, side by side")
        {
            file,
            strategies,
        }.WithExamples(
            "deploysim compare scenarios/source-article.yaml",
            "deploysim compare scenarios/source-article.yaml --strategies in-place,graceful-restart --out out/",
            "deploysim compare scenarios/source-article.yaml --replications 50 --json");
        options.AddTo(command);
        command.SetAction(p => Execute(ctx, options, p, p.GetValue(file), StrategyNames.ParseList(p.GetValue(strategies), Path), Path));
        return command;
    }

    public static Option<string?> StrategiesOption() => new("--strategies")
    {
        Description = "Comma-separated: in-place,blue-green,graceful-restart (default: all three)",
        HelpName = "list",
    };

    /// <summary>Runs the scenario in <paramref name="file"/> (the built-in default when null) under each strategy.</summary>
    internal static int Execute(CliContext ctx, CommonOptions options, ParseResult p, string? file, IReadOnlyList<StrategyKind> strategies, string commandPath)
    {
        var scenario = options.Load(p, file, ctx.Error);
        string? outDir = options.OutDirectory(p, commandPath);
        bool json = options.IsJson(p);
        if (PipelineOutput.Handles(scenario))
            return PipelineOutput.Compare(ctx, scenario, strategies, json, outDir, (s, label) => RunProgress.Run(ctx, json, s.Replications, label,
                state => Pipelines.PipelineRunner.Run(s, options.Settings(p).Threads, _ => state.Advance(), ctx.Cancellation, options.Settings(p).CheckInvariants)));
        var variants = strategies.Select(k => scenario with { Deployment = scenario.Deployment with { Strategy = k } }).ToList();
        var runs = RunProgress.Run(ctx, json, scenario.Replications * variants.Count, scenario.Name, state =>
        {
            var results = new List<RunResult>();
            foreach (var s in variants)
            {
                state.Label = $"{s.Name} ({StrategyNames.Of(s.Deployment.Strategy)})";
                results.Add(Simulate.Run(ctx, s, options.Settings(p), state));
            }
            return results;
        });
        var summaries = runs.Select(r => r.Summary).ToList();
        var written = outDir is null
            ? null
            : ReportWriter.WriteCompare(outDir, [.. runs.Select(r => new RunReport(r.Scenario, r.Summary, r.Replications, r.Detail))],
                options.ReportContext(p, ctx, "compare", scenario));
        if (json) ctx.Out.Write(JsonReport.Compare(summaries));
        else
        {
            ConsoleTables.Compare(ctx.Console, summaries);
            Simulate.ReportFiles(ctx, outDir, written);
        }
        return App.Ok;
    }
}
