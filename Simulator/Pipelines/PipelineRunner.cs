using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Pipelines;

/// <summary>Runs a scenario with several fleets and/or a pipeline: per replication, the pipeline's stages in order and
/// each fleet in its own world.</summary>
/// <remarks>
/// <para>Per replication r: the source, approval and wait actions' durations are drawn first, in stage and action
/// order, from the stream (seed, r, "pipeline"). The first stage starts at <see cref="PipelineSpec.MergeAt"/>; a stage
/// starts when every action of the previous stage has ended, and only if all of them succeeded. A deploy action runs
/// its fleet's world for replication r with the deployment starting at the stage's start; it lasts until that rollout
/// ends, and succeeds only when the deployment's outcome at the horizon is Succeeded (still running then: unfinished).
/// A bad revision that is reverted, rerouted back or rolled back therefore fails its action, even when the recovery
/// came after the rollout had ended, so no merge-to-live time is reported for it. Once an action fails, later stages
/// do not run and their fleets are not deployed. Fleets that no action deploys run
/// without a deployment; without a pipeline, every fleet deploys at its own <c>startAt</c>.</para>
/// <para>A fleet with a bad revision and an in-place strategy recovers by a revert commit that goes through the pipeline
/// again: its <see cref="RecoverySpec.RevertLeadTime"/> becomes, for the replication, a constant equal to its own
/// revert-commit time (its <c>revertLeadTime</c> drawn from the stream (seed, r, "pipeline/revert/FLEET"); 0 unless the
/// scenario sets it) plus the time from the merge to the start of its deploy stage.</para>
/// <para>A scenario with neither fleets nor a pipeline runs exactly as <see cref="ScenarioRunner"/> runs it. Each worker
/// thread keeps one world per fleet; replication r depends only on (scenario, r), so serial and parallel runs give
/// identical results, in replication order. The first replication also keeps each fleet's detail.</para>
/// </remarks>
public static class PipelineRunner
{
    /// <summary>Runs every replication of <paramref name="scenario"/>.</summary>
    public static PipelineRunResult Run(Scenario scenario, int degreeOfParallelism = 0, Action<int>? onCompleted = null,
        CancellationToken cancellation = default, bool? checkInvariants = null)
    {
        var fleets = FleetScenarios.Of(scenario);
        bool check = checkInvariants ?? ScenarioRunner.CheckInvariantsByDefault;
        ReplicationDetail[]? details = null;
        var results = Replications.Run(
            scenario.Replications,
            () => NewWorlds(fleets.Count, check),
            (worlds, r) =>
            {
                var keep = r == 0 ? new ReplicationDetail[fleets.Count] : null;
                var result = RunReplication(scenario, fleets, worlds, r, keep, cancellation);
                if (keep is not null) details = keep;
                return result;
            },
            degreeOfParallelism,
            onCompleted,
            cancellation);
        return new PipelineRunResult(scenario, fleets, results, details ?? fleets.Select(_ => new ReplicationDetail()).ToArray());
    }

    /// <summary>Runs replication <paramref name="replication"/> alone (for tests and tools); with
    /// <paramref name="details"/> (one slot per fleet) it also keeps each fleet's detail.</summary>
    public static PipelineReplication RunOne(Scenario scenario, int replication = 0, ReplicationDetail[]? details = null)
    {
        var fleets = FleetScenarios.Of(scenario);
        return RunReplication(scenario, fleets, NewWorlds(fleets.Count, ScenarioRunner.CheckInvariantsByDefault), replication, details, default);
    }

    /// <summary>Runs replication <paramref name="replication"/> on worlds kept by the caller (one per fleet, reused):
    /// how the golden tests measure a steady-state replication's allocations.</summary>
    internal static PipelineReplication RunOn(Scenario scenario, Model.World[] worlds, int replication) =>
        RunReplication(scenario, FleetScenarios.Of(scenario), worlds, replication, null, default);

