using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>A scheduled capacity change (ScheduledActions). Unset members keep their value.</summary>
public sealed record ScheduledAction
{
    public SimDuration At { get; init; }
    public int? DesiredCapacity { get; init; }
    public int? MinSize { get; init; }
    public int? MaxSize { get; init; }
}
