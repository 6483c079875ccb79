using System.CommandLine;
using DeploySim.Sharding;

namespace DeploySim.Cli;

/// <summary><c>deploysim merge DIR... --out DIR</c>: combines the shards of a run, compare, sweep or plan into exactly
/// what the unsharded command writes. It checks the shards (all present, one split of one command, intact), then runs
/// the command line recorded in their manifests with the results read from their rows instead of simulated, so every
/// file and figure comes from the same code as an unsharded run, recomputed from all rows.</summary>
/// <remarks>The scenario file named in the manifests is read again (it must be unchanged): run merge where the shards
/// ran, or where the same path holds the same file.</remarks>
internal static class MergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "Shard directories (shard-K-of-N/), or directories holding them",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Write the merged summary.json, CSV files and plots to this directory",
            HelpName = "dir",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the merged JSON document on stdout and nothing else" };
        var command = new Command("merge", "Combine the shards of a run, compare, sweep or plan into the unsharded output")
        {
            dirs,
            outDir,
            json,
        }.WithExamples(
            "deploysim merge out/ --out merged/",
            "deploysim merge /shared/study/shard-*-of-8 --out /shared/study/merged --json");
        command.SetAction(p =>
        {
            string target = p.GetValue(outDir)!;
            if (target.Length == 0) throw new UsageException("--out needs a directory", "deploysim merge");
            var merged = new MergedResults(ShardSet.Load(p.GetValue(dirs) ?? []));
            string[] args = [.. merged.Shards.First.Arguments, "--out", target, .. p.GetValue(json) ? ["--json"] : Array.Empty<string>()];
            var inner = ctx with { Merge = merged, Arguments = args };
            var parsed = Commands.Build(inner).Parse(args);
            if (parsed.Errors.Count > 0)
                throw new ShardException($"the shards' command line '{string.Join(' ', merged.Shards.First.Arguments)}' does not parse: {ParseErrors.Describe(parsed)[0]}");
            int code = parsed.Invoke(new InvocationConfiguration { Output = ctx.Out, Error = ctx.Error, EnableDefaultExceptionHandler = false });
            merged.Finish();
            return code;
        });
        return command;
    }
}