    /// <summary>One world per fleet of <paramref name="scenario"/>.</summary>
    internal static Model.World[] WorldsFor(Scenario scenario) => NewWorlds(FleetScenarios.Of(scenario).Count, check: false);

    private static Model.World[] NewWorlds(int count, bool check)
    {
        var worlds = new Model.World[count];
        for (int i = 0; i < count; i++) worlds[i] = new Model.World { Invariants = { Enabled = check } };
        return worlds;
    }

    private static PipelineReplication RunReplication(Scenario scenario, IReadOnlyList<Scenario> fleets, Model.World[] worlds,
        int r, ReplicationDetail[]? details, CancellationToken cancellation)
    {
        var names = FleetScenarios.Names(scenario);
        var results = new ReplicationResult?[fleets.Count];

        ReplicationResult RunFleet(int f, FleetSpec fleet)
        {
            var world = worlds[f];
            world.Reset(fleets[f], fleet, r, recordDetail: details is not null);
            var result = world.Run(cancellation);
            if (details is not null) details[f] = world.Recorder.Detail();
            return results[f] = result;
        }

        var stages = new List<StageRun>();
        double mergeToLive = double.NaN;
        string? critical = null;
        DeploymentOutcome outcome;
        if (scenario.Pipeline is { } pipeline)
        {
            outcome = RunPipeline(scenario, pipeline, fleets, names, r, RunFleet, stages, worlds);
            if (outcome == DeploymentOutcome.Succeeded)
            {
                ActionRun? last = null;
                foreach (var a in stages.SelectMany(s => s.Actions).Where(a => a.Kind == PipelineActionKind.Deploy))
                    if (last is null || a.End!.Value > last.End!.Value) last = a;
                if (last is not null)
                {
                    mergeToLive = (last.End!.Value - SimTime.At(pipeline.MergeAt)).TotalSeconds;
                    critical = last.Fleet;
                }
            }
            for (int f = 0; f < fleets.Count; f++)
                if (results[f] is null) RunFleet(f, fleets[f].Fleet with { Deployment = fleets[f].Fleet.Deployment with { StartAt = null } });
        }
        else
        {
            for (int f = 0; f < fleets.Count; f++) RunFleet(f, fleets[f].Fleet);
            outcome = FleetResults.CombinedOutcome(results.Select(x => x!.Outcome));
        }

        var fleetResults = results.Select(x => x!).ToArray();
        return new PipelineReplication
        {
            Replication = r,
            Combined = FleetResults.Combine(r, fleetResults, outcome),
            Fleets = fleetResults,
            Stages = stages,
            MergeToLiveSeconds = mergeToLive,
            CriticalFleet = critical,
        };
    }

