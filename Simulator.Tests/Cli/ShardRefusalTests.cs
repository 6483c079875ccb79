using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeploySim.Tests.Reporting;
using static DeploySim.Tests.Cli.ShardMergeTests;

namespace DeploySim.Tests.Cli;

/// <summary>Every refusal of merge (exit 1, a message naming what is wrong) and of a shard's command line (exit 2).</summary>
public sealed class ShardRefusalTests
{
    private static readonly string[] s_args = ["run", CliRun.Small, "-n", "4"];

    /// <summary>Runs shards <paramref name="indices"/> of 3 with <paramref name="args"/> into <paramref name="dir"/>.</summary>
    private static void Shards(string dir, string[] args, params int[] indices)
    {
        foreach (int k in indices) Ok(CliRun.Run([.. args, "--shard", $"{k}/3", "--out", dir]));
    }

    private static CliResult Merge(TempDirectory dir, params string[] dirs) => CliRun.Run([.. "merge".Split(' '), .. dirs, "--out", dir.File("merged")]);

    private static void AssertRefused(CliResult r, TempDirectory dir, params string[] fragments)
    {
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        foreach (var f in fragments) Assert.That(r.Error, Does.Contain(f), r.ToString());
        Assert.That(r.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(dir.File("merged")) && Directory.EnumerateFiles(dir.File("merged")).Any(), Is.False, "nothing written");
    }

    [Test]
    public void Merge_MissingShards_ListsTheMissingIndices()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1);
        AssertRefused(Merge(dir, dir.File("s")), dir, "missing 2 of 3 shards: 2-3");
    }

    [Test]
    public void Merge_AShardWithoutItsManifest_CountsAsMissing()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2, 3);
        File.Delete(dir.File("s/shard-2-of-3/manifest.json"));
        AssertRefused(Merge(dir, dir.File("s")), dir, "missing 1 of 3 shards: 2");
    }

    [Test]
    public void Merge_DuplicateWithDifferentContent_IsRefused()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2, 3);
        CopyDirectory(dir.File("s/shard-2-of-3"), dir.File("other/shard-2-of-3"));
        // A consistent but different shard 2: a row changed and its checksum updated.
        string rows = dir.File("other/shard-2-of-3/rows.jsonl");
        File.WriteAllText(rows, File.ReadAllText(rows).Replace("\"oomKills\":0", "\"oomKills\":1", StringComparison.Ordinal));
        Rewrite(dir.File("other/shard-2-of-3"), m => m["files"]![0]!["sha256"] = Sha(rows));
        AssertRefused(Merge(dir, dir.File("s"), dir.File("other")), dir, "shard 2/3 appears twice with different content");
    }

    [Test]
    public void Merge_ShardsOfAnotherScenario_AreRefused()
    {
        using var dir = new TempDirectory();
        string scenario = dir.File("fleet.yaml");
        File.Copy(CliRun.Small, scenario);
        string[] args = ["run", scenario, "-n", "4"];
        Shards(dir.File("s"), args, 1, 2);
        File.AppendAllText(scenario, "# edited\n");
        Shards(dir.File("s"), args, 3);
        AssertRefused(Merge(dir, dir.File("s")), dir, "another scenario");
    }

    [Test]
    public void Merge_ScenarioEditedAfterTheShards_IsRefused()
    {
        using var dir = new TempDirectory();
        string scenario = dir.File("fleet.yaml");
        File.Copy(CliRun.Small, scenario);
        Shards(dir.File("s"), ["run", scenario, "-n", "4"], 1, 2, 3);
        File.AppendAllText(scenario, "# edited\n");
        AssertRefused(Merge(dir, dir.File("s")), dir, "fleet.yaml has changed since the shards ran");
    }

    [Test]
    public void Merge_ShardsOfAnotherSeed_AreRefused()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), [.. s_args, "--seed", "1"], 1, 2);
        Shards(dir.File("s"), [.. s_args, "--seed", "2"], 3);
        AssertRefused(Merge(dir, dir.File("s")), dir, "seed 2 against 1");
    }

    [Test]
    public void Merge_ShardsOfAnotherOverrideSet_AreRefused()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2);
        Shards(dir.File("s"), [.. s_args, "--set", "unicorn.workers=3"], 3);
        AssertRefused(Merge(dir, dir.File("s")), dir, "another override set (unicorn.workers=3 against none)");
    }

    [Test]
    public void Merge_ShardsOfAnotherCommand_AreRefused()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2);
        Shards(dir.File("s"), ["compare", CliRun.Small, "-n", "4"], 3);
        AssertRefused(Merge(dir, dir.File("s")), dir, "another command");
    }

    [Test]
    public void Merge_ShardsOfAnotherToolVersion_AreRefused()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2, 3);
        Rewrite(dir.File("s/shard-3-of-3"), m => m["toolVersion"] = "0.0.1+old");
        AssertRefused(Merge(dir, dir.File("s")), dir, "tool version 0.0.1+old");
    }

    [Test]
    public void Merge_CorruptedRows_AreRefusedByChecksum()
    {
        using var dir = new TempDirectory();
        Shards(dir.File("s"), s_args, 1, 2, 3);
        string rows = dir.File("s/shard-2-of-3/rows.jsonl");
        var bytes = File.ReadAllBytes(rows);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(rows, bytes);
        AssertRefused(Merge(dir, dir.File("s")), dir, "rows.jsonl: corrupted", "run shard 2/3 again");
    }

    [Test]
    public void Merge_NoShards_IsRefused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("empty"));
        AssertRefused(Merge(dir, dir.File("empty")), dir, "no shard here");
    }

    [Test]
    public void Shard_WithoutOut_IsAUsageError()
    {
        var r = CliRun.Run([.. s_args, "--shard", "1/2"]);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.Contain("pass --out"));
    }

    [Test]
    public void Shard_BadShardFlag_IsAUsageError()
    {
        var r = CliRun.Run([.. s_args, "--shard", "3/2", "--out", "x"]);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.Contain("above the shard count"));
    }

    [Test]
    public void Shard_KubernetesVariables_SelectTheShard()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["DEPLOYSIM_SHARDS"] = "3" };
        Ok(CliRun.RunWithEnvironment(env, [.. s_args, "--out", dir.Path]));
        Assert.That(Directory.GetDirectories(dir.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "shard-2-of-3" }));
    }

    [Test]
    public void Shard_SlurmVariables_SelectTheShard()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" };
        Ok(CliRun.RunWithEnvironment(env, [.. s_args, "--out", dir.Path]));
        Assert.That(Directory.GetDirectories(dir.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "shard-3-of-3" }));
    }

    [Test]
    public void Shard_PartialEnvironment_IsAUsageErrorNamingTheVariable()
    {
        var env = new Dictionary<string, string> { ["AWS_BATCH_JOB_ARRAY_INDEX"] = "1" };
        var r = CliRun.RunWithEnvironment(env, [.. s_args, "--out", "x"]);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.Contain("AWS_BATCH_JOB_ARRAY_INDEX=1 is set but the shard count is not"));
    }

    [Test]
    public void Shard_FlagConflictingWithVariables_IsAUsageError()
    {
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0", ["DEPLOYSIM_SHARDS"] = "4" };
        var r = CliRun.RunWithEnvironment(env, [.. s_args, "--shards", "3", "--out", "x"]);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.Contain("--shards 3 and DEPLOYSIM_SHARDS=4 disagree"));
    }

    private static void Rewrite(string shardDir, Action<JsonNode> edit)
    {
        string path = Path.Combine(shardDir, "manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
