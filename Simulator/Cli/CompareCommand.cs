using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.World;

namespace DeploySim.Cli;

/// <summary><c>deploysim compare FILE</c>: the same scenario under each strategy, side by side.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (YAML)" };
        var strategies = new Option<string?>("--strategies") { Description = "Comma-separated: in-place,blue-green,graceful-restart (default: all three)" };
        var options = new CommonOptions();
        var command = new Command("compare", "Run a scenario under several strategies and compare them.\n\nExamples:\n  deploysim compare scenarios/source-article.yaml\n  deploysim compare scenarios/source-article.yaml --strategies in-place,graceful-restart --out out/") { file, strategies };
        options.AddTo(command);
        command.SetAction(p => Execute(ctx, options, p, options.Load(p, p.GetValue(file)), ParseStrategies(p.GetValue(strategies))));
        return command;
    }

    internal static int Execute(CliContext ctx, CommonOptions options, ParseResult p, Scenario scenario, IReadOnlyList<StrategyKind> strategies)
    {
        if (PipelineOutput.Handles(scenario))
            return PipelineOutput.Compare(ctx, scenario, strategies, p.GetValue(options.Json), p.GetValue(options.Out)?.FullName, (s, label) => Progress.Run(ctx,
                p.GetValue(options.Json), s.Replications, label, done => Pipelines.PipelineRunner.Run(s, p.GetValue(options.Threads), done, ctx.Cancellation)));
        bool json = p.GetValue(options.Json);
        var runs = new List<RunResult>();
        foreach (var strategy in strategies)
        {
            var s = scenario with { Deployment = scenario.Deployment with { Strategy = strategy } };
            runs.Add(Progress.Run(ctx, json, s.Replications, $"{s.Name} ({StrategyNames.Of(strategy)})",
                done => ScenarioRunner.Run(s, p.GetValue(options.Threads), done, ctx.Cancellation)));
        }
        if (p.GetValue(options.Out) is { } dir) ReportWriter.WriteCompare(dir.FullName, [.. runs.Select(r => new RunReport(r.Scenario, r.Summary, r.Replications, r.Detail))]);
        var summaries = runs.Select(r => r.Summary).ToList();
        if (json) ctx.Out.WriteLine(JsonReport.Compare(summaries));
        else ConsoleTables.Compare(ctx.Console, summaries);
        return App.Ok;
    }

    internal static IReadOnlyList<StrategyKind> ParseStrategies(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Enum.GetValues<StrategyKind>();
        var list = new List<StrategyKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (StrategyNames.TryParse(name, out var kind)) list.Add(kind);
            else throw new UsageException($"--strategies: unknown strategy '{name}'; expected in-place, blue-green or graceful-restart");
        }
        return list;
    }
}

/// <summary>The strategy names used on the command line and in JSON.</summary>
internal static class StrategyNames
{
    public static string Of(StrategyKind k) => k switch
    {
        StrategyKind.BlueGreen => "blue-green",
        StrategyKind.GracefulRestart => "graceful-restart",
        _ => "in-place",
    };

    public static bool TryParse(string name, out StrategyKind kind)
    {
        foreach (var k in Enum.GetValues<StrategyKind>())
        {
            if (Of(k) == name)
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