    /// <summary>Runs the stages in order, deploying fleets as their actions come; returns the pipeline's outcome: the
    /// first failed deploy action's deployment outcome (unfinished when it never finished), else succeeded.</summary>
    private static DeploymentOutcome RunPipeline(Scenario scenario, PipelineSpec pipeline, IReadOnlyList<Scenario> fleets,
        IReadOnlyList<string> names, int r, Func<int, FleetSpec, ReplicationResult> runFleet, List<StageRun> stages, Model.World[] worlds)
    {
        // Draw every timed action first, so that what the fleets do never shifts these draws.
        var rng = RandomStreams.Create(scenario.Seed, r, "pipeline");
        var sampled = pipeline.Stages
            .Select(s => s.Actions.Select(a => a.Kind == PipelineActionKind.Deploy ? SimDuration.Zero : Milliseconds(a.Duration.Sample(rng))).ToArray())
            .ToArray();
        var merge = SimTime.At(pipeline.MergeAt);
        var outcome = DeploymentOutcome.Succeeded;
        SimTime? next = merge;
        for (int s = 0; s < pipeline.Stages.Count; s++)
        {
            var stage = pipeline.Stages[s];
            if (next is not { } start)
            {
                stages.Add(new StageRun(stage.Name, null, null,
                    stage.Actions.Select(a => new ActionRun(a.Name, a.Kind, FleetName(a, names), null, null, ActionStatus.NotRun, DeploymentOutcome.None)).ToArray()));
                continue;
            }
            var actions = new List<ActionRun>();
            for (int i = 0; i < stage.Actions.Count; i++)
            {
                var a = stage.Actions[i];
                if (a.Kind != PipelineActionKind.Deploy)
                {
                    actions.Add(new ActionRun(a.Name, a.Kind, null, start, start + sampled[s][i], ActionStatus.Succeeded, DeploymentOutcome.None));
                    continue;
                }
                int f = FleetIndex(a, names);
                var fleet = fleets[f];
                var deployment = PipelineDeployment(scenario, fleet.Fleet.Deployment, names[f], r, start, merge);
                var result = runFleet(f, fleet.Fleet with { Deployment = deployment });
                var end = worlds[f].Recorder.RolloutEnd;
                var status = result.Outcome switch
                {
                    DeploymentOutcome.Succeeded when end is not null => ActionStatus.Succeeded,
                    DeploymentOutcome.Unfinished or DeploymentOutcome.None or DeploymentOutcome.Succeeded => ActionStatus.Unfinished,
                    _ => ActionStatus.Failed,
                };
                if (status != ActionStatus.Succeeded && outcome == DeploymentOutcome.Succeeded)
                    outcome = status == ActionStatus.Unfinished ? DeploymentOutcome.Unfinished : result.Outcome;
                actions.Add(new ActionRun(a.Name, a.Kind, names[f], start, status == ActionStatus.Unfinished ? null : end, status, result.Outcome));
            }
            SimTime? stageEnd = actions.All(a => a.End is not null) ? actions.Max(a => a.End!.Value) : null;
            stages.Add(new StageRun(stage.Name, start, stageEnd, actions));
            next = actions.All(a => a.Status == ActionStatus.Succeeded) ? stageEnd : null;
        }
        return outcome;
    }

    /// <summary>The deployment of fleet <paramref name="fleet"/> as its deploy action starts it in replication
    /// <paramref name="replication"/>: at <paramref name="start"/> (never, when that is not before the horizon), and for
    /// a bad in-place revision with the revert lead time of the pipeline: the revert commit, then every stage between
    /// <paramref name="merge"/> and <paramref name="start"/>, as a constant.</summary>
    internal static DeploymentSpec PipelineDeployment(Scenario scenario, DeploymentSpec deployment, string fleet, int replication, SimTime start, SimTime merge)
    {
        var d = deployment with { StartAt = start < SimTime.At(scenario.Horizon) ? start.SinceStart : null };
        if (d.BadRevision is null || d.Strategy != StrategyKind.InPlace) return d;
        var revert = RandomStreams.Create(scenario.Seed, replication, "pipeline/revert/" + fleet);
        var lead = Milliseconds(d.Recovery.RevertLeadTime.Sample(revert)) + (start - merge);
        return d with { Recovery = d.Recovery with { RevertLeadTime = Distribution.Constant(lead.Milliseconds) } };
    }

    private static SimDuration Milliseconds(double ms) => SimDuration.FromMilliseconds((long)Math.Round(ms, MidpointRounding.AwayFromZero));

    private static int FleetIndex(PipelineActionSpec action, IReadOnlyList<string> names)
    {
        if (action.Fleet is null) return names.Count == 1 ? 0 : throw new InvalidOperationException($"deploy action '{action.Name}' names no fleet");
        for (int i = 0; i < names.Count; i++) if (names[i] == action.Fleet) return i;
        throw new InvalidOperationException($"deploy action '{action.Name}' names fleet '{action.Fleet}', which the scenario does not declare");
    }

    private static string? FleetName(PipelineActionSpec action, IReadOnlyList<string> names) =>
        action.Kind == PipelineActionKind.Deploy ? names[FleetIndex(action, names)] : null;
}
