using DeploySim.App.Queueing;
using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.App.Queueing;

/// <summary>A health check reads its class's backlog ahead of the last integration (issue 17's cost): the answer must be
/// the one an integration up to the check would give, whether the queue builds, sits at the limit or drains.</summary>
public sealed class HealthCheckAheadTests
{
    private static LatencyTracker Tracker() =>
        new(new LatencySpec { ServiceTime = Distribution.LogNormal(80, 300), Backlog = 256, Timeout = SimDuration.FromSeconds(3) });

    // 8 workers at 80 ms median (mean about 118 ms): capacity about 68 rps. Loads below and above it, from an empty
    // queue and from a backlog an overload left (built at 150 rps for 10 s first).
    [TestCase(40.0, false, 1_000.0)]
    [TestCase(40.0, true, 1_000.0)]
    [TestCase(40.0, true, 30_000.0)]
    [TestCase(90.0, false, 500.0)]
    [TestCase(90.0, false, 20_000.0)]
    [TestCase(150.0, false, 60_000.0)]
    [TestCase(150.0, true, 2_000.0)]
    [TestCase(68.0, true, 5_000.0)]
    public void AnswerAhead_EqualsTheAnswerAfterIntegrating(double rps, bool fromBacklog, double aheadMs)
    {
        const int servers = 8, cls = 0;
        var integrated = Tracker();
        var ahead = Tracker();
        foreach (var t in new[] { integrated, ahead })
        {
            t.BeginInterval();
            t.Advance(cls, 1, servers, fromBacklog ? 150 : 30, 1, 10, inWindow: false);
        }
        integrated.BeginInterval();
        integrated.Advance(cls, 1, servers, rps, 1, aheadMs / 1000, inWindow: false);
        for (double timeoutMs = 200; timeoutMs <= 6_400; timeoutMs *= 2)
            foreach (double u in new[] { 0.01, 0.5, 0.99 })
                Assert.That(ahead.AnswersHealthCheckAhead(cls, servers, rps / 1000, 1, aheadMs, timeoutMs, u),
                    Is.EqualTo(integrated.AnswersHealthCheck(cls, servers, timeoutMs, u)), $"timeout {timeoutMs} ms, u {u}");
    }
}
