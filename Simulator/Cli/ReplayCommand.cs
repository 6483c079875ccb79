using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Import;

namespace DeploySim.Cli;

/// <summary><c>deploysim replay FILE --targets FILE...</c>: a scenario's lifecycle event times beside past deployments'.</summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (YAML), typically written by 'deploysim fit'" };
        var targets = new Option<FileInfo[]>("--targets")
        {
            Description = "Saved outputs of 'aws deploy batch-get-deployment-targets' (or 'batch-get-deployment-instances') of past deployments",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var fleet = FleetOption.Create("compare with the observed deployments");
        var options = new CommonOptions();
        var command = new Command("replay",
            "Run a scenario and compare it with observed deployments: mean, p50 and p90 per lifecycle event and for the\n" +
            "whole rollout (first event start to last event end), observed against simulated, in a table and, with --out,\n" +
            "replay.json and a plot of the two distributions (replay.png, replay.svg). Runs at least 200 replications\n" +
            "unless --replications says otherwise.\n\n" +
            "Examples:\n" +
            "  deploysim replay web-fitted.yaml --targets d1.json d2.json\n" +
            "  deploysim replay web-fitted.yaml --targets d1.json d2.json --replications 50 --out replay/ --json")
        {
            file, targets, fleet,
        };
        options.AddTo(command);
        command.SetAction(p =>
        {
            var files = (p.GetValue(targets) ?? []).Select(f => f.ToString()).ToList();
            if (files.Count == 0) throw new UsageException("replay: --targets needs at least one file");
            var history = DeploymentHistory.Read(files);
            var scenario = options.Load(p, p.GetValue(file)?.FullName, ctx.Error);
            if (p.GetValue(options.Replications) is null && scenario.Replications < Replay.MinimumReplications)
                scenario = scenario with { Replications = Replay.MinimumReplications };
            int fleetIndex = FleetOption.Resolve(scenario, p.GetValue(fleet), "deploysim replay");
            string? outDir = options.OutDirectory(p, "deploysim replay");
            bool json = options.IsJson(p);
            var result = RunProgress.Run(ctx, json, scenario.Replications, $"{scenario.Name}: replay",
                state => Replay.Run(scenario, history, options.ThreadCount(p), _ => state.Advance(), ctx.Cancellation, fleetIndex));
            ctx.Cancellation.ThrowIfCancellationRequested();
            if (outDir is not null) ReplayReport.Write(outDir, result);
            if (json) ctx.Out.Write(ReplayReport.Json(result));
            else ReplayReport.Console(ctx.Console, result);
            return CommandLineTool.Ok;
        });
        return command;
    }
}
