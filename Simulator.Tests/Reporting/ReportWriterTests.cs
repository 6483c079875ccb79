using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Reporting;

public sealed class ReportWriterTests
{
    private static readonly byte[] s_pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static string[] Names(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();

    private static string[] WithPlots(params string[] plots) => plots.SelectMany(p => new[] { p + ".png", p + ".svg" }).ToArray();

    private static void AssertImagesValid(string dir)
    {
        foreach (var png in Directory.GetFiles(dir, "*.png", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(png);
            Assert.That(bytes, Has.Length.GreaterThan(5_000), png);
            Assert.That(bytes.Take(8), Is.EqualTo(s_pngSignature), png);
        }
        foreach (var svg in Directory.GetFiles(dir, "*.svg", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(svg);
            Assert.That(text, Does.StartWith("<?xml").Or.StartWith("<svg"), svg);
            Assert.That(text.TrimEnd(), Does.EndWith("</svg>"), svg);
            Assert.That(text, Does.Contain("<text").Or.Contain("<path"), svg);
        }
    }

    [Test]
    public void WriteRun_DetailAndTenReplications_WritesTheFullSetWithSummaryJsonLast()
    {
        using var dir = new TempDirectory();
        var results = ReportFixtures.Results(10);

        var written = ReportWriter.WriteRun(dir.Path, ReportFixtures.Scenario(), ReportFixtures.Summary(), results, ReportFixtures.Detail(), capacityBand: false);

        string[] expected =
        [
            "summary.csv", "replications.csv", "timeline.csv", "series.csv", "memory.csv",
            .. WithPlots("capacity", "timeline", "memory", "rollout-histogram"), "summary.json",
        ];
        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(expected));
        Assert.That(Names(dir.Path), Is.EquivalentTo(expected), "no temporary files left");
        AssertImagesValid(dir.Path);
    }

    [Test]
    public void WriteRun_OneReplicationWithoutDetail_WritesNoPlots()
    {
        using var dir = new TempDirectory();

        var written = ReportWriter.WriteRun(dir.Path, ReportFixtures.Scenario(), ReportFixtures.Summary(replications: 1), ReportFixtures.Results(1), detail: null);

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "summary.csv", "replications.csv", "summary.json" }));
    }

    [Test]
    public void WriteRun_EmptyDetailAndNaNFigures_StillWritesEveryFile()
    {
        using var dir = new TempDirectory();
        var results = ReportFixtures.Results(3).Select(r => r with { RolloutSeconds = double.NaN, PeakMemoryPct = double.PositiveInfinity }).ToList();
        var summary = DeploySim.Metrics.RunSummary.From(ReportFixtures.Scenario(), results);

        var written = ReportWriter.WriteRun(dir.Path, ReportFixtures.Scenario(), summary, results, new DeploySim.Metrics.ReplicationDetail());

        Assert.That(written, Has.Count.EqualTo(14));
        AssertImagesValid(dir.Path);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        Assert.That(json.RootElement.GetProperty("metrics").GetProperty("peakMemoryPct").GetProperty("max").ValueKind,
            Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public void WriteRun_MissingDirectory_CreatesIt()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "a", "b");

        ReportWriter.WriteRun(nested, ReportFixtures.Scenario(), ReportFixtures.Summary(replications: 1), ReportFixtures.Results(1), null);

        Assert.That(File.Exists(Path.Combine(nested, "summary.json")), Is.True);
    }

    [Test]
    public void WriteRun_TwiceAndUnderACommaCulture_EveryFileIsByteIdentical()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        void Write(string dir) => ReportWriter.WriteRun(dir, ReportFixtures.Scenario(), ReportFixtures.Summary(scale: 1.3),
            ReportFixtures.Results(10, scale: 1.3), ReportFixtures.Detail(stretch: 1.37));

        Write(a.Path);
        Write(b.Path);
        CommaCulture.Run(() =>
        {
            Write(c.Path);
            return 0;
        });

        Assert.That(Names(b.Path), Is.EqualTo(Names(a.Path)));
        Assert.That(Names(c.Path), Is.EqualTo(Names(a.Path)));
        foreach (var name in Names(a.Path))
        {
            var expected = File.ReadAllBytes(Path.Combine(a.Path, name));
            Assert.That(File.ReadAllBytes(Path.Combine(b.Path, name)), Is.EqualTo(expected), name);
            Assert.That(File.ReadAllBytes(Path.Combine(c.Path, name)), Is.EqualTo(expected), name + " under a comma culture");
        }
    }

    [Test]
    public void WriteCompare_EveryStrategy_WritesCompareSetAndOneRunSetPerStrategy()
    {
        using var dir = new TempDirectory();
        var runs = Enum.GetValues<StrategyKind>().Select((s, i) => new RunReport(
            ReportFixtures.Scenario(strategy: s), ReportFixtures.Summary(strategy: s, replications: 5, scale: 1 + 0.3 * i),
            ReportFixtures.Results(5, scale: 1 + 0.3 * i), ReportFixtures.Detail(stretch: 1 + 0.3 * i))).ToList();

        var written = ReportWriter.WriteCompare(dir.Path, runs);

        var top = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        string[] expected = ["summary.csv", .. WithPlots("compare-capacity", "compare-metrics"), "summary.json"];
        Assert.That(top, Is.EqualTo(expected.Order(StringComparer.Ordinal)));
        Assert.That(Directory.GetDirectories(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "in-place", "blue-green", "graceful-restart", "instance-refresh" }));
        Assert.That(File.Exists(Path.Combine(dir.Path, "blue-green", "capacity.png")), Is.True);
        Assert.That(Path.GetFileName(written[^1]), Is.EqualTo("summary.json"));
        Assert.That(Path.GetDirectoryName(written[^1]), Is.EqualTo(dir.Path));
        AssertImagesValid(dir.Path);
    }

    [TestCase(1, true, TestName = "WriteSweep_OneParameter_WritesLineCharts")]
    [TestCase(2, true, TestName = "WriteSweep_TwoParameters_WritesHeatmaps")]
    [TestCase(3, false, TestName = "WriteSweep_ThreeParameters_WritesNoPlot")]
    public void WriteSweep(int parameters, bool plotted)
    {
        using var dir = new TempDirectory();
        var sets = (from w in new[] { "2", "4", "8" } from m in new[] { "4", "6" }
                    select new[] { $"unicorn.workers={w}", $"asg.maxSize={m}", "traffic.peak=140" }.Take(parameters).ToArray())
            .DistinctBy(s => string.Join(";", s)).ToArray();

        var written = ReportWriter.WriteSweep(dir.Path, ReportFixtures.Sweep(sets));

        string[] expected = plotted ? ["summary.csv", .. WithPlots("sweep"), "summary.json"] : ["summary.csv", "summary.json"];
        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(expected));
        AssertImagesValid(dir.Path);
    }

    [Test]
    public void WritePlan_Rows_WritesCsvPlotAndJson()
    {
        using var dir = new TempDirectory();

        var written = ReportWriter.WritePlan(dir.Path, ReportFixtures.Plan());

        Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { "summary.csv", "plan.png", "plan.svg", "summary.json" }));
        AssertImagesValid(dir.Path);
    }
}
