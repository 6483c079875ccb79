using System.CommandLine;
using System.Globalization;
using DeploySim.Metrics;
using DeploySim.Planning;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim plan FILE --demand RPS</c>: packing density per strategy and instance size.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (YAML)" };
        var demand = new Option<double>("--demand") { Description = "Demand to serve, in requests per second", Required = true };
        var memory = new Option<string?>("--instance-memory") { Description = "Instance sizes to try, e.g. 4GiB,8GiB,16GiB (default: the scenario's)" };
        var strategies = new Option<string?>("--strategies") { Description = "Comma-separated strategies (default: all three)" };
        var options = new CommonOptions();
        var command = new Command("plan", "Find the largest safe worker count per strategy and instance size, and the fleet that serves a demand through a rollout.\n\nExamples:\n  deploysim plan scenarios/source-article.yaml --demand 2000\n  deploysim plan scenarios/source-article.yaml --demand 2000 --instance-memory 4GiB,8GiB,16GiB --replications 10 --out out/") { file, demand, memory, strategies };
        options.AddTo(command);
        command.SetAction(p =>
        {
            var scenario = options.Load(p, p.GetValue(file));
            double rps = p.GetValue(demand);
            if (!(rps > 0) || double.IsInfinity(rps)) throw new UsageException($"--demand must be a positive number of requests per second, got {rps.ToString(CultureInfo.InvariantCulture)}");
            var sizes = ParseSizes(p.GetValue(memory)) ?? [scenario.Instances.MemoryMiB];
            var kinds = CompareCommand.ParseStrategies(p.GetValue(strategies));
            bool json = p.GetValue(options.Json);
            var rows = new List<PlanRow>();
            int total = sizes.Count * kinds.Count, done = 0;
            foreach (var kind in kinds)
            {
                foreach (long size in sizes)
                {
                    rows.Add(Progress.Run(ctx, json, 1, $"plan {StrategyNames.Of(kind)} {size} MiB ({++done}/{total})",
                        _ => PackingPlanner.Plan(scenario, kind, size, rps, p.GetValue(options.Threads), ctx.Cancellation)));
                }
            }
            if (p.GetValue(options.Out) is { } dir) ReportWriter.WritePlan(dir.FullName, rows);
            if (json) ctx.Out.WriteLine(JsonReport.Plan(rows));
            else ConsoleTables.Plan(ctx.Console, rows);
            return App.Ok;
        });
        return command;
    }

    /// <summary>Parses <c>4GiB,512MiB</c> into MiB; null when not given.</summary>
    internal static IReadOnlyList<long>? ParseSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sizes = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            long factor = part.EndsWith("GiB", StringComparison.Ordinal) ? 1024 : part.EndsWith("MiB", StringComparison.Ordinal) ? 1 : 0;
            if (factor == 0 || !long.TryParse(part.AsSpan(0, part.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > 1 << 20)
                throw new ScenarioException(new ScenarioError("--instance-memory", 0, 0, part, "expected a size such as 4GiB or 512MiB"));
            sizes.Add(n * factor);
        }
        return sizes;
    }
}
