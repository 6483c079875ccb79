using DeploySim.Engine;

namespace DeploySim.Scenarios;

// The latency model's fields (issue 17, docs/model.md#latency-model): traffic.serviceTime and its companions,
// unicorn.backlog and slo. Without traffic.serviceTime none of them may be given and the model is off.
internal static partial class ScenarioMapper
{
    private static readonly string[] s_latencyTrafficFields = ["timeout", "routing", "mode", "overloadFailsHealthChecks"];

    /// <summary>The fleet's latency settings read from <c>traffic</c>, <c>unicorn.backlog</c> and <c>slo</c>; null when
    /// <c>traffic.serviceTime</c> is absent (then any companion field is reported).</summary>
    private static LatencySpec? Latency(ObjectReader fleet, ObjectReader? traffic, ObjectReader? unicorn, FleetKind kind)
    {
        var slo = fleet.Object("slo", "slo");
        if (traffic?.Get("serviceTime") is null)
        {
            const string why = "it belongs to the latency model, which is on only with traffic.serviceTime: add traffic.serviceTime";
            foreach (var key in s_latencyTrafficFields) if (traffic?.Get(key) is not null) traffic.Error(key, why);
            if (unicorn?.Get("backlog") is not null) unicorn.Error("backlog", why);
            if (slo is not null) fleet.Error("slo", why);
            return null;
        }
        if (kind == FleetKind.Worker) traffic.Error("serviceTime", "a worker fleet takes jobs from a queue: the latency model is for web fleets");
        var service = traffic.Distribution("serviceTime", Distribution.Constant(1));
        if (!(service.Mean > 0)) traffic.Error("serviceTime", $"the mean service time must be more than zero, got {service}");
        if (unicorn?.Get("requestsPerSecondPerWorker") is not null)
            unicorn.Error("requestsPerSecondPerWorker", "traffic.serviceTime gives each worker's rate (1000 / mean service time in ms): remove one of them");
        var d = new LatencySpec { ServiceTime = service };
        return new LatencySpec
        {
            ServiceTime = service,
            Timeout = traffic.Duration("timeout", d.Timeout, DurationRange.AwsSeconds(1, 4000)),
            Routing = traffic.Keyword("routing", d.Routing, ScenarioFormat.Routing),
            Mode = traffic.Keyword("mode", d.Mode, ScenarioFormat.LatencyMode),
            OverloadFailsHealthChecks = traffic.Bool("overloadFailsHealthChecks", d.OverloadFailsHealthChecks),
            Backlog = unicorn?.Int("backlog", d.Backlog, 1, 65535) ?? d.Backlog,
            Slo = slo is null ? null : Slo(slo),
        };
    }

    private static SloSpec Slo(ObjectReader r)
    {
        foreach (var key in new[] { "latencyMs", "percentile", "availability" }) if (r.Get(key) is null) r.Missing(key);
        return new SloSpec(
            r.Number("latencyMs", 500, double.Epsilon, 1e9, "must be more than zero"),
            r.Number("percentile", 99, 1, 99.9999, "a percentile from 1 to 99.9999"),
            r.Number("availability", 99.9, 1, 99.9999, "a percentage from 1 to 99.9999"));
    }

    /// <summary>With the latency model a worker's rate is 1000 / E[service time] (ms): the fluid capacity agrees with the queues.</summary>
    private static UnicornSpec WithServiceRate(UnicornSpec unicorn, LatencySpec? latency) =>
        latency is null ? unicorn : unicorn with { RequestsPerSecondPerWorker = 1000 / latency.ServiceTime.Mean };
}
