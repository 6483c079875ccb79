using DeploySim.Scenarios;
using DeploySim.World;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>What the simulation commands share: running a scenario with progress, and saying where files went.</summary>
internal static class Simulate
{
    /// <summary>Runs every replication, advancing <paramref name="state"/> per replication. Throws
    /// <see cref="OperationCanceledException"/> when cancelled, even during the last replication.</summary>
    public static RunResult Run(CliContext ctx, Scenario scenario, int threads, ProgressState state)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        var run = ScenarioRunner.Run(scenario, threads, _ => state.Advance(), ctx.Cancellation);
        ctx.Cancellation.ThrowIfCancellationRequested();
        return run;
    }

    /// <summary>"Wrote 23 files to out/" under the table (not with --json).</summary>
    public static void ReportFiles(CliContext ctx, string? dir, IReadOnlyList<string>? files)
    {
        if (dir is null || files is null) return;
        ctx.Console.Write(new Text($"Wrote {files.Count} files to {dir}\n"));
    }
}
