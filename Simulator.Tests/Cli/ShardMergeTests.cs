using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>Shards merged equal the unsharded command byte for byte: every file of --out (CSV, JSON, PNG, SVG) and the
/// --json document, for 1, 2, 3 and 7 shards.</summary>
public sealed class ShardMergeTests
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

    /// <remarks>Out of process: 100,000 replications in the test process would bring the model's code to a JIT tier
    /// that allocates less than the golden files' steady-state figure records.</remarks>
    [Test]
    public void StreamedRun_OverTwentyThousandReplications_ShardsMergedEqualTheUnshardedRun() =>
        AssertMergedEqualsUnsharded(OutOfProcess, "run", Tiny, "-n", "20001");

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

    internal static void AssertMergedEqualsUnsharded(params string[] args) => AssertMergedEqualsUnsharded(CliRun.Run, args);

    private static void AssertMergedEqualsUnsharded(Func<string[], CliResult> deploysim, params string[] args)
    {
        using var dir = new TempDirectory();
        string full = dir.File("full");
        var unsharded = Ok(deploysim([.. args, "--out", full, "--json"]));
        foreach (int n in s_counts)
        {
            string shards = dir.File($"shards-{n}"), merged = dir.File($"merged-{n}");
            for (int k = 1; k <= n; k++) Ok(deploysim([.. args, "--shard", $"{k}/{n}", "--out", shards]));
            var m = Ok(deploysim(["merge", shards, "--out", merged, "--json"]));
            Assert.That(m.Out, Is.EqualTo(unsharded.Out), $"{n} shards: --json");
            AssertSameFiles(full, merged, $"{n} shards: ");
        }
    }

    /// <summary>Runs the built tool in its own process (<c>dotnet deploysim.dll</c>).</summary>
    internal static CliResult OutOfProcess(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(DeploySim.Cli.App).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout, stderr.Result);
    }

    internal static CliResult Ok(CliResult r)
    {
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        return r;
    }

    internal static void AssertSameFiles(string expected, string actual, string context = "")
    {
        static string[] Files(string d) => [.. Directory.GetFiles(d, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(d, f)).Order(StringComparer.Ordinal)];
        Assert.That(Files(actual), Is.EqualTo(Files(expected)), context + "file names");
        foreach (var f in Files(expected))
        {
            if (Path.GetFileName(f) == "report.html")
            {
                // Byte-identical apart from the provenance block (the last section: command line, shards merged).
                Assert.That(WithoutProvenance(Path.Combine(actual, f)), Is.EqualTo(WithoutProvenance(Path.Combine(expected, f))), context + f);
                continue;
            }
            if (Path.GetFileName(f) == "summary.json")
            {
                Assert.That(JsonWithoutProvenance(Path.Combine(actual, f)), Is.EqualTo(JsonWithoutProvenance(Path.Combine(expected, f))), context + f);
                continue;
            }
            Assert.That(File.ReadAllBytes(Path.Combine(actual, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(expected, f))), Is.True, context + f);
        }
    }

    private static string JsonWithoutProvenance(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        if (node is System.Text.Json.Nodes.JsonObject o) o.Remove("provenance");
        return node.ToJsonString();
    }

    private static string WithoutProvenance(string html)
    {
        string text = File.ReadAllText(html);
        int at = text.IndexOf("<h2>Provenance</h2>", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), html + " has a provenance section");
        return text[..at];
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
