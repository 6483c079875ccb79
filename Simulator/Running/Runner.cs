using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using SimWorld = DeploySim.Model.World;

namespace DeploySim.Running;

/// <summary>The one runner: runs any scenario (a one-fleet scenario is a pipeline-less list of one fleet) for every
/// command. Per replication, each fleet runs in its own world; with a pipeline, its stages run in order and deploy the
/// fleets (<see cref="PipelineStages"/>); without one, every fleet deploys at its own <c>startAt</c>.</summary>
/// <remarks>
/// A one-fleet scenario without a pipeline runs under its own name and seed, and its combined result is its fleet's,
/// unchanged: its results, summary and trace are those of its world alone. Each worker thread keeps one world per fleet
/// and reuses them; replication r depends only on (scenario, r), so serial and parallel runs give identical results, in
/// replication order. The first replication also keeps each fleet's detail.
/// </remarks>
public static class Runner
{
    /// <summary>Runs every replication of <paramref name="scenario"/>.</summary>
    public static ScenarioRun Run(Scenario scenario, int degreeOfParallelism = 0, Action<int>? onCompleted = null,
        CancellationToken cancellation = default, bool? checkInvariants = null)
    {
        var layout = new RunLayout(scenario);
        bool check = checkInvariants ?? Model.ScenarioRunner.CheckInvariantsByDefault;
        ReplicationDetail[]? details = null;
        var results = Replications.Run(
            scenario.Replications,
            () => NewWorlds(layout.Fleets.Count, check),
            (worlds, r) =>
            {
                var keep = r == 0 ? new ReplicationDetail[layout.Fleets.Count] : null;
                var result = RunReplication(layout, worlds, r, keep, cancellation);
                if (keep is not null) details = keep;
                return result;
            },
            degreeOfParallelism,
            onCompleted,
            cancellation);
        return new ScenarioRun(scenario, layout.Fleets, results, details ?? layout.Fleets.Select(_ => new ReplicationDetail()).ToArray());
    }

    /// <summary>The run with each fleet's detail of the replication <paramref name="choice"/> names (picked from the
    /// run's combined results, <see cref="ReplicationChoice"/>), recorded again when it is not the first: replication r
    /// draws only from streams seeded by (seed, r), so the re-run is that replication, event for event.</summary>
    public static ScenarioRun WithDetailOf(ScenarioRun run, ReplicationChoice choice)
    {
        int r = choice.Pick(run.Replications);
        var details = run.FleetDetails;
        if (r != 0 || details.Count == 0 || details[0].Series.Count == 0)
        {
            var kept = new ReplicationDetail[run.FleetScenarios.Count];
            RunOne(run.Scenario, r, kept);
            details = kept;
        }
        return new ScenarioRun(run.Scenario, run.FleetScenarios, run.ReplicationRuns, details) { ChosenReplication = r };
    }

    /// <summary>Runs every replication and hands each to <paramref name="sink"/> in replication order, keeping none: for
    /// replication counts in the millions. Only each combined metric's values are kept, for the summary.</summary>
    public static StreamedRun RunStreaming(Scenario scenario, Action<ScenarioReplication> sink, int degreeOfParallelism = 0,
        Action<int>? onCompleted = null, CancellationToken cancellation = default, bool? checkInvariants = null)
    {
        var layout = new RunLayout(scenario);
        bool check = checkInvariants ?? Model.ScenarioRunner.CheckInvariantsByDefault;
        ReplicationDetail[]? details = null;
        var summary = new ScenarioSummaryBuilder(scenario);
        Replications.RunOrdered(
            scenario.Replications,
            () => NewWorlds(layout.Fleets.Count, check),
            (worlds, r) =>
            {
                var keep = r == 0 ? new ReplicationDetail[layout.Fleets.Count] : null;
                var result = RunReplication(layout, worlds, r, keep, cancellation);
                if (keep is not null) details = keep;
                onCompleted?.Invoke(r);
                return result;
            },
            (_, result) =>
            {
                summary.Add(result);
                sink(result);
            },
            degreeOfParallelism,
            cancellation);
        return new StreamedRun(scenario, summary.Build(), summary.RolloutSeconds, details is [var first, ..] ? first : new ReplicationDetail());
    }

