using DeploySim.Reporting.Plots;

namespace DeploySim.Tests.Cli;

/// <summary><c>sweep --metrics</c> picks the sweep plot's panels (issue 14): the success rate first, then the named
/// metrics in order; an unknown key is a usage error naming it and the choices.</summary>
public sealed class SweepMetricsTests
{
    [Test]
    public void Panels_NamedMetrics_SuccessRateFirstThenTheNamedInOrder()
    {
        var rows = DeploySim.Tests.Reporting.ReportFixtures.Sweep(["unicorn.workers=2"], ["unicorn.workers=3"], ["unicorn.workers=4"]);
        var panels = SweepPlots.Panels(rows, ["peakMemoryPct", "instanceHours"]);
        Assert.That(panels.Select(p => p.Metric), Is.EqualTo(new[] { "successRate", "peakMemoryPct", "instanceHours" }));
    }

    [Test]
    public void Sweep_WithMetrics_DrawsThosePanelsInTheWrittenPlot()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,3", "--metrics", "peakMemoryPct", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        string svg = File.ReadAllText(Path.Combine(dir.Path, "sweep.svg"));
        Assert.That(svg, Does.Contain("success rate (%)").And.Contain("peak memory (% of instance)"));
        Assert.That(svg, Does.Not.Contain("instance-hours"));
    }

    [Test]
    public void Sweep_UnknownMetric_IsAUsageErrorNamingItAndTheChoices()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,3", "--metrics", "p99");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.Contain("deploysim:").And.Contain("unknown metric 'p99'").And.Contain("peakMemoryPct"));
    }
}
