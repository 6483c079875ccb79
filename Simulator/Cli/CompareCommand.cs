using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.Running;

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
        var shards = new ShardOptions();
        var command = new Command("compare", "Run a scenario under several strategies, side by side")
        {
            file,
            strategies,
        }.WithExamples(
            "deploysim compare scenarios/source-article.yaml",
            "deploysim compare scenarios/source-article.yaml --strategies in-place,graceful-restart --out out/",
            "deploysim compare scenarios/source-article.yaml --replications 50 --json");
        options.AddTo(command);
        options.AddReplicationTo(command);
        shards.AddTo(command);
        command.SetAction(p => Execute(ctx, options, p, p.GetValue(file), StrategyNames.ParseList(p.GetValue(strategies), Path), Path, shards));
        return command;
    }

    public static Option<string?> StrategiesOption() => new("--strategies")
    {
        Description = "Comma-separated: in-place,blue-green,graceful-restart (default: all three)",
        HelpName = "list",
    };

    /// <summary>Runs the scenario in <paramref name="file"/> (the built-in default when null) under each strategy.</summary>
    /// <remarks>With <paramref name="shards"/> (a file given) the work can be sharded: one work point per strategy.</remarks>
    internal static int Execute(CliContext ctx, CommonOptions options, ParseResult p, string? file, IReadOnlyList<StrategyKind> strategies, string commandPath,
        ShardOptions? shards = null)
    {
        var scenario = options.Load(p, file, ctx.Error);
        options.CheckReplication(p, scenario, commandPath);
        var variants = strategies.Select(k => Pipelines.FleetScenarios.WithStrategy(scenario, k)).ToList();
        if (shards is not null && file is not null &&
            Sharded.Begin(ctx, p, shards, options, "compare", file, [.. variants.Select(Sharding.WorkPoint.Of)]) is { } shardExit)
            return shardExit;
        string? outDir = options.OutDirectory(p, commandPath);
        bool json = options.IsJson(p);
        var runs = RunProgress.Run(ctx, json, scenario.Replications * variants.Count, scenario.Name, state =>
        {
            var results = new List<ScenarioRun>();
            for (int i = 0; i < variants.Count; i++)
            {
                state.BeginPart(StrategyNames.Of(strategies[i]), variants[i].Replications);
                results.Add(RunnerWithProgress.Run(ctx, variants[i], options.Settings(p), state, results.Count));
            }
            return results;
        });
        var written = outDir is null ? null : ScenarioRunReport.WriteCompare(outDir, runs, options.ReportContext(p, ctx, "compare", scenario));
        if (json) ctx.Out.Write(ScenarioRunReport.CompareJson(runs));
        else
        {
            ScenarioRunReport.CompareConsole(ctx.Console, runs, options.TableFormat(p, ctx));
            RunFooter.ReportFiles(ctx, outDir, written);
        }
        RunFooter.ReportInvariants(ctx, options.Settings(p), json, runs.Select(r => r.Summary));
        return CommandLineTool.Ok;
    }
}
