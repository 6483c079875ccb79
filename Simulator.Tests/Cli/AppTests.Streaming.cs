using DeploySim.Cli;
using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Running;

namespace DeploySim.Tests.Cli;

/// <summary>Large replication counts stream their rows to disk; the results are the same bytes as a kept run.</summary>
public sealed class AppStreamingTests
{
    [Test]
    public void RunOrdered_ParallelWithASmallWindow_ConsumesInOrderWhatRunReturns()
    {
        var expected = Replications.Run(200, () => 0, (_, i) => i * 7919 % 1000, 1);
        var seen = new List<int>();
        var order = new List<int>();
        Replications.RunOrdered(200, () => 0, (_, i) => i * 7919 % 1000, (i, r) => { order.Add(i); seen.Add(r); }, degreeOfParallelism: 2, window: 3);
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 200)));
        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public void RunStreaming_SummaryEqualsAKeptRun()
    {
        var s = DeploySim.Scenarios.ScenarioLoader.Load(CliRun.Small) with { Replications = 12 };
        var kept = ScenarioRunner.Run(s, 2);
        var rows = new List<DeploySim.Metrics.ReplicationResult>();
        var streamed = DeploySim.Running.Runner.RunStreaming(s, r => rows.Add(r.Combined), 2);
        Assert.That(DeploySim.Reporting.JsonReport.Run(streamed.Summary), Is.EqualTo(DeploySim.Reporting.JsonReport.Run(kept.Summary)));
        Assert.That(rows.Select(r => r.TraceFingerprint), Is.EqualTo(kept.Replications.Select(r => r.TraceFingerprint)));
    }

    [Test]
    public void RunStreaming_PipelineScenario_SummaryEqualsAKeptRunsCombinedSummary()
    {
        var s = DeploySim.Scenarios.ScenarioLoader.Load(Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml")) with { Replications = 3 };
        var kept = DeploySim.Running.Runner.Run(s, 2);
        var rows = new List<DeploySim.Running.ScenarioReplication>();
        var streamed = DeploySim.Running.Runner.RunStreaming(s, rows.Add, 2);
        Assert.That(DeploySim.Reporting.JsonReport.Run(streamed.Summary), Is.EqualTo(DeploySim.Reporting.JsonReport.Run(kept.Summary)));
        Assert.That(streamed.Summary.Metrics[0].Key, Is.EqualTo("mergeToLiveSeconds"));
        Assert.That(rows.Select(r => r.CriticalFleet), Is.EqualTo(kept.ReplicationRuns.Select(r => r.CriticalFleet)));
    }

    [Test]
    public void Run_AboveTheStreamingThreshold_WritesTheSameFilesAsAKeptRun()
    {
        string kept = Path.Combine(Path.GetTempPath(), "deploysim-kept-" + Guid.NewGuid().ToString("N"));
        string streamed = Path.Combine(Path.GetTempPath(), "deploysim-streamed-" + Guid.NewGuid().ToString("N"));
        try
        {
            var a = CliRun.Run("run", CliRun.Small, "-n", "8", "--json", "--out", kept);
            var b = CliRun.RunWithEnvironment(new Dictionary<string, string> { ["DEPLOYSIM_STREAM_ABOVE"] = "4" },
                "run", CliRun.Small, "-n", "8", "--json", "--out", streamed);
            Assert.That(b.ExitCode, Is.Zero, b.ToString());
            Assert.That(b.Out, Is.EqualTo(a.Out));
            foreach (var file in new[] { "replications.csv", "summary.csv", "timeline.csv", "series.csv" })
                Assert.That(File.ReadAllText(Path.Combine(streamed, file)), Is.EqualTo(File.ReadAllText(Path.Combine(kept, file))), file);
            // summary.json: the same results; the provenance differs only in the --out in its command line.
            Assert.That(Provenance.Without(File.ReadAllText(Path.Combine(streamed, "summary.json"))),
                Is.EqualTo(Provenance.Without(File.ReadAllText(Path.Combine(kept, "summary.json")))));
            Assert.That(File.Exists(Path.Combine(streamed, "report.html")), Is.True);
        }
        finally
        {
            foreach (var d in new[] { kept, streamed }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
