using System.CommandLine;
using DeploySim.Reporting;

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
            "deploysim run scenarios/source-article.yaml --set unicorn.workers=12 --json > result.json",
            "deploysim run scenarios/source-article.yaml --replications 20 --replication worst --out worst/");
        options.AddTo(command);
        options.AddStrategyTo(command, Path);
        options.AddReplicationTo(command);
        shards.AddTo(command);
        command.SetAction(p =>
        {
            var scenario = options.Load(p, p.GetValue(file), ctx.Error);
            options.CheckReplication(p, scenario, Path);
            if (Sharded.Begin(ctx, p, shards, options, "run", p.GetValue(file)!, [Sharding.WorkPoint.Of(scenario)]) is { } shardExit) return shardExit;
            string? outDir = options.OutDirectory(p, Path);
            bool json = options.IsJson(p);
            var settings = options.Settings(p);
            string label = $"{scenario.Name} ({StrategyNames.Of(Pipelines.FleetScenarios.ReportedStrategy(scenario))})";
            if (scenario.Replications > ctx.StreamAbove)
            {
                var (summary, written) = RunProgress.Run(ctx, json, scenario.Replications, label, state => RunnerWithProgress.Stream(ctx, scenario,
                    settings, state, outDir, outDir is null ? null : options.ReportContext(p, ctx, "run", scenario)));
                if (json) ctx.Out.Write(JsonReport.Run(summary));
                else
                {
                    ConsoleTables.Run(ctx.Console, summary, options.TableFormat(p, ctx));
                    RunFooter.ReportFiles(ctx, outDir, written);
                }
                RunFooter.ReportInvariants(ctx, settings, json, [summary]);
                return CommandLineTool.Ok;
            }
            var run = RunProgress.Run(ctx, json, scenario.Replications, label, state => RunnerWithProgress.Run(ctx, scenario, settings, state));
            var files = outDir is null ? null : ScenarioRunReport.Write(outDir, run, options.ReportContext(p, ctx, "run", scenario));
            if (json) ctx.Out.Write(ScenarioRunReport.Json(run));
            else
            {
                ScenarioRunReport.Console(ctx.Console, run, options.TableFormat(p, ctx));
                RunFooter.ReportFiles(ctx, outDir, files);
            }
            RunFooter.ReportInvariants(ctx, settings, json, [run.Summary]);
            return CommandLineTool.Ok;
        });
        return command;
    }
}
