using DeploySim.App.Queueing;
using DeploySim.Engine;

namespace DeploySim.Tests.App.Queueing;

/// <summary>The fast model against the request-level reference (<c>traffic.mode: requests</c>) on 4 targets of 8
/// workers: p50 and p99 in steady state, 502 and 504 counts through an overload window.</summary>
[Parallelizable(ParallelScope.Children)]   // long cases: each runs beside the other fixtures
public sealed class FastModelAgainstReferenceTests
{
    private static ServiceTime Service(string kind) => new(kind == "exponential" ? Distribution.Exponential(136) : Distribution.LogNormal(80, 300));

    [TestCase("exponential", Routing.RoundRobin, 0.5)]
    [TestCase("exponential", Routing.RoundRobin, 0.8)]
    [TestCase("exponential", Routing.RoundRobin, 0.95)]
    [TestCase("lognormal", Routing.RoundRobin, 0.5)]
    [TestCase("lognormal", Routing.RoundRobin, 0.8)]
    [TestCase("lognormal", Routing.RoundRobin, 0.95)]
    [TestCase("lognormal", Routing.LeastOutstandingRequests, 0.5)]
    [TestCase("lognormal", Routing.LeastOutstandingRequests, 0.8)]
    [TestCase("lognormal", Routing.LeastOutstandingRequests, 0.95)]
    public void SteadyState_PercentilesWithinTenPercent(string service, Routing routing, double rho)
    {
        var s = Service(service);
        var settings = new QueueSettings(s, 1024, 60_000, routing);
        double perMs = rho * 4 * 8 / s.MeanMs;
        var (fast, reference) = ReferenceComparison.Run(settings, [8, 8, 8, 8], [(60_000, perMs, false), (rho > 0.9 ? 6_000_000 : 1_200_000, perMs, true)]);
        TestContext.Out.WriteLine($"{service} {routing} rho={rho}: p50 fast {fast.P50:F1} ref {reference.P50:F1}; p99 fast {fast.P99:F1} ref {reference.P99:F1} ({reference.Counts.Succeeded} requests)");
        Assert.That(fast.P50, Is.EqualTo(reference.P50).Within(10).Percent, "p50");
        Assert.That(fast.P99, Is.EqualTo(reference.P99).Within(10).Percent, "p99");
    }

    [TestCase(0.5)]
    [TestCase(0.8)]
    [TestCase(0.95)]
    public void OneTargetPoissonExponential_ReferenceAndFastModelMatchErlangC(double rho)
    {
        var s = Service("exponential");
        var settings = new QueueSettings(s, 1024, 60_000, Routing.RoundRobin);
        double perMs = rho * 8 / s.MeanMs;
        var (fast, reference) = ReferenceComparison.Run(settings, [8], [(60_000, perMs, false), (rho > 0.9 ? 12_000_000 : 2_400_000, perMs, true)]);
        double p50 = ErlangC.SojournQuantile(8, perMs, s.RatePerMs, 0.5), p99 = ErlangC.SojournQuantile(8, perMs, s.RatePerMs, 0.99);
        TestContext.Out.WriteLine($"M/M/8 rho={rho}: p50 exact {p50:F1} fast {fast.P50:F1} ref {reference.P50:F1}; p99 exact {p99:F1} fast {fast.P99:F1} ref {reference.P99:F1}");
        Assert.That(fast.P50, Is.EqualTo(p50).Within(1e-6).Percent);
        Assert.That(fast.P99, Is.EqualTo(p99).Within(1e-6).Percent);
        Assert.That(reference.P50, Is.EqualTo(p50).Within(10).Percent);
        Assert.That(reference.P99, Is.EqualTo(p99).Within(10).Percent);
    }

    [TestCase(128, 60_000, Routing.RoundRobin, TestName = "Overload_FullQueues_502sWithinTenPercent")]
    [TestCase(1024, 5_000, Routing.RoundRobin, TestName = "Overload_LongWaits_504sWithinTenPercent")]
    [TestCase(256, 3_000, Routing.RoundRobin, TestName = "Overload_Both_502sAnd504sWithinTenPercent")]
    [TestCase(256, 3_000, Routing.LeastOutstandingRequests, TestName = "Overload_LeastOutstanding_502sAnd504sWithinTenPercent")]
    public void Overload_ErrorCountsWithinTenPercent(int backlog, double timeoutMs, Routing routing)
    {
        // 4 targets of 8 workers (235 rps): 60 s at 70 %, then 2 min at 130 % and 2 min back at 70 %, both measured.
        var s = Service("lognormal");
        var settings = new QueueSettings(s, backlog, timeoutMs, routing);
        double full = 4 * 8 / s.MeanMs;
        var (fast, reference) = ReferenceComparison.Run(settings, [8, 8, 8, 8],
            [(60_000, 0.7 * full, false), (120_000, 1.3 * full, true), (120_000, 0.7 * full, true)]);
        TestContext.Out.WriteLine($"K={backlog} timeout={timeoutMs} {routing}: 502 fast {fast.Counts.Http502:F0} ref {reference.Counts.Http502}; 504 fast {fast.Counts.Http504:F0} ref {reference.Counts.Http504}; arrived fast {fast.Counts.Arrived:F0} ref {reference.Counts.Arrived}");
        Assert.That(fast.Counts.Http502 + fast.Counts.Http504, Is.GreaterThan(1000), "an overload window makes errors");
        Assert.That(fast.Counts.Http502, Is.EqualTo(reference.Counts.Http502).Within(10).Percent.Or.EqualTo(reference.Counts.Http502).Within(50), "502");
        Assert.That(fast.Counts.Http504, Is.EqualTo(reference.Counts.Http504).Within(10).Percent.Or.EqualTo(reference.Counts.Http504).Within(50), "504");
    }
}
