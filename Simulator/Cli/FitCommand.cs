using System.CommandLine;
using DeploySim.Reporting;
using DeploySim.Import;

namespace DeploySim.Cli;

/// <summary><c>deploysim fit</c>: lifecycle event times fitted to past deployments, written into a scenario.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext ctx)
    {
        var targets = new Option<FileInfo[]>("--targets")
        {
            Description = "Saved outputs of 'aws deploy batch-get-deployment-targets' (or 'batch-get-deployment-instances') of past deployments",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var scenario = new Option<FileInfo>("--scenario") { Description = "Scenario to calibrate (YAML); it is not changed", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Fitted scenario to write (YAML)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout and nothing else" };
        var command = new Command("fit",
            "Fit a distribution to each lifecycle event of past deployments and write them into a scenario: DownloadBundle and\n" +
            "Install into deployment.downloadBundleTime and installTime, script events into their scripts' durations, events\n" +
            "without scripts into deployment.emptyEventTime, the gaps between an instance's events into deployment.agentEventGap.\n" +
            $"Lognormal by maximum likelihood, or the observations themselves below {DurationFit.MinPointsForLogNormal} points. " +
            "BlockTraffic and AllowTraffic are\nreported, not fitted: they come from the health checks. Failed and skipped events are left out and counted.\n\n" +
            "Examples:\n" +
            "  aws deploy batch-get-deployment-targets --deployment-id d-7QXHL1R3B --target-ids i-0a1b... i-0c2d... > d1.json\n" +
            "  deploysim fit --targets d1.json d2.json --scenario web.yaml --out web-fitted.yaml\n" +
            "  deploysim replay web-fitted.yaml --targets d1.json d2.json")
        {
            targets, scenario, output, json,
        };
        command.SetAction(p =>
        {
            var files = (p.GetValue(targets) ?? []).Select(f => f.ToString()).ToList();
            if (files.Count == 0) throw new UsageException("fit: --targets needs at least one file");
            string outPath = p.GetValue(output)!.ToString();
            var history = DeploymentHistory.Read(files);
            var result = DeploySim.Reporting.ImportFiles.Fit(p.GetValue(scenario)!.ToString(), history, outPath, files);
            if (p.GetValue(json)) ctx.Out.Write(FitReport.Json(result, outPath));
            else FitReport.Console(ctx.Console, result, outPath);
            return CommandLineTool.Ok;
        });
        return command;
    }
}
