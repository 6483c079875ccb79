using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using DeploySim.Sharding;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>Where run, compare, sweep and plan meet sharding. A command lists its work points, then calls
/// <see cref="Begin"/>: as a shard it runs its part, writes <c>--out DIR/shard-K-of-N/</c> and returns the exit code;
/// under <c>merge</c> it checks the shards cover exactly this work and returns null, and the command then takes its
/// results from <see cref="CliContext.Merge"/> (see <see cref="RunnerWithProgress"/>) and writes what it always writes; otherwise
/// it returns null and the command simulates everything.</summary>
internal static class Sharded
{
    public static int? Begin(CliContext ctx, ParseResult p, ShardOptions shardOptions, CommonOptions options, string command, string file,
        IReadOnlyList<WorkPoint> points)
    {
        string path = "deploysim " + command;
        var units = points.Select(x => x.Units).ToArray();
        var costs = points.Select(x => x.UnitCost).ToArray();
        if (ctx.Merge is { } merge)
        {
            var first = merge.Shards.First;
            if (first.Command != command) throw new ShardException($"the shards ran '{first.Command}', not '{command}'");
            if (Sha256(file) != first.ScenarioSha256)
                throw new ShardException($"{file} has changed since the shards ran (its SHA-256 is not the one in their manifests)");
            merge.Shards.CheckCoverage(units, costs);
            return null;
        }
        ShardSpec? spec;
        try
        {
            spec = ShardEnvironment.Resolve(p.GetValue(shardOptions.Shard), p.GetValue(shardOptions.Shards), ctx.Environment);
        }
        catch (ShardException ex)
        {
            throw new UsageException(ex.Message, path);
        }
        if (spec is not { } shard) return null;
        string outDir = options.OutDirectory(p, path) ?? throw new UsageException($"shard {shard} writes its rows under --out DIR/{shard.DirectoryName}/: pass --out", path);
        var ranges = ShardPlan.Ranges(units, costs, shard);
        var header = new ShardManifest
        {
            Command = command,
            Arguments = ShardOptions.Recorded(ctx.Args),
            Scenario = file,
            ScenarioSha256 = Sha256(file),
            Overrides = p.GetValue(options.Set) ?? [],
            Seed = points.Count > 0 ? points[0].Scenario.Seed : 0,
            ToolVersion = ShardManifest.RunningToolVersion,
            Shard = shard,
            Points = points.Count,
            Replications = ranges,
        };
        var settings = options.Settings(p);
        bool json = options.IsJson(p);
        string dir = Path.Combine(outDir, shard.DirectoryName);
        int total = ranges.Sum(r => r.Count);
        var manifest = RunProgress.Run(ctx, json, total, $"shard {shard}", state =>
            ShardOutput.Write(dir, header, output =>
                ShardRunner.Run(points, ranges, output, settings.Threads, settings.CheckInvariants, state.Advance, ctx.Cancellation)));
        if (json) ctx.Out.Write(manifest.ToJson());
        else ctx.Console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"Shard {shard}: {total} of {units.Sum(u => (long)u)} units ({Describe(ranges)}), rows in {dir}\n")));
        return CommandLineTool.Ok;
    }

    private static string Describe(IReadOnlyList<ReplicationRange> ranges) =>
        ranges.Count == 0 ? "nothing: more shards than units"
        : string.Join(", ", ranges.Take(4).Select(r => string.Create(CultureInfo.InvariantCulture, $"point {r.Point + 1} #{r.First + 1}-{r.End}")))
          + (ranges.Count > 4 ? string.Create(CultureInfo.InvariantCulture, $", … {ranges.Count} ranges") : "");

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
