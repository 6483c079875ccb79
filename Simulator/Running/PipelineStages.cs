using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using SimWorld = DeploySim.Model.World;

namespace DeploySim.Running;

/// <summary>How a pipeline runs one replication's stages for <see cref="Runner"/>.</summary>
/// <remarks>
/// <para>Per replication r: the source, approval and wait actions' durations are drawn first, in stage and action
/// order, from the stream (seed, r, "pipeline"). The first stage starts at <see cref="PipelineSpec.MergeAt"/>; a stage
/// starts when every action of the previous stage has ended, and only if all of them succeeded. A deploy action runs
/// its fleet's world for replication r with the deployment starting at the stage's start; it lasts until that rollout
/// ends, and succeeds only when the deployment's outcome at the horizon is Succeeded (still running then: unfinished).
/// A bad revision that is reverted, rerouted back or rolled back therefore fails its action, even when the recovery
/// came after the rollout had ended, so no merge-to-live time is reported for it. Once an action fails, later stages
/// do not run and their fleets are not deployed (the runner then runs them without a deployment).</para>
/// <para>A fleet with a bad revision and an in-place strategy recovers by a revert commit that goes through the pipeline
/// again: its <see cref="RecoverySpec.RevertLeadTime"/> becomes, for the replication, a constant equal to its own
/// revert-commit time (its <c>revertLeadTime</c> drawn from the stream (seed, r, "pipeline/revert/FLEET"); 0 unless the
/// scenario sets it) plus the time from the merge to the start of its deploy stage.</para>
/// </remarks>
internal static class PipelineStages
{
    /// <summary>A replication's pipeline: its outcome, stages, merge-to-live time and the fleet that decided it.</summary>
    public readonly record struct Result(DeploymentOutcome Outcome, IReadOnlyList<StageRun> Stages, double MergeToLiveSeconds, string? CriticalFleet);

    /// <summary>Runs the stages of replication <paramref name="r"/>, deploying fleets through <paramref name="runFleet"/>.</summary>
    public static Result Run(Scenario scenario, PipelineSpec pipeline, IReadOnlyList<Scenario> fleets, IReadOnlyList<string> names, int r,
        Func<int, FleetSpec, ReplicationResult> runFleet, SimWorld[] worlds)
    {
        var stages = new List<StageRun>();
        var outcome = RunStages(scenario, pipeline, fleets, names, r, runFleet, stages, worlds);
        double mergeToLive = double.NaN;
        string? critical = null;
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
        return new Result(outcome, stages, mergeToLive, critical);
    }

    /// <summary>Runs the stages in order, deploying fleets as their actions come; returns the pipeline's outcome: the
    /// first failed deploy action's deployment outcome (unfinished when it never finished), else succeeded.</summary>
    private static DeploymentOutcome RunStages(Scenario scenario, PipelineSpec pipeline, IReadOnlyList<Scenario> fleets,
        IReadOnlyList<string> names, int r, Func<int, FleetSpec, ReplicationResult> runFleet, List<StageRun> stages, SimWorld[] worlds)
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
