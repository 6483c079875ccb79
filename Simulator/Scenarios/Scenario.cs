using DeploySim.Engine;

namespace DeploySim.Scenarios;

// The validated, immutable description of one simulation: what the YAML loader produces and the world consumes.
// Every default in these records is documented with its source in docs/model.md (section anchors) or marked as an assumption.

/// <summary>A complete scenario: run settings, one or more fleets, and optionally the pipeline that deploys them.
/// Variants (a strategy, an override) are <c>with</c> copies.</summary>
/// <remarks>The YAML's short form describes one fleet at the top level; it maps to a list of one fleet that runs under
/// the scenario's own name and seed (<see cref="NamedFleets"/> false). With <c>fleets:</c>, each fleet runs as
/// <c>scenario/fleet</c> with a seed derived from its name.</remarks>
public sealed record Scenario
{
    public required string Name { get; init; }
    public ulong Seed { get; init; } = 1;
    public int Replications { get; init; } = 1;
    /// <summary>Simulated time at which every replication stops.</summary>
    public SimDuration Horizon { get; init; } = SimDuration.FromHours(12);
    /// <summary>The AWS whose defaults the scenario takes (docs/model.md#aws-eras): the source article's 2018 or today's.</summary>
    public Era Era { get; init; } = Era.Current;
    /// <summary>Safety limit on dispatched events per replication (runaway launch loops, event storms).</summary>
    public long EventBudget { get; init; } = 200_000_000;
    /// <summary>The fleets, in the scenario's order: at least one.</summary>
    public required IReadOnlyList<FleetSpec> Fleets { get; init; }
    /// <summary>A CodePipeline that deploys the fleets; null when each fleet starts its deployment itself.</summary>
    public PipelineSpec? Pipeline { get; init; }
    /// <summary>True when the scenario lists its fleets under <c>fleets:</c> (each runs as <c>scenario/fleet</c> with a
    /// seed derived from its name); false for the short form, whose one fleet is the scenario itself.</summary>
    public bool NamedFleets { get; init; }
    /// <summary>Not a scenario field: <c>plan</c> measures the rollout, so it stops each replication this long after the
    /// rollout ends (null: every replication runs to the horizon).</summary>
    public SimDuration? StopAfterRollout { get; init; }

    /// <summary>The one fleet of a one-fleet scenario.</summary>
    /// <exception cref="InvalidOperationException">The scenario has several fleets: name one.</exception>
    public FleetSpec Fleet => Fleets.Count == 1
        ? Fleets[0]
        : throw new InvalidOperationException($"scenario '{Name}' has {Fleets.Count} fleets: name the fleet");

    /// <summary>The scenario with its one fleet changed by <paramref name="change"/>.</summary>
    public Scenario WithFleet(Func<FleetSpec, FleetSpec> change) => this with { Fleets = [change(Fleet)] };

    /// <summary>The scenario with every fleet changed by <paramref name="change"/>.</summary>
    public Scenario WithEachFleet(Func<FleetSpec, FleetSpec> change) => this with { Fleets = Fleets.Select(change).ToArray() };

    /// <summary>A short-form scenario of one fleet (how code and tests build scenarios).</summary>
    public static Scenario Of(string name, FleetSpec fleet) => new() { Name = name, Fleets = [fleet] };
}
