using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>A pipeline run's --out directory has report.html too, holding every plot written (the pipeline lane and
/// each fleet's plots), and summary.json ends with provenance.</summary>
public sealed class PipelineReportHtmlTests
{
    [Test]
    public void Run_PipelineScenarioWithOut_ReportHoldsEveryPlot()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "-n", "2", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        var html = File.ReadAllText(Path.Combine(dir.Path, "report.html"));
        var plots = Directory.GetFiles(dir.Path, "*.svg", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/')[..^4]).ToList();
        Assert.That(plots, Does.Contain("pipeline").And.Some.StartsWith("fleets/"));
        foreach (var plot in plots) Assert.That(html, Does.Contain($"data-plot=\"{plot}\""), plot);
        Assert.That(File.Exists(Path.Combine(dir.Path, "scenario.resolved.yaml")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, "summary.json")), Does.Contain("\"provenance\""));
    }

    /// <summary>The stages, the critical path and the per-fleet rows reach report.html and every --format, not only
    /// the boxed console (they were drawn straight to the console before).</summary>
    [Test]
    public void Run_PipelineScenario_FleetAndStageTablesInTheReportAndInMarkdown()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "-n", "2", "--out", dir.Path, "--format", "markdown");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        var html = File.ReadAllText(Path.Combine(dir.Path, "report.html"));
        Assert.Multiple(() =>
        {
            Assert.That(r.Out, Does.Contain("| stage: action |").And.Contain("| fleet | kind | strategy |").And.Contain("critical path: "));
            Assert.That(html, Does.Contain("stage: action").And.Contain("critical path: ").And.Contain("rollout p50 (s)"));
        });
    }

    /// <summary>A scenario with a warm pool shows what a scale-out costs each fleet side by side, and its report asks
    /// about scale-outs, not a rollout that never runs.</summary>
    [Test]
    public void Run_WarmPoolScenario_ScaleOutTablePerFleet()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", Path.Combine(CliRun.ScenariosDirectory, "warm-pool.yaml"), "-n", "2", "--out", dir.Path, "--format", "markdown");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        var row = r.Out.Split('\n').Single(l => l.StartsWith("| warm |", StringComparison.Ordinal) && l.Split('|').Length == 9);
        var html = File.ReadAllText(Path.Combine(dir.Path, "report.html"));
        Assert.Multiple(() =>
        {
            Assert.That(r.Out, Does.Contain("| fleet: scale-out | to serving p50 (s), median run |"));
            Assert.That(row.Split('|')[5].Trim(), Is.EqualTo("0"), "the warm fleet launches nothing: " + row);
            Assert.That(html, Does.Contain("fleet: scale-out").And.Contain("No deployment runs in warm-pool (fleets cold, warm)"));
        });
    }
}
