namespace DeploySim.Tests.Cli;

/// <summary>--format: tables that never break a number or a header, for pipes, documents and spreadsheets.</summary>
public sealed partial class AppTests
{
    [Test]
    public void Compare_FormatPlain_PrintsAlignedColumnsWithNoBoxAndNoWrappedCell()
    {
        var r = CliRun.Run("compare", CliRun.Small, "-n", "2", "--format", "plain");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Not.Contain("│").And.Not.Contain("╭"));
        var lines = r.Out.Split('\n');
        var header = lines.Single(l => l.StartsWith("metric ", StringComparison.Ordinal));
        Assert.That(header, Does.Match(@"^metric\s+in-place\s+blue-green\s+graceful-restart\s+instance-refresh$"));
        // Every row of the table is one line: its label, then exactly one value per strategy, right-aligned under the header.
        var row = lines.Single(l => l.StartsWith("instance-hours, mean", StringComparison.Ordinal));
        Assert.That(row.Length, Is.EqualTo(header.Length));
        Assert.That(row["instance-hours, mean".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(4));
    }

    [Test]
    public void Run_FormatCsv_PrintsEachTableAsCsvWithUngroupedNumbers()
    {
        var r = CliRun.Run("run", CliRun.Small, "-n", "2", "--format", "csv");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var tables = r.Out.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(tables[0], Does.StartWith("metric,mean,p50,p90,p99,min,max\n"));
        var events = tables[0].Split('\n').Single(l => l.StartsWith("events processed,", StringComparison.Ordinal));
        Assert.That(events.Split(','), Has.Length.EqualTo(7));
        Assert.That(events.Split(',').Skip(1).All(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)), Is.True, events);
    }

    [Test]
    public void Sweep_FormatMarkdown_PrintsAPipeTable()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=3,4", "--format", "markdown");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("| unicorn.workers | success rate | rollout p50 (s) |").And.Contain("|---|---:|"));
        Assert.That(r.Out.Split('\n').Count(l => l.StartsWith("| 3 |", StringComparison.Ordinal) || l.StartsWith("| 4 |", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void Run_BadFormat_IsAUsageErrorNamingTheValue()
    {
        var r = CliRun.Run("run", CliRun.Small, "--format", "xml");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.StartWith("deploysim: --format: 'xml'"));
    }
}

/// <summary>--check-invariants ends with what it checked.</summary>
public sealed class CheckInvariantsLineTests
{
    [Test]
    public void Run_CheckInvariants_EndsWithTheEventsCheckedAndNoViolation()
    {
        var json = CliRun.Run("run", CliRun.Small, "-n", "3", "--json");
        long events = (long)Math.Round(json.Json().GetProperty("metrics").GetProperty("eventsProcessed").GetProperty("mean").GetDouble() * 3);

        var r = CliRun.Run("run", CliRun.Small, "-n", "3", "--check-invariants");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out.TrimEnd().Split('\n')[^1],
            Is.EqualTo($"invariants: checked after each of {events:#,0} events in 3 replications; no invariant was violated"));
    }

    [Test]
    public void Run_CheckInvariantsWithJson_KeepsStdoutOneDocument()
    {
        var r = CliRun.Run("run", CliRun.Small, "-n", "2", "--check-invariants", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(() => r.Json(), Throws.Nothing);
        Assert.That(r.Error, Does.Contain("deploysim: invariants: checked after each of"));
    }
}
