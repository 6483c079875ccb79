using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeploySim.Tests.Cli;
using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Sharding;

/// <summary>Shards merged equal the unsharded command byte for byte: every file of --out (CSV, JSON, PNG, SVG) and the
/// --json document, for 1, 2, 3 and 7 shards.</summary>
/// <remarks>In the Sharding namespace so that NUnit runs these after the golden tests: their many in-process replications
/// bring the model's code to the JIT tier that allocates less than the goldens' steady-state figure records.</remarks>
[Parallelizable(ParallelScope.Children)]   // long cases: each runs beside the other fixtures
public sealed partial class ShardMergeTests
{
    private static readonly int[] s_counts = [1, 2, 3, 7];

    private static string Pipeline => Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml");

    private static string Tiny => CliRun.Fixture("tiny.yaml");

    [Test]
    public void Run_ShardsMerged_EqualTheUnshardedRun() => AssertMergedEqualsUnsharded("run", CliRun.Small, "-n", "5");

    [Test]
    public void Compare_ShardsMerged_EqualTheUnshardedCompare() => AssertMergedEqualsUnsharded("compare", CliRun.Small, "-n", "3");

    [Test]
    public void Sweep_ShardsMerged_EqualTheUnshardedSweep() =>
        AssertMergedEqualsUnsharded("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,4", "--vary", "targetGroups[0].healthCheck.interval=5s,10s");

    [Test]
    public void Plan_ShardsMerged_EqualTheUnshardedPlan() =>
        AssertMergedEqualsUnsharded("plan", CliRun.Small, "-n", "2", "--demand", "100", "--instance-memory", "1GiB,2GiB", "--strategies", "in-place,graceful-restart");

    [Test]
    public void RunOfAPipeline_ShardsMerged_EqualTheUnshardedRun() => AssertMergedEqualsUnsharded("run", Pipeline, "-n", "3");

    [Test]
    public void CompareOfAPipeline_ShardsMerged_EqualTheUnshardedCompare() =>
        AssertMergedEqualsUnsharded("compare", Pipeline, "-n", "2", "--strategies", "in-place,blue-green");

    [Test]
    public void SweepOfAPipeline_ShardsMerged_EqualTheUnshardedSweep() =>
        AssertMergedEqualsUnsharded("sweep", Pipeline, "-n", "2", "--vary", "fleets[api].targetGroups[0].healthCheck.interval=10s,30s",
            "--set", "fleets[api].autoScaling.desiredCapacity=4", "--set", "fleets[api].autoScaling.minSize=4");

    [Test]
    public void PlanOfAPipelineFleet_ShardsMerged_EqualTheUnshardedPlan() =>
        AssertMergedEqualsUnsharded("plan", Pipeline, "--fleet", "workers", "-n", "1", "--demand", "50", "--instance-memory", "2GiB,4GiB",
            "--strategies", "in-place,graceful-restart");

    [Test]
    public void StreamedRun_OverTwentyThousandReplications_ShardsMergedEqualTheUnshardedRun() =>
        AssertMergedEqualsUnsharded("run", Tiny, "-n", "20001");

    [Test]
    public void Merge_ShardsGivenOneByOneAndTwice_EqualsTheUnshardedRun()
    {
        using var dir = new TempDirectory();
        string[] args = ["run", CliRun.Small, "-n", "4"];
        var full = Ok(CliRun.Run([.. args, "--out", dir.File("full"), "--json"]));
        for (int k = 1; k <= 2; k++) Ok(CliRun.Run([.. args, "--shard", $"{k}/2", "--out", dir.File("sh")]));
        Directory.CreateDirectory(dir.File("copy"));
        CopyDirectory(dir.File("sh/shard-1-of-2"), dir.File("copy/shard-1-of-2"));
        var merged = Ok(CliRun.Run("merge", dir.File("sh/shard-2-of-2"), dir.File("sh/shard-1-of-2"), dir.File("copy"), "--out", dir.File("m"), "--json"));
        Assert.That(merged.Out, Is.EqualTo(full.Out));
        AssertSameFiles(dir.File("full"), dir.File("m"));
    }

    [Test]
    public void Shard_RunTwice_OverwritesCleanly()
    {
        using var dir = new TempDirectory();
        string[] args = ["run", CliRun.Small, "-n", "3", "--shard", "1/2", "--out", dir.Path];
        Ok(CliRun.Run(args));
        var first = File.ReadAllBytes(dir.File("shard-1-of-2/rows.jsonl"));
        Ok(CliRun.Run(args));
        Assert.That(File.ReadAllBytes(dir.File("shard-1-of-2/rows.jsonl")), Is.EqualTo(first));
        Assert.That(Directory.GetFiles(dir.File("shard-1-of-2")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "rows.jsonl", "detail-0.json", "manifest.json" }));
    }

    internal static void AssertMergedEqualsUnsharded(params string[] args)
    {
        using var dir = new TempDirectory();
        string full = dir.File("full");
        var unsharded = Ok(CliRun.Run([.. args, "--out", full, "--json"]));
        foreach (int n in s_counts)
        {
            string shards = dir.File($"shards-{n}"), merged = dir.File($"merged-{n}");
            for (int k = 1; k <= n; k++) Ok(CliRun.Run([.. args, "--shard", $"{k}/{n}", "--out", shards]));
            var m = Ok(CliRun.Run(["merge", shards, "--out", merged, "--json"]));
            Assert.That(m.Out, Is.EqualTo(unsharded.Out), $"{n} shards: --json");
            AssertSameFiles(full, merged, $"{n} shards: ");
        }
    }

    internal static CliResult Ok(CliResult r)
    {
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        return r;
    }

    /// <summary>Every file byte for byte, apart from the provenance (of <c>summary.json</c> and <c>report.html</c>), which
    /// names the command line's --out and, merged, the shards; the merged one must list the shards.</summary>
    internal static void AssertSameFiles(string expected, string actual, string context = "")
    {
        static string[] Files(string d) => [.. Directory.GetFiles(d, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(d, f)).Order(StringComparer.Ordinal)];
        Assert.That(Files(actual), Is.EqualTo(Files(expected)), context + "file names");
        foreach (var f in Files(expected))
        {
            var (e, a) = (File.ReadAllBytes(Path.Combine(expected, f)), File.ReadAllBytes(Path.Combine(actual, f)));
            switch (Path.GetFileName(f))
            {
                case "summary.json":
                    var (merged, unsharded) = (JsonNode.Parse(a)!.AsObject(), JsonNode.Parse(e)!.AsObject());
                    if (unsharded.ContainsKey("provenance"))
                        Assert.That(merged["provenance"]?["shards"], Is.Not.Null, context + f + ": the shards merged");
                    Assert.That(WithoutProvenance(merged), Is.EqualTo(WithoutProvenance(unsharded)), context + f);
                    break;
                case "report.html":
                    if (Encoding.UTF8.GetString(e).Contains("<h2>Provenance</h2>", StringComparison.Ordinal))
                        Assert.That(Encoding.UTF8.GetString(a), Does.Contain("merged: "), context + f + ": the shards merged");
                    Assert.That(ProvenanceSection().Replace(Encoding.UTF8.GetString(a), ""), Is.EqualTo(ProvenanceSection().Replace(Encoding.UTF8.GetString(e), "")), context + f);
                    break;
                default:
                    Assert.That(a.SequenceEqual(e), Is.True, context + f);
                    break;
            }
        }
    }

    private static string WithoutProvenance(JsonObject summary)
    {
        summary.Remove("provenance");
        return summary.ToJsonString();
    }

    [GeneratedRegex("<h2>Provenance</h2>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex ProvenanceSection();

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
