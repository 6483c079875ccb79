using System.Globalization;

namespace DeploySim.Sharding;

/// <summary>The batch engines' contract: which shard this process is, from <c>--shard K/N</c>, <c>--shards N</c> and the
/// variables each engine sets for an array of copies of one container.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Kubernetes Indexed Job: <c>JOB_COMPLETION_INDEX</c> (0-based); the count from <c>--shards N</c> or
/// <c>DEPLOYSIM_SHARDS</c> (the Job's <c>completions</c>; Kubernetes does not pass it).</item>
/// <item>AWS Batch array job: <c>AWS_BATCH_JOB_ARRAY_INDEX</c> (0-based); the array size from <c>--shards N</c> or
/// <c>DEPLOYSIM_SHARDS</c> (Batch does not pass it: the submit command sets it).</item>
/// <item>Slurm job array: <c>SLURM_ARRAY_TASK_ID</c>, <c>SLURM_ARRAY_TASK_COUNT</c> and <c>SLURM_ARRAY_TASK_MIN</c>
/// (shard = id − min + 1); a stepped array (<c>--array=0-15:4</c>) is refused, its ids are not consecutive.</item>
/// </list>
/// An explicit <c>--shard</c> wins over the environment. Anything partial or contradictory is an error that names the
/// variables involved: half an engine's variables, two engines at once, a count that disagrees with <c>--shards</c>, an
/// index outside the count.
/// </remarks>
public static class ShardEnvironment
{
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string BatchIndex = "AWS_BATCH_JOB_ARRAY_INDEX";
    public const string SlurmId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmMax = "SLURM_ARRAY_TASK_MAX";
    public const string Shards = "DEPLOYSIM_SHARDS";

    /// <summary>The shard to run, or null for the whole work. Throws <see cref="ShardException"/> with a message for
    /// the user when the flags and the environment do not name one shard consistently.</summary>
    /// <param name="shardFlag">The text of <c>--shard</c>, or null.</param>
    /// <param name="shardsFlag">The value of <c>--shards</c>, or null.</param>
    /// <param name="environment">Reads a variable (null or empty: not set).</param>
    public static ShardSpec? Resolve(string? shardFlag, int? shardsFlag, Func<string, string?> environment)
    {
        string? Get(string name) => environment(name) is { Length: > 0 } v ? v : null;
        if (shardFlag is not null)
        {
            var spec = ShardSpec.TryParse(shardFlag, out var error) ?? throw new ShardException($"--shard: {error}");
            if (shardsFlag is { } n && n != spec.Count)
                throw new ShardException($"--shard {spec} and --shards {n} disagree on the shard count");
            return spec;
        }
        var engines = new List<string>();
        if (Get(KubernetesIndex) is not null) engines.Add(KubernetesIndex);
        if (Get(BatchIndex) is not null) engines.Add(BatchIndex);
        if (Get(SlurmId) is not null || Get(SlurmCount) is not null || Get(SlurmMin) is not null) engines.Add(SlurmId);
        if (engines.Count > 1)
            throw new ShardException($"the environment names more than one batch engine ({string.Join(", ", engines)}): pass --shard K/N to choose");
        int? count = CountFrom(shardsFlag, Get(Shards));
        if (engines.Count == 0)
        {
            if (shardsFlag is not null) throw new ShardException("--shards N needs a shard index: --shard K/N, or JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID in the environment");
            if (count is not null) throw new ShardException($"{Shards} is set but no shard index is (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID): unset it for an unsharded run");
            return null;
        }
        string variable = engines[0];
        if (variable == SlurmId) return Slurm(Get, shardsFlag, count);
        int index = Number(variable, Get(variable)!, min: 0);
        if (count is not { } total)
            throw new ShardException($"{variable}={index} is set but the shard count is not: pass --shards N or set {Shards} (the {Engine(variable)}'s size)");
        return Within(variable, index, total);
    }

    private static ShardSpec Slurm(Func<string, string?> get, int? shardsFlag, int? count)
    {
        var missing = new[] { SlurmId, SlurmCount, SlurmMin }.Where(v => get(v) is null).ToList();
        if (missing.Count > 0)
            throw new ShardException($"a Slurm job array sets {SlurmId}, {SlurmCount} and {SlurmMin}; {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing");
        int id = Number(SlurmId, get(SlurmId)!, min: 0), total = Number(SlurmCount, get(SlurmCount)!, min: 1), min = Number(SlurmMin, get(SlurmMin)!, min: 0);
        if (count is { } n && n != total)
            throw new ShardException($"{SlurmCount}={total} and the shard count {n} (--shards or {Shards}) disagree");
        if (get(SlurmMax) is { } maxText && Number(SlurmMax, maxText, min: 0) - min + 1 != total)
            throw new ShardException($"the Slurm array {min}-{maxText} has {total} tasks, not one per id: stepped arrays are not supported, use --array={min}-{min + total - 1}");
        return Within(SlurmId, id - min, total, $"{SlurmId}={id} with {SlurmMin}={min}");
    }

    private static ShardSpec Within(string variable, int index, int count, string? what = null)
    {
        if (index < 0 || index >= count)
            throw new ShardException($"{what ?? string.Create(CultureInfo.InvariantCulture, $"{variable}={index}")} is outside the {count} shards (indices 0 to {count - 1})");
        return new ShardSpec(index + 1, count);
    }

    private static int? CountFrom(int? flag, string? variable)
    {
        if (variable is null) return flag;
        if (!ShardSpec.TryCount(variable, out int n))
            throw new ShardException($"{Shards}='{variable}' is not a whole number from 1 to {ShardSpec.MaxCount:N0}");
        if (flag is { } f && f != n) throw new ShardException($"--shards {f} and {Shards}={n} disagree");
        return n;
    }

    private static int Number(string variable, string text, int min)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min) return v;
        throw new ShardException($"{variable}='{text}' is not a whole number from {min}");
    }

    private static string Engine(string variable) => variable == KubernetesIndex ? "Indexed Job" : "array job";
}

/// <summary>Shards that cannot run or merge as asked; the message is for the user.</summary>
public sealed class ShardException(string message) : Exception(message);
