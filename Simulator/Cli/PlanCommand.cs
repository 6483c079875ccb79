using System.CommandLine;
using System.Globalization;
using DeploySim.Metrics;
using DeploySim.Planning;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim plan FILE --demand RPS [--fleet NAME]</c>: packing density per strategy and instance size of
/// one fleet (<see cref="Pipelines.FleetScenarios.Alone"/>).</summary>
internal static class PlanCommand
{
    private const string Path = "deploysim plan";

    public static Command Create(CliContext ctx)
    {
        var file = CliValues.ScenarioFile();
        var demand = CliValues.PositiveNumber("--demand", "Demand to serve through a rollout, in requests per second");
        demand.Required = true;
        demand.HelpName = "rps";
        var memory = new Option<string?>("--instance-memory")
        {
            Description = "Instance sizes to try, e.g. 4GiB,8GiB,16GiB (default: the scenario's)",
            HelpName = "sizes",
        };
        var strategies = CompareCommand.StrategiesOption();
        var fleet = FleetOption.Create("plan");
        var headroom = CliValues.PositiveNumber("--headroom", "Memory to keep free through a rollout, in % of the instance (default 10)");
        headroom.HelpName = "pct";
        var options = new CommonOptions();
        var shards = new ShardOptions();
        var command = new Command("plan",
            "Per strategy and instance size: the largest safe unicorn worker count and the fleet that serves a demand through a rollout")
        {
            file,
            demand,
            memory,
            strategies,
            fleet,
            headroom,
        }.WithExamples(
            "deploysim plan scenarios/source-article.yaml --demand 2000",
            "deploysim plan scenarios/source-article.yaml --demand 2000 --instance-memory 4GiB,8GiB,16GiB --replications 10 --out out/",
            "deploysim plan scenarios/pipeline-article.yaml --fleet api --demand 600");
        options.AddTo(command);
        shards.AddTo(command);
        command.SetAction(p =>
        {
            var kinds = StrategyNames.ParseList(p.GetValue(strategies), Path);
            var sizes = ParseSizes(p.GetValue(memory));
            double rps = p.GetValue(demand) ?? throw new UsageException("--demand is required", Path);
            double room = p.GetValue(headroom) ?? PackingPlanner.DefaultHeadroomPct;
            if (room >= 100) throw new UsageException($"--headroom must be below 100 (got {room.ToString(CultureInfo.InvariantCulture)})", Path);
            var loaded = options.Load(p, p.GetValue(file), ctx.Error);
            var scenario = Pipelines.FleetScenarios.Alone(loaded, FleetOption.Resolve(loaded, p.GetValue(fleet), Path));
            sizes ??= [scenario.Fleet.Instances.MemoryMiB];
            string? outDir = options.OutDirectory(p, Path);
            bool json = options.IsJson(p);
            var cells = kinds.SelectMany(k => sizes.Select(size => (Kind: k, Size: size))).ToList();
            var points = cells.Select(c => new Sharding.WorkPoint(PackingPlanner.CellScenario(scenario, c.Kind, c.Size, rps), Sharding.WorkKind.PlanCell,
                (threads, cancel) => PackingPlanner.Search(scenario, c.Kind, c.Size, rps, threads, cancel, room))).ToList();
            if (Sharded.Begin(ctx, p, shards, options, "plan", p.GetValue(file)!, points) is { } shardExit) return shardExit;
            var rows = RunProgress.Run(ctx, json, cells.Count, "plan", state =>
            {
                var result = new List<PlanRow>();
                foreach (var (kind, size) in cells)
                {
                    state.Label = string.Create(CultureInfo.InvariantCulture, $"plan {StrategyNames.Of(kind)}, {size:N0} MiB");
                    result.Add(ctx.Merge is { } merge
                        ? PackingPlanner.RowOf(kind, size, merge.Plan(result.Count), room)
                        : PackingPlanner.Plan(scenario, kind, size, rps, options.ThreadCount(p), ctx.Cancellation, room));
                    ctx.Cancellation.ThrowIfCancellationRequested();
                    state.Advance();
                }
                return result;
            });
            var written = outDir is null ? null : ReportWriter.WritePlan(outDir, rows, options.ReportContext(p, ctx, "plan", scenario));
            if (json) ctx.Out.Write(JsonReport.Plan(rows));
            else
            {
                ConsoleTables.Plan(ctx.Console, rows, options.TableFormat(p, ctx));
                RunFooter.ReportFiles(ctx, outDir, written);
            }
            return CommandLineTool.Ok;
        });
        return command;
    }

    /// <summary>Parses <c>4GiB,512MiB</c> into MiB (duplicates dropped); null when not given. Throws
    /// <see cref="ScenarioException"/> naming every bad size.</summary>
    internal static IReadOnlyList<long>? ParseSizes(string? text)
    {
        if (text is null) return null;
        var sizes = new List<long>();
        var errors = new List<ScenarioError>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            long factor = part.EndsWith("GiB", StringComparison.Ordinal) ? 1024 : part.EndsWith("MiB", StringComparison.Ordinal) ? 1 : 0;
            if (factor == 0 || !long.TryParse(part.AsSpan(0, part.Length - 3).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > (1L << 24) / factor)
                errors.Add(new ScenarioError("--instance-memory", 0, 0, part, "expected a size from 1MiB to 16384GiB such as 4GiB or 512MiB"));
            else if (!sizes.Contains(n * factor)) sizes.Add(n * factor);
        }
        return errors.Count > 0 ? throw new ScenarioException(errors) : sizes;
    }
}
