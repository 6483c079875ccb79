using DeploySim.App.Queueing;

namespace DeploySim.Tests.App.Queueing;

/// <summary>Runs the fast model and the request-level reference on the same targets and load schedule.</summary>
internal static class ReferenceComparison
{
    public sealed record Outcome(double P50, double P99, RequestCounts Counts);

    /// <summary>(duration ms, demand per ms, measured) segments, run in order on <paramref name="workers"/>.Length
    /// targets; both models count and time only the requests that arrive in measured segments.</summary>
    public static (Outcome Fast, Outcome Reference) Run(QueueSettings settings, int[] workers, (double Ms, double PerMs, bool Measure)[] segments, ulong seed = 7)
    {
        var mix = new LatencyMixture();
        var unmeasured = new LatencyMixture();
        var net = new QueueNetwork(settings);
        var sim = new RequestSimulator(settings, seed);
        for (int i = 0; i < workers.Length; i++)
        {
            net.SetTarget(i, workers[i], 1);
            sim.SetTarget(i, workers[i], 1);
        }
        var measured = new RequestCounts();
        foreach (var (ms, perMs, measure) in segments)
        {
            var before = net.Counts;
            net.Advance(ms, perMs, measure ? mix : unmeasured);
            var after = net.Counts;
            if (measure)
            {
                measured.Arrived += after.Arrived - before.Arrived;
                measured.Succeeded += after.Succeeded - before.Succeeded;
                measured.Http502 += after.Http502 - before.Http502;
                measured.Http504 += after.Http504 - before.Http504;
            }
            sim.Measuring = measure;
            sim.Run(ms, perMs);
        }
        sim.Measuring = false;
        sim.Run(settings.TimeoutMs * 4, 0);     // let the measured requests finish
        var sorted = sim.Latencies.Order().ToArray();
        double Q(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return (new Outcome(mix.Quantile(0.5, settings.Service), mix.Quantile(0.99, settings.Service), measured),
                new Outcome(Q(0.5), Q(0.99), sim.Counts));
    }
}
