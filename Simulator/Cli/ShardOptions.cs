using System.CommandLine;

namespace DeploySim.Cli;

/// <summary><c>--shard K/N</c> and <c>--shards N</c>, for the commands whose work splits across processes.</summary>
internal sealed class ShardOptions
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only shard K of N (1-based) and write its rows under --out DIR/shard-K-of-N/; without it, the " +
            "index comes from JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID when set. Combine shards with 'deploysim merge'",
        HelpName = "K/N",
    };

    public Option<int?> Shards { get; } =
        CliValues.Int32("--shards", "The shard count for an index taken from the environment (or DEPLOYSIM_SHARDS)", 1, Sharding.ShardSpec.MaxCount);

    public void AddTo(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(Shards);
    }

    /// <summary>Options left out of a shard's recorded command line: they choose the shard, the output or the threads,
    /// never a result. The bool says whether the option takes a value.</summary>
    public static readonly IReadOnlyDictionary<string, bool> NotRecorded = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["--shard"] = true,
        ["--shards"] = true,
        ["--out"] = true,
        ["--threads"] = true,
        ["--json"] = false,
        ["--check-invariants"] = false,
    };

    /// <summary>The command line without the options of <see cref="NotRecorded"/> (<c>--opt value</c> and <c>--opt=value</c>).</summary>
    public static IReadOnlyList<string> Recorded(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            string name = a.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? a[..eq] : a;
            if (!NotRecorded.TryGetValue(name, out bool takesValue))
            {
                kept.Add(a);
                continue;
            }
            if (takesValue && eq < 0) i++;
        }
        return kept;
    }
}
