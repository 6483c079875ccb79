using DeploySim.Reporting;
using DeploySim.Scenarios;
using Spectre.Console;

namespace DeploySim.Tests.Reporting;

public sealed class ConsoleTablesTests
{
    /// <summary>Renders into a plain, wide, colourless console and returns the text.</summary>
    private static string Capture(Action<IAnsiConsole> render)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        render(console);
        return writer.ToString();
    }

    [Test]
    public void Run_Summary_ShowsOutcomesMetricsAndPhasesWithValues()
    {
        var summary = ReportFixtures.Summary();

        var text = Capture(c => ConsoleTables.Run(c, summary));

        Assert.That(text, Does.Contain("web-fleet: in-place, seed 1, 10 replications"));
        Assert.That(text, Does.Contain("8 succeeded, 2 failed, 0 stopped, 0 rolled back, 0 unfinished"));
        foreach (var metric in DeploySim.Metrics.RunSummary.MetricNames)
            Assert.That(text, Does.Contain(ReportNames.MetricLabel(metric)), metric);
        Assert.That(text, Does.Contain("mean").And.Contain("p99"));
        Assert.That(text, Does.Contain("1,949"), "rollout mean of the 8 successes, 1949, with a thousands separator");
        Assert.That(text, Does.Contain("success rate: 80 %"));
        Assert.That(text, Does.Contain("top failure reason: INSTANCE_TERMINATED (1)").Or.Contain("top failure reason: SCRIPT_FAILED (1)"));
        Assert.That(text, Does.Contain("25,450"), "events processed mean");
        Assert.That(text, Does.Contain("AllowTraffic").And.Contain("95.5"));
    }

    [Test]
    public void Run_BracketsInScenarioName_PrintsThemLiterally()
    {
        var summary = ReportFixtures.Summary(name: "web [prod] [[x]] [/]");

        var text = Capture(c => ConsoleTables.Run(c, summary));

        Assert.That(text, Does.Contain("web [prod] [[x]] [/]: in-place"));
    }

    [Test]
    public void Run_UnderACommaCulture_PrintsInvariantNumbers()
    {
        var summary = ReportFixtures.Summary();

        var text = CommaCulture.Run(() => Capture(c => ConsoleTables.Run(c, summary)));

        Assert.That(text, Does.Contain("1,949"));
        Assert.That(text, Is.EqualTo(Capture(c => ConsoleTables.Run(c, summary))));
    }

    [Test]
    public void Compare_ThreeStrategies_OneColumnPerStrategyAndKeyMetricRows()
    {
        var summaries = Enum.GetValues<StrategyKind>().Select((s, i) => ReportFixtures.Summary(strategy: s, scale: 1 + i)).ToList();

        var text = Capture(c => ConsoleTables.Compare(c, summaries));

        var header = text.Split('\n').First(l => l.Contains("metric", StringComparison.Ordinal));
        Assert.That(header, Does.Contain("in-place").And.Contain("blue-green").And.Contain("graceful-restart"));
        Assert.That(header.IndexOf("in-place", StringComparison.Ordinal), Is.LessThan(header.IndexOf("blue-green", StringComparison.Ordinal)));
        var rows = text.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries).ElementAtOrDefault(1) ?? "").Where(l => l.Length > 0).ToList();
        string[] firstRows =
        [
            "success rate", "top failure reason", "rollout time of successes, p50", "rollout time of successes, p90",
            "min serving capacity, weakest group (%), worst", "min serving capacity, weakest group (%), mean",
            "peak memory (% of instance), max", "instance-hours, mean", "time to failure, p50",
        ];
        Assert.That(rows.Skip(1).Take(firstRows.Length), Is.EqualTo(firstRows), "success rate first, then rollout time of the successes, capacity, memory, instance-hours");
        var rateRow = text.Split('\n').First(l => l.Contains("success rate", StringComparison.Ordinal));
        Assert.That(rateRow, Does.Contain("80 %"));
        var rolloutRow = text.Split('\n').First(l => l.Contains("rollout time of successes, p90", StringComparison.Ordinal));
        Assert.That(rolloutRow, Does.Contain(ConsoleTables.Duration(summaries[0]["rolloutSeconds"].P90)));
        Assert.That(rolloutRow, Does.Contain(ConsoleTables.Duration(summaries[2]["rolloutSeconds"].P90)));
    }

    [TestCase(10_844.18, "3 h 0 min")]
    [TestCase(8_978.17, "2 h 29 min")]
    [TestCase(156.33, "2 min 36 s")]
    [TestCase(45.4, "45 s")]
    [TestCase(double.NaN, "")]
    public void Duration_ReadsAsHoursMinutesSeconds(double seconds, string expected) =>
        Assert.That(ConsoleTables.Duration(seconds), Is.EqualTo(expected));

    [Test]
    public void Sweep_BracketsInParameters_OneRowPerCombinationPrintedLiterally()
    {
        var rows = ReportFixtures.Sweep(["hooks[0].timeout=30s", "asg.maxSize=[4]"], ["hooks[0].timeout=5m", "asg.maxSize=[6]"]);

        var text = Capture(c => ConsoleTables.Sweep(c, rows));

        Assert.That(text, Does.Contain("hooks[0].timeout").And.Contain("asg.maxSize"));
        Assert.That(text, Does.Contain("[4]").And.Contain("[6]").And.Contain("5m"));
        Assert.That(text.Split('\n').Count(l => l.Contains("30s", StringComparison.Ordinal) || l.Contains("5m", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(text, Does.Contain("rollout p50 (s)").And.Contain("OOM kills"));
    }

    [Test]
    public void Plan_Rows_ShowsSizesWorkersAndInstances()
    {
        var rows = ReportFixtures.Plan();

        var text = Capture(c => ConsoleTables.Plan(c, rows));

        Assert.That(text, Does.Contain("instances needed").And.Contain("max safe workers"));
        Assert.That(text, Does.Contain("16,384").And.Contain("graceful-restart"));
        var line = text.Split('\n').First(l => l.Contains("blue-green", StringComparison.Ordinal) && l.Contains("8,192", StringComparison.Ordinal));
        var row = rows.First(r => r.Strategy == StrategyKind.BlueGreen && r.InstanceMemoryMiB == 8192);
        Assert.That(line, Does.Contain($" {row.MaxSafeWorkers} ").And.Contain($" {row.InstancesNeeded} "));
    }
}
