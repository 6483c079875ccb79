using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>--out writes each command's file set (the names only: the reporting tests check the contents).</summary>
public sealed partial class AppTests
{
    private static string[] Plots(params string[] names) => names.SelectMany(n => new[] { n + ".png", n + ".svg" }).ToArray();

    private static readonly string[] s_runFiles =
    [
        "summary.json", "summary.csv", "replications.csv", "timeline.csv", "series.csv", "memory.csv", "capacity-band.csv",
        .. Plots("capacity", "timeline", "memory", "capacity-band", "rollout-histogram"),
    ];

    /// <summary>What every top-level --out directory also holds.</summary>
    private static readonly string[] s_shared = ["report.html", "scenario.resolved.yaml"];

    private static string[] Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).ToArray();

    [Test]
    public void Run_Out_WritesTheRunFileSetAndStillPrintsTheTable()
    {
        using var dir = new TempDirectory();
        string outDir = Path.Combine(dir.Path, "new", "out");

        var r = CliRun.Run("run", CliRun.Small, "-n", "2", "--out", outDir);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(Files(outDir), Is.EquivalentTo(s_runFiles.Concat(s_shared)));
        Assert.That(r.Out, Does.Contain("small-fleet: in-place").And.Contain($"Wrote {s_runFiles.Length + s_shared.Length} files to {outDir}"));
    }

    [Test]
    public void Run_OutAndJson_WritesFilesAndStdoutIsTheSameJsonAsSummaryJson()
    {
        using var dir = new TempDirectory();

        var r = CliRun.Run("run", CliRun.Small, "-n", "2", "--out", dir.Path, "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Is.EqualTo(Provenance.Without(File.ReadAllText(dir.File("summary.json")))));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public void Compare_Out_WritesTheCompareSetAndOneRunSetPerStrategy()
    {
        using var dir = new TempDirectory();

        var r = CliRun.Run("compare", CliRun.Small, "-n", "2", "--strategies", "in-place,graceful-restart", "--out", dir.Path, "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        string[] expected =
        [
            "summary.json", "summary.csv", .. Plots("compare-capacity", "compare-metrics"), .. s_shared,
            .. s_runFiles.Select(f => "in-place/" + f), .. s_runFiles.Select(f => "graceful-restart/" + f),
        ];
        Assert.That(Files(dir.Path), Is.EquivalentTo(expected));
    }

    [Test]
    public void Sweep_Out_WritesTheSweepSet()
    {
        using var dir = new TempDirectory();

        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,4", "--out", dir.Path, "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        string[] expected = ["summary.json", "summary.csv", .. Plots("sweep"), .. s_shared];
        Assert.That(Files(dir.Path), Is.EquivalentTo(expected));
    }

    [Test]
    public void Plan_Out_WritesThePlanSet()
    {
        using var dir = new TempDirectory();

        var r = CliRun.Run("plan", CliRun.Small, "--demand", "100", "--strategies", "in-place", "-n", "2", "--out", dir.Path, "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        string[] expected = ["summary.json", "summary.csv", .. Plots("plan"), .. s_shared];
        Assert.That(Files(dir.Path), Is.EquivalentTo(expected));
    }

    [Test]
    public void Run_InvalidScenarioWithOut_WritesNothing()
    {
        using var dir = new TempDirectory();
        string outDir = Path.Combine(dir.Path, "out");

        var r = CliRun.Run("run", CliRun.Broken, "--out", outDir);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        Assert.That(Directory.Exists(outDir), Is.False);
    }
}
