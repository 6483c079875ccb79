using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Demand: constant, or a piecewise-linear profile over time.</summary>
public sealed record TrafficSpec
{
    public double RequestsPerSecond { get; init; }
    /// <summary>Points (time, rps) interpolated linearly; before the first and after the last, the end values hold.</summary>
    public IReadOnlyList<TrafficPoint> Profile { get; init; } = [];
    /// <summary>Each target group's share of the demand, by name (summing to 1); empty: equal shares (assumption).</summary>
    public IReadOnlyDictionary<string, double> Share { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;
    /// <summary>The latency model's settings (<c>traffic.serviceTime</c> and the fields that go with it); null: off.</summary>
    public LatencySpec? Latency { get; init; }
}

public readonly record struct TrafficPoint(SimDuration At, double RequestsPerSecond);
