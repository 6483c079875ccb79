using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Demand: constant, or a piecewise-linear profile over time, with bursts on top.</summary>
public sealed record TrafficSpec
{
    public double RequestsPerSecond { get; init; }
    /// <summary>Points (time, rps) interpolated linearly; before the first and after the last, the end values hold.
    /// Bursts are already folded in (<see cref="DemandBursts.Fold"/>).</summary>
    public IReadOnlyList<TrafficPoint> Profile { get; init; } = [];
    /// <summary>The bursts as the scenario gives them (<c>traffic.bursts</c>); their effect is in <see cref="Profile"/>.</summary>
    public IReadOnlyList<DemandBurst> Bursts { get; init; } = [];
    /// <summary>Each target group's share of the demand, by name (summing to 1); empty: equal shares (assumption).</summary>
    public IReadOnlyDictionary<string, double> Share { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;
    /// <summary>The latency model's settings (<c>traffic.serviceTime</c> and the fields that go with it); null: off.</summary>
    public LatencySpec? Latency { get; init; }
}

public readonly record struct TrafficPoint(SimDuration At, double RequestsPerSecond);

/// <summary>A burst of demand (<c>traffic.bursts[]</c>, an assumption: a scenario parameter): from <see cref="At"/>
/// for <see cref="For"/>, demand is multiplied by <see cref="Factor"/>, rising over <see cref="Ramp"/> at the start
/// and falling over it at the end (docs/model.md#demand-and-bursts).</summary>
public readonly record struct DemandBurst(SimDuration At, SimDuration For, double Factor, SimDuration Ramp);
