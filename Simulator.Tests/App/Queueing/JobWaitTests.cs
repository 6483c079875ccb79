using DeploySim.App.Queueing;
using DeploySim.Model;
using DeploySim.Tests.Model;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.App.Queueing;

/// <summary>A worker fleet's jobs wait B / C in the FIFO queue (docs/model.md#job-waits).</summary>
public sealed class JobWaitTests
{
    [Test]
    public void Quantiles_OfEvenlySpreadWaits()
    {
        var waits = new JobWaits();
        waits.Add(300, 0, 0);          // 300 jobs that did not wait
        waits.Add(100, 0, 100);        // 100 spread evenly over 0-100 s
        Assert.Multiple(() =>
        {
            Assert.That(waits.Quantile(0.5), Is.Zero);
            Assert.That(waits.Quantile(0.9), Is.EqualTo(60).Within(1e-6), "the 90th percentile: 40 of the 100 waited longer than 60 s");
            Assert.That(waits.MaxSeconds, Is.EqualTo(100));
            Assert.That(new JobWaits().Quantile(0.5), Is.NaN);
        });
    }

    [Test]
    public void Burst_AboveCapacity_JobsWaitBehindTheBacklog()
    {
        // 2 instances × 5 workers × 10 jobs/s = 100 jobs/s against 50, quadrupled for 2 min: the backlog grows at
        // 100/s to 12,000 (a 120 s wait) and drains at 50/s in 240 s. Of the 198,000 jobs of the hour 36,000 wait,
        // evenly 0-120 s: the 99th percentile is 120 × (1 − 0.01 × 198,000 / 36,000) = 113.4 s.
        var s = ScenarioTestSupport.Load("name: jobs\nkind: worker\nhorizon: 1h\nautoScaling: { desiredCapacity: 2, minSize: 2, maxSize: 2, healthCheckType: EC2 }\n"
            + "unicorn: { workers: 5, requestsPerSecondPerWorker: 10 }\ntraffic:\n  requestsPerSecond: 50\n  bursts: [{ at: 20m, for: 2m, factor: 4, ramp: 1ms }]\n"
            + "deployment: { startAt: never }\n");
        var r = ScenarioRunner.RunOne(s, detail: false).Result;
        TestContext.Out.WriteLine($"p50 {r.JobWaitP50Seconds} s, p99 {r.JobWaitP99Seconds} s, max {r.MaxJobWaitSeconds} s, peak backlog {r.PeakBacklog}");
        Assert.Multiple(() =>
        {
            Assert.That(r.PeakBacklog, Is.EqualTo(12_000).Within(1).Percent);
            Assert.That(r.MaxJobWaitSeconds, Is.EqualTo(120).Within(1).Percent);
            Assert.That(r.JobWaitP99Seconds, Is.EqualTo(113.4).Within(1).Percent);
            Assert.That(r.JobWaitP50Seconds, Is.Zero);
        });
    }

    [Test]
    public void WebFleet_HasNoJobWaits() =>
        Assert.That(ScenarioRunner.RunOne(Fleets.Article(), detail: false).Result.JobWaitP99Seconds, Is.NaN);
}
