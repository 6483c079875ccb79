using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>The fleets of a scenario as single-fleet scenarios, each run in its own world (fleets share nothing but
/// the pipeline's timing).</summary>
/// <remarks>A scenario without <c>fleets:</c> is its own one fleet, unchanged (same name, same seed), so that it gives
/// exactly the results of its one world. Pure functions; thread-safe.</remarks>
public static class FleetScenarios
{
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

    /// <summary>Fleet <paramref name="index"/> as a one-fleet scenario without a pipeline, as <c>plan</c> sizes it: a
    /// short-form scenario keeps its name and seed; a fleet under <c>fleets:</c> is the scenario its world runs
    /// (<see cref="ForFleet"/>). A fleet the pipeline deploys (it has no <c>startAt</c> of its own) starts its deployment
    /// at the pipeline's <c>mergeAt</c> (docs/model.md#pipelines-and-several-fleets): an assumption of the plan, which sizes the fleet's own rollout; the stages
    /// before its deploy action only shift when that rollout starts.</summary>
    public static Scenario Alone(Scenario scenario, int index)
    {
        var alone = Of(scenario)[index] with { Pipeline = null };
        if (scenario.Pipeline is not { } pipeline || alone.Fleet.Deployment.StartAt is not null) return alone;
        return alone.WithFleet(f => f with { Deployment = f.Deployment with { StartAt = pipeline.MergeAt } });
    }

    /// <summary>The master seed of fleet <paramref name="fleet"/>: stable across processes and versions.</summary>
    public static ulong FleetSeed(ulong seed, string fleet) => RandomStreams.DeriveSeed(seed, 0, "fleet/" + fleet);

    /// <summary>The scenario with <paramref name="strategy"/> applied, as <c>compare</c> runs it: to a short-form
    /// scenario's one fleet as given when it has no pipeline; otherwise to every web fleet. Worker fleets keep their strategy (they
    /// have no load balancer for blue/green), and blue/green is applied only to web fleets whose deployment group
    /// manages a target group (CodeDeploy requires one).</summary>
    public static Scenario WithStrategy(Scenario scenario, StrategyKind strategy) =>
        !scenario.NamedFleets && scenario.Pipeline is null ? scenario.WithFleet(f => f with { Deployment = f.Deployment with { Strategy = strategy } })
        : scenario.WithEachFleet(f => f.Kind == FleetKind.Web && (strategy != StrategyKind.BlueGreen || f.Deployment.TargetGroups.Count > 0)
            ? f with { Deployment = f.Deployment with { Strategy = strategy } }
            : f);

    /// <summary>The strategy a run is reported under: the first web fleet's, else the first fleet's.</summary>
    public static StrategyKind ReportedStrategy(Scenario scenario) => Metrics.SummaryBuilder.ReportedStrategy(scenario);
}
