using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;

namespace DeploySim.Tests.Reporting;

/// <summary>Tables and the report speak with human labels and units, never a raw JSON key (issue 14): every metric a
/// shipped scenario's summary reports has a label of its own.</summary>
public sealed class MetricLabelTests
{
    [TestCase("bad-revision-blue-green.yaml", TestName = "MetricLabel_BadRevisionMetrics_AreLabelled")]
    [TestCase("latency-article.yaml", TestName = "MetricLabel_LatencyMetrics_AreLabelled")]
    [TestCase("pipeline-article.yaml", TestName = "MetricLabel_PipelineAndWorkerMetrics_AreLabelled")]
    public void MetricLabel_EveryMetricOfTheSummary_IsAHumanLabel(string file)
    {
        var s = ScenarioLoader.Load(Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", file)) with { Replications = 1 };
        var run = DeploySim.Running.Runner.Run(s);

        var keys = run.Summary.Metrics.Select(m => m.Key).Concat(run.Fleets.SelectMany(f => f.Summary.Metrics.Select(m => m.Key))).Distinct().ToList();
        foreach (var key in keys)
        {
            string label = DeploySim.Reporting.ReportNames.MetricLabel(key);
            Assert.That(label, Does.Not.Match(@"[a-z]\.[a-z]"), $"{key}: no dotted path");
            Assert.That(label, Does.Not.Match("[a-z][A-Z]"), $"{key}: no camelCase");
        }
        var labels = DeploySim.Reporting.ConsoleTables.RunReport(run.Summary).Tables.First().Rows.Select(r => r[0]).ToList();
        Assert.That(labels.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "[a-z][A-Z]")), Is.Empty, "the run's metrics table (lifecycle events keep their AWS names in the next)");
    }

    [Test]
    public void CapacityPlot_WorkerFleet_SpeaksOfJobsPerSecond()
    {
        using var dir = new TempDirectory();
        var r = DeploySim.Tests.Cli.CliRun.Run("run", Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "pipeline-article.yaml"), "-n", "1", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());

        string workers = File.ReadAllText(Path.Combine(dir.Path, "fleets", "workers", "capacity.svg"));
        Assert.That(workers, Does.Contain("jobs per second").And.Contain("processing capacity").And.Not.Contain("requests per second"));
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, "fleets", "api", "capacity.svg")), Does.Contain("requests per second"));
    }

    [Test]
    public void Compare_BadRevision_TableShowsDetectionRecoveryAndFailedRequests()
    {
        var r = DeploySim.Tests.Cli.CliRun.Run("compare", Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "bad-revision-blue-green.yaml"),
            "-n", "2", "--strategies", "in-place,blue-green");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("time to detect the bad revision, p50").And.Contain("time to recover from it, p50")
            .And.Contain("requests failed by the bad revision, mean"));
    }
}
