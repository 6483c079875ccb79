using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>The fleets of a scenario as single-fleet scenarios, each run in its own world (fleets share nothing but
/// the pipeline's timing).</summary>
/// <remarks>A scenario without <c>fleets:</c> is its own one fleet, unchanged (same name, same seed), so that it gives
/// exactly the results of <see cref="World.ScenarioRunner"/>. Pure functions; thread-safe.</remarks>
public static class FleetScenarios
{
    /// <summary>Whether the scenario needs the <see cref="PipelineRunner"/>: it has a pipeline or lists fleets.</summary>
    public static bool NeedsPipelineRunner(Scenario scenario) => scenario.Pipeline is not null || scenario.Fleets.Count > 0;

    /// <summary>The fleets' names in the scenario's order; the scenario's name for its one top-level fleet.</summary>
    public static IReadOnlyList<string> Names(Scenario scenario) =>
        scenario.Fleets.Count == 0 ? [scenario.Name] : scenario.Fleets.Select(f => f.Name).ToArray();

    /// <summary>Each fleet as a single-fleet scenario, in the scenario's order (the pipeline is not part of them).</summary>
    public static IReadOnlyList<Scenario> Of(Scenario scenario) =>
        scenario.Fleets.Count == 0
            ? [scenario with { Pipeline = null }]
            : scenario.Fleets.Select(f => ForFleet(scenario, f)).ToArray();

    /// <summary>One fleet of a multi-fleet scenario as a scenario of its own: named <c>scenario/fleet</c>, with the
    /// scenario's horizon, event budget and replications, and a seed derived from (seed, fleet name) so that each fleet
    /// draws its own streams however the fleets are ordered.</summary>
    public static Scenario ForFleet(Scenario scenario, FleetSpec fleet) => new()
    {
        Name = $"{scenario.Name}/{fleet.Name}",
        Seed = FleetSeed(scenario.Seed, fleet.Name),
        Replications = scenario.Replications,
        Horizon = scenario.Horizon,
        EventBudget = scenario.EventBudget,
        Kind = fleet.Kind,
        Instances = fleet.Instances,
        AutoScaling = fleet.AutoScaling,
        OpsWorks = fleet.OpsWorks,
        TargetGroups = fleet.TargetGroups,
        Unicorn = fleet.Unicorn,
        Traffic = fleet.Traffic,
        Deployment = fleet.Deployment,
    };

    /// <summary>The master seed of fleet <paramref name="fleet"/>: stable across processes and versions.</summary>
    public static ulong FleetSeed(ulong seed, string fleet) => RandomStreams.DeriveSeed(seed, 0, "fleet/" + fleet);

    /// <summary>The scenario with <paramref name="strategy"/> applied to every web fleet, as <c>compare</c> runs it.
    /// Worker fleets keep their strategy (they have no load balancer for blue/green), and blue/green is applied only to
    /// web fleets whose deployment group manages a target group (CodeDeploy requires one).</summary>
    public static Scenario WithStrategy(Scenario scenario, StrategyKind strategy)
    {
        bool Applies(FleetKind kind, DeploymentSpec d) =>
            kind == FleetKind.Web && (strategy != StrategyKind.BlueGreen || d.TargetGroups.Count > 0);
        if (scenario.Fleets.Count == 0)
            return Applies(scenario.Kind, scenario.Deployment) ? scenario with { Deployment = scenario.Deployment with { Strategy = strategy } } : scenario;
        return scenario with
        {
            Fleets = scenario.Fleets
                .Select(f => Applies(f.Kind, f.Deployment) ? f with { Deployment = f.Deployment with { Strategy = strategy } } : f)
                .ToArray(),
        };
    }

    /// <summary>The strategy a multi-fleet run is reported under: the first web fleet's, else the first fleet's.</summary>
    public static StrategyKind ReportedStrategy(Scenario scenario)
    {
        if (scenario.Fleets.Count == 0) return scenario.Deployment.Strategy;
        var fleet = scenario.Fleets.FirstOrDefault(f => f.Kind == FleetKind.Web) ?? scenario.Fleets[0];
        return fleet.Deployment.Strategy;
    }
}
