using DeploySim.Scenarios;
using DeploySim.Model;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>Threads for replications and whether to check invariants.</summary>
internal readonly record struct RunSettings(int Threads, bool CheckInvariants);

/// <summary>What the simulation commands share: running a scenario with progress, and saying where files went.</summary>
internal static class Simulate
{
    /// <summary>Runs every replication, advancing <paramref name="state"/> per replication. Throws
    /// <see cref="OperationCanceledException"/> when cancelled, even during the last replication. Under <c>merge</c>,
    /// reads work point <paramref name="point"/>'s replications from the shards instead.</summary>
    public static RunResult Run(CliContext ctx, Scenario scenario, RunSettings settings, ProgressState state, int point = 0)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        var run = ctx.Merge is { } merge
            ? merge.Single(point, scenario)
            : ScenarioRunner.Run(scenario, settings.Threads, _ => state.Advance(), ctx.Cancellation, settings.CheckInvariants);
        ctx.Cancellation.ThrowIfCancellationRequested();
        WarnAboutBudget(ctx, run);
        return run;
    }

    /// <summary>Runs a large number of replications keeping none of them: with --out, their rows go to
    /// replications.csv as they finish; the summary keeps each metric's values only.</summary>
    public static (DeploySim.Metrics.RunSummary Summary, IReadOnlyList<string>? Files) Stream(
        CliContext ctx, Scenario scenario, RunSettings settings, ProgressState state, string? outDir,
        DeploySim.Reporting.ReportContext? context = null)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        StreamedRun Run(Action<DeploySim.Metrics.ReplicationResult> sink) => ctx.Merge is { } merge
            ? merge.Stream(0, scenario, sink)
            : ScenarioRunner.RunStreaming(scenario, sink, settings.Threads, _ => state.Advance(), ctx.Cancellation, settings.CheckInvariants);
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

    /// <summary>Runs a multi-fleet or pipeline scenario (under <c>merge</c>: reads work point <paramref name="point"/>).</summary>
    public static DeploySim.Pipelines.PipelineRunResult Pipeline(CliContext ctx, Scenario scenario, RunSettings settings, ProgressState state, int point)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        return ctx.Merge is { } merge
            ? merge.Pipeline(point, scenario)
            : DeploySim.Pipelines.PipelineRunner.Run(scenario, settings.Threads, _ => state.Advance(), ctx.Cancellation, settings.CheckInvariants);
    }

    /// <summary>Runaway protection: say which replications stopped at the event budget and what was still running.</summary>
    private static void WarnAboutBudget(CliContext ctx, RunResult run)
    {
        var stopped = run.Replications.Where(r => r.StopReason == DeploySim.Engine.StopReason.Budget).ToList();
        if (stopped.Count == 0) return;
        var s = run.Scenario;
        var first = stopped[0];
        ctx.Error.WriteLine(
            $"deploysim: {s.Name}: {stopped.Count} of {run.Replications.Count} replications stopped at the event budget of {s.EventBudget:N0} events " +
            $"before the {s.Horizon} horizon (replication {first.Replication + 1}: {first.Launches:N0} launches, {first.AbandonedLaunches:N0} abandoned, " +
            $"{first.UnfinishedInstances} instances still launching or terminating, deployment {first.Outcome.ToString().ToLowerInvariant()}); " +
            "their figures cover the simulated time reached. Raise eventBudget or look for a launch loop or an event storm.");
    }

    /// <summary>With --check-invariants, the closing line: how many events were checked, and that none broke an
    /// invariant (a violation stops the run before this). On stderr with --json, so that stdout stays one document.</summary>
    public static void ReportInvariants(CliContext ctx, RunSettings settings, bool json, IEnumerable<DeploySim.Metrics.RunSummary> summaries)
    {
        if (!settings.CheckInvariants) return;
        long events = 0;
        int replications = 0;
        foreach (var s in summaries)
        {
            events += (long)Math.Round(s["eventsProcessed"].Mean * s.Replications);
            replications += s.Replications;
        }
        string line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"invariants: checked after each of {events:#,0} events in {replications:#,0} replications; no invariant was violated");
        if (json) ctx.Error.WriteLine("deploysim: " + line);
        else ctx.Console.Write(new Text(line + "\n"));
    }

    /// <summary>"Wrote 23 files to out/" under the table (not with --json).</summary>
    public static void ReportFiles(CliContext ctx, string? dir, IReadOnlyList<string>? files)
    {
        if (dir is null || files is null) return;
        ctx.Console.Write(new Text($"Wrote {files.Count} files to {dir}\n"));
    }
}
