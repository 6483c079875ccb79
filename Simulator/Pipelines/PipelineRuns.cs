using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Pipelines;

/// <summary>How a pipeline action ended: a deploy action succeeds only when its deployment succeeded; unfinished means
/// it was still running at the horizon (or could not start before it); not run means an earlier stage failed.</summary>
public enum ActionStatus { Succeeded, Failed, Unfinished, NotRun }

/// <summary>One action of one replication's pipeline run.</summary>
/// <param name="Name">The action's name.</param>
/// <param name="Kind">Source, approval, wait or deploy.</param>
/// <param name="Fleet">The fleet a deploy action deployed (its scenario's name for a single-fleet scenario).</param>
/// <param name="Start">When the action started (its stage's start); null when it did not run.</param>
/// <param name="End">When it ended; null when it did not run or did not finish by the horizon.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outcome">A deploy action's deployment outcome (<see cref="DeploymentOutcome.None"/> for other kinds).</param>
public sealed record ActionRun(string Name, PipelineActionKind Kind, string? Fleet, SimTime? Start, SimTime? End, ActionStatus Status, DeploymentOutcome Outcome)
{
    /// <summary>End − start in seconds; NaN when the action did not run or did not finish.</summary>
    public double DurationSeconds => Start is { } s && End is { } e ? (e - s).TotalSeconds : double.NaN;
}

/// <summary>One stage of one replication's pipeline run: it starts when the previous stage's slowest action has ended
/// and ends when its own slowest action ends.</summary>
public sealed record StageRun(string Name, SimTime? Start, SimTime? End, IReadOnlyList<ActionRun> Actions)
{
    /// <summary>Not run when it never started; failed when an action failed; unfinished when an action did not finish
    /// by the horizon; otherwise succeeded.</summary>
    public ActionStatus Status =>
        Start is null ? ActionStatus.NotRun
        : Actions.Any(a => a.Status == ActionStatus.Failed) ? ActionStatus.Failed
        : Actions.Any(a => a.Status != ActionStatus.Succeeded) ? ActionStatus.Unfinished
        : ActionStatus.Succeeded;

    /// <summary>End − start in seconds; NaN when the stage did not run or some action did not finish.</summary>
    public double DurationSeconds => Start is { } s && End is { } e ? (e - s).TotalSeconds : double.NaN;
}

