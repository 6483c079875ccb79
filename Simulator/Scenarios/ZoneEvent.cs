using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>An Availability Zone impaired for a while (<c>events: [{ at, zoneImpaired, for }]</c>,
/// docs/model.md#availability-zones): its instances stop serving and fail their EC2 status checks; launches avoid it.</summary>
public sealed record ZoneEvent
{
    public SimDuration At { get; init; }
    /// <summary>Index of the zone in <see cref="AutoScalingSpec.AvailabilityZones"/>.</summary>
    public int Zone { get; init; }
    public SimDuration For { get; init; }
}
