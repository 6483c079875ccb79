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
}
