using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>The fleets of a scenario as single-fleet scenarios, each run in its own world (fleets share nothing but
/// the pipeline's timing).</summary>
/// <remarks>A scenario without <c>fleets:</c> is its own one fleet, unchanged (same name, same seed), so that it gives
/// exactly the results of <see cref="Model.ScenarioRunner"/>. Pure functions; thread-safe.</remarks>
public static class FleetScenarios
{
    /// <summary>Whether the scenario is more than one short-form fleet: it has a pipeline or lists fleets.</summary>
    public static bool NeedsPipelineRunner(Scenario scenario) => scenario.Pipeline is not null || scenario.NamedFleets;

    /// <summary>The fleets' names in the scenario's order; the scenario's name for its one short-form fleet.</summary>
    public static IReadOnlyList<string> Names(Scenario scenario) =>
        scenario.NamedFleets ? scenario.Fleets.Select(f => f.Name).ToArray() : [scenario.Name];

    /// <summary>Each fleet as a one-fleet scenario, in the scenario's order (the pipeline is not part of them).</summary>
    public static IReadOnlyList<Scenario> Of(Scenario scenario) =>
        scenario.NamedFleets
            ? scenario.Fleets.Select(f => ForFleet(scenario, f)).ToArray()
            : [scenario with { Pipeline = null }];

    /// <summary>One fleet of a scenario with <c>fleets:</c> as a scenario of its own: named <c>scenario/fleet</c>, with
    /// the scenario's horizon, event budget and replications, and a seed derived from (seed, fleet name) so that each
    /// fleet draws its own streams however the fleets are ordered.</summary>
    public static Scenario ForFleet(Scenario scenario, FleetSpec fleet) => new()
    {
        Name = $"{scenario.Name}/{fleet.Name}",
        Seed = FleetSeed(scenario.Seed, fleet.Name),
        Replications = scenario.Replications,
        Horizon = scenario.Horizon,
        EventBudget = scenario.EventBudget,
        Fleets = [fleet],
    };

    /// <summary>The master seed of fleet <paramref name="fleet"/>: stable across processes and versions.</summary>
    public static ulong FleetSeed(ulong seed, string fleet) => RandomStreams.DeriveSeed(seed, 0, "fleet/" + fleet);

    /// <summary>The scenario with <paramref name="strategy"/> applied to every web fleet, as <c>compare</c> runs it.
    /// Worker fleets keep their strategy (they have no load balancer for blue/green), and blue/green is applied only to
    /// web fleets whose deployment group manages a target group (CodeDeploy requires one).</summary>
    public static Scenario WithStrategy(Scenario scenario, StrategyKind strategy) =>
        scenario.WithEachFleet(f => f.Kind == FleetKind.Web && (strategy != StrategyKind.BlueGreen || f.Deployment.TargetGroups.Count > 0)
            ? f with { Deployment = f.Deployment with { Strategy = strategy } }
            : f);

    /// <summary>The strategy a run is reported under: the first web fleet's, else the first fleet's.</summary>
    public static StrategyKind ReportedStrategy(Scenario scenario) => Metrics.SummaryBuilder.ReportedStrategy(scenario);
}