    /// <summary>Runs every replication keeping fleet <paramref name="fleet"/>'s detail of each, and returns what
    /// <paramref name="observe"/> makes of it (how <c>replay</c> reads every replication's lifecycle events).</summary>
    public static IReadOnlyList<T> Observe<T>(Scenario scenario, int fleet, Func<ReplicationDetail, ScenarioReplication, T> observe,
        int degreeOfParallelism = 0, Action<int>? onCompleted = null, CancellationToken cancellation = default)
    {
        var layout = new RunLayout(scenario);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fleet, layout.Fleets.Count);
        return Replications.Run(
            scenario.Replications,
            () => NewWorlds(layout.Fleets.Count, check: false),
            (worlds, r) =>
            {
                var details = new ReplicationDetail[layout.Fleets.Count];
                var result = RunReplication(layout, worlds, r, details, cancellation);
                return observe(details[fleet], result);
            },
            degreeOfParallelism,
            onCompleted,
            cancellation);
    }

    /// <summary>Runs replication <paramref name="replication"/> alone (for tests and tools); with
    /// <paramref name="details"/> (one slot per fleet) it also keeps each fleet's detail.</summary>
    public static ScenarioReplication RunOne(Scenario scenario, int replication = 0, ReplicationDetail[]? details = null)
    {
        var layout = new RunLayout(scenario);
        return RunReplication(layout, NewWorlds(layout.Fleets.Count, Model.ScenarioRunner.CheckInvariantsByDefault), replication, details, default);
    }

    /// <summary>Runs replication <paramref name="replication"/> on worlds kept by the caller (one per fleet, reused), with
    /// <paramref name="details"/> when given: how shards run their ranges and the golden tests measure allocations.</summary>
    internal static ScenarioReplication RunOn(Scenario scenario, SimWorld[] worlds, int replication, ReplicationDetail[]? details = null,
        CancellationToken cancellation = default) =>
        RunReplication(new RunLayout(scenario), worlds, replication, details, cancellation);

    /// <summary>One world per fleet of <paramref name="scenario"/>.</summary>
    internal static SimWorld[] WorldsFor(Scenario scenario, bool check = false) => NewWorlds(FleetScenarios.Of(scenario).Count, check);

    private static SimWorld[] NewWorlds(int count, bool check)
    {
        var worlds = new SimWorld[count];
        for (int i = 0; i < count; i++) worlds[i] = new SimWorld { Invariants = { Enabled = check } };
        return worlds;
    }

    private static ScenarioReplication RunReplication(RunLayout layout, SimWorld[] worlds, int r, ReplicationDetail[]? details, CancellationToken cancellation)
    {
        var fleets = layout.Fleets;
        var results = new ReplicationResult?[fleets.Count];

        ReplicationResult RunFleet(int f, FleetSpec fleet)
        {
            var world = worlds[f];
            world.Reset(fleets[f], fleet, r, recordDetail: details is not null);
            var result = world.Run(cancellation);
            if (details is not null) details[f] = world.Recorder.Detail();
            return results[f] = result;
        }

        if (layout.Scenario.Pipeline is not { } pipeline)
        {
            for (int f = 0; f < fleets.Count; f++) RunFleet(f, fleets[f].Fleet);
            if (fleets.Count == 1 && !layout.Scenario.NamedFleets) return new ScenarioReplication { Replication = r, Combined = results[0]! };
            var each = results.Select(x => x!).ToArray();
            return new ScenarioReplication
            {
                Replication = r,
                Combined = FleetResults.Combine(r, each, FleetResults.CombinedOutcome(each.Select(x => x.Outcome))),
                Fleets = each,
            };
        }

        var run = PipelineStages.Run(layout.Scenario, pipeline, fleets, layout.Names, r, RunFleet, worlds);
        for (int f = 0; f < fleets.Count; f++)
            if (results[f] is null) RunFleet(f, fleets[f].Fleet with { Deployment = fleets[f].Fleet.Deployment with { StartAt = null } });
        var fleetResults = results.Select(x => x!).ToArray();
        return new ScenarioReplication
        {
            Replication = r,
            Combined = FleetResults.Combine(r, fleetResults, run.Outcome),
            Fleets = fleetResults,
            Stages = run.Stages,
            MergeToLiveSeconds = run.MergeToLiveSeconds,
            CriticalFleet = run.CriticalFleet,
        };
    }

    /// <summary>A scenario's fleets as the one-fleet scenarios their worlds run, and their names, computed once per run.</summary>
    /// <remarks>A struct: <see cref="RunOn"/> makes one per replication, which should allocate no more than it must.</remarks>
    private readonly struct RunLayout(Scenario scenario)
    {
        public Scenario Scenario { get; } = scenario;
        public IReadOnlyList<Scenario> Fleets { get; } = FleetScenarios.Of(scenario);
        public IReadOnlyList<string> Names { get; } = FleetScenarios.Names(scenario);
    }
}
