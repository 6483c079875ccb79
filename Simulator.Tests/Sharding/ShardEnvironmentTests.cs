using DeploySim.Sharding;

namespace DeploySim.Tests.Sharding;

/// <summary>The batch engines' contract: each engine's variables select the right shard; explicit flags win; anything
/// partial or contradictory is an error naming the variables.</summary>
public sealed class ShardEnvironmentTests
{
    private static ShardSpec? Resolve(string? shard, int? shards, params (string Name, string Value)[] env)
    {
        var vars = env.ToDictionary(e => e.Name, e => e.Value);
        return ShardEnvironment.Resolve(shard, shards, name => vars.GetValueOrDefault(name));
    }

    private static string Error(string? shard, int? shards, params (string, string)[] env) =>
        Assert.Throws<ShardException>(() => Resolve(shard, shards, env))!.Message;

    [Test]
    public void Resolve_NothingSet_IsTheWholeWork() => Assert.That(Resolve(null, null), Is.Null);

    [TestCase("1/1", 1, 1)]
    [TestCase("3/7", 3, 7)]
    [TestCase(" 7/7 ", 7, 7)]
    public void Resolve_ShardFlag_IsThatShard(string flag, int k, int n) => Assert.That(Resolve(flag, null), Is.EqualTo(new ShardSpec(k, n)));

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("3")]
    [TestCase("a/b")]
    [TestCase("1/2/3")]
    [TestCase("-1/3")]
    public void Resolve_BadShardFlag_SaysKOverN(string flag) => Assert.That(Error(flag, null), Does.StartWith("--shard:"));

    [Test]
    public void Resolve_KubernetesIndexWithShardsFlag_IsIndexPlusOne() =>
        Assert.That(Resolve(null, 4, ("JOB_COMPLETION_INDEX", "0")), Is.EqualTo(new ShardSpec(1, 4)));

    [Test]
    public void Resolve_KubernetesIndexWithDeploysimShards_IsIndexPlusOne() =>
        Assert.That(Resolve(null, null, ("JOB_COMPLETION_INDEX", "3"), ("DEPLOYSIM_SHARDS", "4")), Is.EqualTo(new ShardSpec(4, 4)));

    [Test]
    public void Resolve_BatchArrayIndexWithArraySize_IsIndexPlusOne() =>
        Assert.That(Resolve(null, null, ("AWS_BATCH_JOB_ARRAY_INDEX", "5"), ("DEPLOYSIM_SHARDS", "8")), Is.EqualTo(new ShardSpec(6, 8)));

    [TestCase("0", "0", "8", 1)]
    [TestCase("7", "0", "8", 8)]
    [TestCase("1", "1", "8", 1)]
    [TestCase("8", "1", "8", 8)]
    public void Resolve_SlurmArray_IsIdMinusMinPlusOne(string id, string min, string count, int k) =>
        Assert.That(Resolve(null, null, ("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_MIN", min), ("SLURM_ARRAY_TASK_COUNT", count)),
            Is.EqualTo(new ShardSpec(k, 8)));

    [Test]
    public void Resolve_ExplicitShardFlag_WinsOverTheEnvironment() =>
        Assert.That(Resolve("2/3", null, ("JOB_COMPLETION_INDEX", "0"), ("DEPLOYSIM_SHARDS", "9")), Is.EqualTo(new ShardSpec(2, 3)));

    [Test]
    public void Resolve_ShardFlagAndShardsFlagDisagree_Fails() => Assert.That(Error("2/3", 4), Does.Contain("--shard 2/3 and --shards 4 disagree"));

    [Test]
    public void Resolve_KubernetesIndexWithoutCount_FailsNamingBoth() =>
        Assert.That(Error(null, null, ("JOB_COMPLETION_INDEX", "1")), Does.Contain("JOB_COMPLETION_INDEX=1").And.Contain("--shards N").And.Contain("DEPLOYSIM_SHARDS"));

    [Test]
    public void Resolve_BatchIndexWithoutArraySize_Fails() =>
        Assert.That(Error(null, null, ("AWS_BATCH_JOB_ARRAY_INDEX", "0")), Does.Contain("AWS_BATCH_JOB_ARRAY_INDEX=0").And.Contain("DEPLOYSIM_SHARDS"));

    [Test]
    public void Resolve_ShardsFlagAndVariableDisagree_Fails() =>
        Assert.That(Error(null, 3, ("JOB_COMPLETION_INDEX", "1"), ("DEPLOYSIM_SHARDS", "4")), Does.Contain("--shards 3 and DEPLOYSIM_SHARDS=4 disagree"));

    [Test]
    public void Resolve_IndexOutsideTheCount_Fails() =>
        Assert.That(Error(null, 4, ("JOB_COMPLETION_INDEX", "4")), Does.Contain("outside the 4 shards"));

    [TestCase("x")]
    [TestCase("-1")]
    [TestCase("1.5")]
    public void Resolve_IndexNotANumber_FailsNamingTheVariable(string value) =>
        Assert.That(Error(null, 4, ("JOB_COMPLETION_INDEX", value)), Does.Contain($"JOB_COMPLETION_INDEX='{value}'"));

    [Test]
    public void Resolve_TwoEngines_Fails() =>
        Assert.That(Error(null, 4, ("JOB_COMPLETION_INDEX", "1"), ("AWS_BATCH_JOB_ARRAY_INDEX", "1")),
            Does.Contain("more than one batch engine").And.Contain("JOB_COMPLETION_INDEX").And.Contain("AWS_BATCH_JOB_ARRAY_INDEX"));

    [Test]
    public void Resolve_SlurmWithoutCountAndMin_FailsNamingTheMissing() =>
        Assert.That(Error(null, null, ("SLURM_ARRAY_TASK_ID", "2")), Does.Contain("SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN are missing"));

    [Test]
    public void Resolve_SlurmCountDisagreesWithShards_Fails() =>
        Assert.That(Error(null, 5, ("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), Does.Contain("disagree"));

    [Test]
    public void Resolve_SteppedSlurmArray_Fails() =>
        Assert.That(Error(null, null, ("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "12"), ("SLURM_ARRAY_TASK_COUNT", "4")),
            Does.Contain("stepped arrays are not supported"));

    [Test]
    public void Resolve_CountWithoutIndex_Fails()
    {
        Assert.That(Error(null, 4), Does.Contain("--shards N needs a shard index"));
        Assert.That(Error(null, null, ("DEPLOYSIM_SHARDS", "4")), Does.Contain("DEPLOYSIM_SHARDS is set but no shard index is"));
    }

    [Test]
    public void Resolve_EmptyVariables_CountAsUnset() =>
        Assert.That(Resolve(null, null, ("JOB_COMPLETION_INDEX", ""), ("DEPLOYSIM_SHARDS", "")), Is.Null);

    [TestCase("shard-2-of-3", 2, 3)]
    [TestCase("shard-10-of-10", 10, 10)]
    public void FromDirectoryName_RoundTrips(string name, int k, int n)
    {
        Assert.That(ShardSpec.FromDirectoryName(name), Is.EqualTo(new ShardSpec(k, n)));
        Assert.That(new ShardSpec(k, n).DirectoryName, Is.EqualTo(name));
    }

    [TestCase("shard-4-of-3")]
    [TestCase("shard-0-of-3")]
    [TestCase("shard-1-of-")]
    [TestCase("merged")]
    public void FromDirectoryName_OtherNames_AreNotShards(string name) => Assert.That(ShardSpec.FromDirectoryName(name), Is.Null);
}
