using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>The lines a simulation command prints under its table: the invariants checked, the files written.</summary>
internal static class RunFooter
{
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
