using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Model;

namespace DeploySim.Cli;

/// <summary><c>deploysim run FILE</c>: one scenario, all its replications, a summary.</summary>
internal static class RunCommand
{
    private const string Path = "deploysim run";

    public static Command Create(CliContext ctx)
    {
        var file = CliValues.ScenarioFile();
        var options = new CommonOptions();
        var shards = new ShardOptions();
        var command = new Command("run", "Run a scenario and summarise its replications")
        {
            file,
        }.WithExamples(
            "deploysim run scenarios/source-article.yaml",
            "deploysim run scenarios/source-article.yaml --seed 7 --replications 50 --strategy blue-green --out out/",
            "deploysim run scenarios/source-article.yaml --set unicorn.workers=12 --json > result.json");
        options.AddTo(command);
        options.AddStrategyTo(command, Path);
        shards.AddTo(command);
        command.SetAction(p =>
        {
            var scenario = options.Load(p, p.GetValue(file), ctx.Error);
            if (Sharded.Begin(ctx, p, shards, options, "run", p.GetValue(file)!, [Sharding.WorkPoint.Of(scenario)]) is { } shardExit) return shardExit;
            string? outDir = options.OutDirectory(p, Path);
            bool json = options.IsJson(p);
            if (PipelineOutput.Handles(scenario))
                return PipelineOutput.Run(ctx, scenario, json, outDir, (s, label) => RunProgress.Run(ctx, json, s.Replications, label,
                    state => Simulate.Pipeline(ctx, s, options.Settings(p), state, 0)));
            string label = $"{scenario.Name} ({StrategyNames.Of(scenario.Fleet.Deployment.Strategy)})";
            var (summary, written) = scenario.Replications > ctx.StreamAbove
                ? RunProgress.Run(ctx, json, scenario.Replications, label, state => Simulate.Stream(ctx, scenario, options.Settings(p), state, outDir,
                    outDir is null ? null : options.ReportContext(p, ctx, "run", scenario)))
                : RunProgress.Run(ctx, json, scenario.Replications, label, state =>
                {
                    var run = Simulate.Run(ctx, scenario, options.Settings(p), state);
                    return (run.Summary, outDir is null ? null : ReportWriter.WriteRun(outDir, scenario, run.Summary, run.Replications, run.Detail,
                        options.ReportContext(p, ctx, "run", scenario)));
                });
            if (json) ctx.Out.Write(JsonReport.Run(summary));
            else
            {
                ConsoleTables.Run(ctx.Console, summary, options.TableFormat(p, ctx));
                Simulate.ReportFiles(ctx, outDir, written);
            }
            Simulate.ReportInvariants(ctx, options.Settings(p), json, [summary]);
            return CommandLineTool.Ok;
        });
        return command;
    }
}
