using DeploySim.Running;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary>Threads for replications and whether to check invariants.</summary>
/// <summary>Threads for replications, whether to check invariants, and the replication drawn (<c>--replication</c>;
/// null: the first).</summary>
internal readonly record struct RunSettings(int Threads, bool CheckInvariants, ReplicationChoice? Drawn = null);

/// <summary>How every simulation command runs a scenario: through the one <see cref="Runner"/> (any scenario: one fleet,
/// several, a pipeline), advancing the progress display per replication, or under <c>merge</c> reading the work point's
/// replications from the shards; then warning about replications stopped at the event budget.</summary>
internal static class RunnerWithProgress
{

    /// <summary>Runs every replication, advancing <paramref name="state"/> per replication. Throws
    /// <see cref="OperationCanceledException"/> when cancelled, even during the last replication. Under <c>merge</c>,
    /// reads work point <paramref name="point"/>'s replications from the shards instead.</summary>
    public static ScenarioRun Run(CliContext ctx, Scenario scenario, RunSettings settings, ProgressState state, int point = 0)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        var run = ctx.Merge is { } merge
            ? merge.Run(point, scenario)
            : Runner.Run(scenario, settings.Threads, _ => state.Advance(), ctx.Cancellation, settings.CheckInvariants);
        ctx.Cancellation.ThrowIfCancellationRequested();
        WarnAboutBudget(ctx, scenario, run.Replications);
        return settings.Drawn is { } drawn && run.Replications.Count > 0 ? Runner.WithDetailOf(run, drawn) : run;
    }

    /// <summary>Runs a large number of replications keeping none of them: with --out, their combined rows go to
    /// replications.csv as they finish; the summary keeps each metric's values only.</summary>
    public static (DeploySim.Metrics.RunSummary Summary, IReadOnlyList<string>? Files) Stream(
        CliContext ctx, Scenario scenario, RunSettings settings, ProgressState state, string? outDir,
        DeploySim.Reporting.ReportContext? context = null)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        StreamedRun Run(Action<DeploySim.Metrics.ReplicationResult> sink)
        {
            var picker = settings.Drawn is { } drawn ? new ReplicationPicker(drawn) : null;
            void Each(ScenarioReplication r)
            {
                picker?.Add(r.Combined);
                sink(r.Combined);
            }
            var run = ctx.Merge is { } merge
                ? merge.Stream(0, scenario, Each)
                : Runner.RunStreaming(scenario, Each, settings.Threads, _ => state.Advance(), ctx.Cancellation, settings.CheckInvariants);
            if (picker is null || run.Summary.Replications == 0) return run;
            // The chosen replication recorded again with its detail: replication r depends only on (scenario, r).
            var details = new DeploySim.Metrics.ReplicationDetail[Pipelines.FleetScenarios.Of(scenario).Count];
            Runner.RunOne(scenario, picker.Picked(), details);
            return run with { Detail = details[0] };
        }
        if (outDir is null)
        {
            int budgetStops = 0;
            var run = Run(r => { if (r.StopReason == DeploySim.Engine.StopReason.Budget) budgetStops++; });
            if (budgetStops > 0) ctx.Error.WriteLine($"deploysim: {scenario.Name}: {budgetStops} of {run.Summary.Replications} replications stopped at the event budget of {scenario.EventBudget:N0} events; raise eventBudget or look for a launch loop.");
            return (run.Summary, null);
        }
        var (streamed, files) = DeploySim.Reporting.StreamedReportWriter.WriteRun(outDir, Run, context);
        ctx.Cancellation.ThrowIfCancellationRequested();
        return (streamed.Summary, files);
    }

    /// <summary>Runaway protection: say which replications stopped at the event budget and what was still running.</summary>
    private static void WarnAboutBudget(CliContext ctx, Scenario s, IReadOnlyList<DeploySim.Metrics.ReplicationResult> replications)
    {
        var stopped = replications.Where(r => r.StopReason == DeploySim.Engine.StopReason.Budget).ToList();
        if (stopped.Count == 0) return;
        var first = stopped[0];
        ctx.Error.WriteLine(
            $"deploysim: {s.Name}: {stopped.Count} of {replications.Count} replications stopped at the event budget of {s.EventBudget:N0} events " +
            $"before the {s.Horizon} horizon (replication {first.Replication + 1}: {first.Launches:N0} launches, {first.AbandonedLaunches:N0} abandoned, " +
            $"{first.UnfinishedInstances} instances still launching or terminating, deployment {first.Outcome.ToString().ToLowerInvariant()}); " +
            "their figures cover the simulated time reached. Raise eventBudget or look for a launch loop or an event storm.");
    }
}
