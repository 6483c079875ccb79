using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.World;

namespace DeploySim.Cli;

/// <summary><c>deploysim run FILE</c>: one scenario, all its replications, a summary.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (YAML)" };
        var options = new CommonOptions();
        var command = new Command("run", "Run a scenario and summarise its replications.\n\nExamples:\n  deploysim run scenarios/source-article.yaml\n  deploysim run scenarios/source-article.yaml --seed 7 --replications 50 --set deployment.strategy=blue-green --out out/\n  deploysim run scenarios/source-article.yaml --json") { file };
        options.AddTo(command);
        command.SetAction(p =>
        {
            var scenario = options.Load(p, p.GetValue(file));
            if (PipelineOutput.Handles(scenario))
                return PipelineOutput.Run(ctx, scenario, p.GetValue(options.Json), p.GetValue(options.Out)?.FullName, (s, label) => Progress.Run(ctx, p.GetValue(options.Json),
                    s.Replications, label, done => Pipelines.PipelineRunner.Run(s, p.GetValue(options.Threads), done, ctx.Cancellation)));
            bool json = p.GetValue(options.Json);
            var run = Progress.Run(ctx, json, scenario.Replications, $"{scenario.Name}: replications",
                done => ScenarioRunner.Run(scenario, p.GetValue(options.Threads), done, ctx.Cancellation));
            if (p.GetValue(options.Out) is { } dir) ReportWriter.WriteRun(dir.FullName, scenario, run.Summary, run.Replications, run.Detail);
            if (json) ctx.Out.WriteLine(JsonReport.Run(run.Summary));
            else ConsoleTables.Run(ctx.Console, run.Summary);
            return App.Ok;
        });
        return command;
    }
}
