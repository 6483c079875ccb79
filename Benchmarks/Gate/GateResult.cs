namespace DeploySim.Benchmarks.Gate;

/// <summary>One benchmark case as the gate measured it.</summary>
/// <param name="Name">The case's <see cref="BenchmarkId.Name"/>.</param>
/// <param name="Reference">The case it is divided by (its class's baseline with the same parameters); null for a
/// reference itself or a case whose class has none.</param>
/// <param name="NanosecondsPerOperation">Median time per operation; NaN when the case failed.</param>
/// <param name="Ratio">Throughput relative to the reference: the reference's time per operation over this case's
/// (higher is faster); null without a reference.</param>
/// <param name="BytesPerOperation">Managed bytes allocated per operation; null when not measured.</param>
/// <param name="Failed">The case threw, gave no result, or its reference did.</param>
/// <param name="EventsPerOperation">Simulated events dispatched per operation (a <see cref="ReturnsEventCountAttribute"/>
/// method); null otherwise.</param>
public sealed record GateResult(string Name, string? Reference, double NanosecondsPerOperation, double? Ratio, long? BytesPerOperation, bool Failed = false,
    long? EventsPerOperation = null);
