using DeploySim.Planning;
using DeploySim.Scenarios;

namespace DeploySim.Sharding;

/// <summary>How a work point runs: a scenario's replications (through the one runner), or a plan cell's whole search
/// (which is sequential, so one unit).</summary>
public enum WorkKind { Replications, PlanCell }

/// <summary>One point of a command's work: a scenario (a strategy of a compare, a combination of a sweep, a plan cell),
/// split into units for sharding: its replications, or the plan cell as one unit.</summary>
/// <param name="Scenario">The scenario as the command runs it.</param>
/// <param name="Kind">How it runs.</param>
/// <param name="Plan">A plan cell's search, given the worker threads and the cancellation.</param>
public sealed record WorkPoint(Scenario Scenario, WorkKind Kind, Func<int, CancellationToken, PlanSearch>? Plan = null)
{
    /// <summary>A point of a scenario's replications.</summary>
    public static WorkPoint Of(Scenario scenario) => new(scenario, WorkKind.Replications);

    /// <summary>Units the point splits into.</summary>
    public int Units => Kind == WorkKind.PlanCell ? 1 : Scenario.Replications;

    /// <summary>Estimated cost of one unit: a replication's events, or for a plan cell its replications times the
    /// about ten configurations a search runs.</summary>
    public long UnitCost => CostEstimate.EventsPerReplication(Scenario) * (Kind == WorkKind.PlanCell ? Math.Max(1, Scenario.Replications) * 10L : 1L);
}
