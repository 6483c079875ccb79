using System.Text.Json;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Reporting;

public sealed class JsonReportTests
{
    private static readonly string[] s_runKeys = ["scenario", "strategy", "seed", "replications", "outcome", "metrics"];
    private static readonly string[] s_outcomeKeys = ["succeeded", "failed", "stopped", "rolledBack", "unfinished", "failureReasons"];
    private static readonly string[] s_statKeys = ["mean", "p50", "p90", "p99", "min", "max"];

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Test]
    public void Run_Summary_HasExactlyTheStableKeysInOrder()
    {
        using var doc = JsonDocument.Parse(JsonReport.Run(ReportFixtures.Summary()));
        var root = doc.RootElement;

        Assert.That(Keys(root), Is.EqualTo(s_runKeys));
        Assert.That(Keys(root.GetProperty("outcome")), Is.EqualTo(s_outcomeKeys));
        var metrics = root.GetProperty("metrics");
        Assert.That(Keys(metrics), Is.EqualTo(RunSummary.MetricNames.Prepend("successRate").Append("phaseSeconds")));
        Assert.That(metrics.GetProperty("successRate").GetDouble(), Is.EqualTo(0.8));
        Assert.That(Keys(root.GetProperty("outcome").GetProperty("failureReasons")), Is.EqualTo(new[] { "INSTANCE_TERMINATED", "SCRIPT_FAILED" }));
        foreach (var metric in metrics.EnumerateObject().Where(m => m.Name is not ("phaseSeconds" or "successRate")))
            Assert.That(Keys(metric.Value), Is.EqualTo(s_statKeys), metric.Name);
        var phases = metrics.GetProperty("phaseSeconds");
        Assert.That(Keys(phases), Is.EqualTo(ReportFixtures.InPlaceEvents.Select(e => e.ToString())));
        foreach (var phase in phases.EnumerateObject())
            Assert.That(Keys(phase.Value), Is.EqualTo(s_statKeys), phase.Name);
    }

    [Test]
    public void Run_Summary_ParsesBackToTheSameNumbers()
    {
        var summary = ReportFixtures.Summary(name: "web-fleet", strategy: StrategyKind.BlueGreen, replications: 10);

        using var doc = JsonDocument.Parse(JsonReport.Run(summary));
        var root = doc.RootElement;

        Assert.That(root.GetProperty("scenario").GetString(), Is.EqualTo("web-fleet"));
        Assert.That(root.GetProperty("strategy").GetString(), Is.EqualTo("blue-green"));
        Assert.That(root.GetProperty("seed").GetUInt64(), Is.EqualTo(1UL));
        Assert.That(root.GetProperty("replications").GetInt32(), Is.EqualTo(10));
        Assert.That(root.GetProperty("outcome").GetProperty("succeeded").GetInt32(), Is.EqualTo(8));
        Assert.That(root.GetProperty("outcome").GetProperty("failed").GetInt32(), Is.EqualTo(2));
        foreach (var (name, stats) in summary.Metrics)
        {
            var m = root.GetProperty("metrics").GetProperty(name);
            Assert.That(m.GetProperty("mean").GetDouble(), Is.EqualTo(stats.Mean), name);
            Assert.That(m.GetProperty("p50").GetDouble(), Is.EqualTo(stats.P50), name);
            Assert.That(m.GetProperty("p90").GetDouble(), Is.EqualTo(stats.P90), name);
            Assert.That(m.GetProperty("p99").GetDouble(), Is.EqualTo(stats.P99), name);
            Assert.That(m.GetProperty("min").GetDouble(), Is.EqualTo(stats.Min), name);
            Assert.That(m.GetProperty("max").GetDouble(), Is.EqualTo(stats.Max), name);
        }
        var allowTraffic = root.GetProperty("metrics").GetProperty("phaseSeconds").GetProperty("AllowTraffic");
        Assert.That(allowTraffic.GetProperty("min").GetDouble(), Is.EqualTo(95));
        Assert.That(allowTraffic.GetProperty("max").GetDouble(), Is.EqualTo(96));
        Assert.That(root.GetProperty("metrics").GetProperty("rolloutSeconds").GetProperty("min").GetDouble(), Is.EqualTo(1800));
    }

    [Test]
    public void Run_NoReplicationSucceeded_RolloutSecondsIsNullAndFailuresHaveTheirOwnTime()
    {
        var results = ReportFixtures.Results(5).Select(r => r with
        {
            Outcome = DeploymentOutcome.Failed, FailureReason = FailureReasons.HealthConstraints, TimeToFailureSeconds = 300 + r.Replication,
        }).ToList();

        using var doc = JsonDocument.Parse(JsonReport.Run(RunSummary.From(ReportFixtures.Scenario(), results)));

        var metrics = doc.RootElement.GetProperty("metrics");
        Assert.That(metrics.GetProperty("rolloutSeconds").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(metrics.GetProperty("successRate").GetDouble(), Is.Zero);
        Assert.That(metrics.GetProperty("timeToFailureSeconds").GetProperty("max").GetDouble(), Is.EqualTo(304));
        Assert.That(doc.RootElement.GetProperty("outcome").GetProperty("failureReasons").GetProperty("HEALTH_CONSTRAINTS").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void Run_NonFiniteAndNegativeZero_WritesValidJsonWithNullAndZero()
    {
        var summary = ReportFixtures.Summary() with
        {
            Metrics =
            [
                new("rolloutSeconds", new MetricSummary(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.1, 1e-7)),
            ],
        };

        var json = JsonReport.Run(summary);

        using var doc = JsonDocument.Parse(json);
        var m = doc.RootElement.GetProperty("metrics").GetProperty("rolloutSeconds");
        Assert.That(m.GetProperty("mean").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(m.GetProperty("p50").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(m.GetProperty("p90").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(m.GetProperty("p99").GetRawText(), Is.EqualTo("0"));
        Assert.That(m.GetProperty("min").GetRawText(), Is.EqualTo("0.1"));
        Assert.That(m.GetProperty("max").GetDouble(), Is.EqualTo(1e-7));
    }

    [Test]
    public void Run_Text_IsIndentedWithLineFeedsAndEndsWithNewline()
    {
        var json = JsonReport.Run(ReportFixtures.Summary());

        Assert.That(json, Does.Not.Contain("\r"));
        Assert.That(json, Does.StartWith("{\n  \"scenario\": \"web-fleet\",\n  \"strategy\": \"in-place\",\n"));
        Assert.That(json, Does.EndWith("}\n"));
    }

    [Test]
    public void Run_TwiceAndUnderACommaCulture_IsByteIdentical()
    {
        var summary = ReportFixtures.Summary(replications: 7, scale: 1.1);

        var first = JsonReport.Run(summary);
        var second = JsonReport.Run(summary);
        var underComma = CommaCulture.Run(() => JsonReport.Run(summary));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(underComma, Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"mean\": 13.75,"), "instanceHours with a decimal point, not a comma");
    }

    [Test]
    public void Run_ScenarioNameWithQuotesAndAccents_RoundTrips()
    {
        var summary = ReportFixtures.Summary(name: "prod \"eu\" [blue] café");

        using var doc = JsonDocument.Parse(JsonReport.Run(summary));

        Assert.That(doc.RootElement.GetProperty("scenario").GetString(), Is.EqualTo("prod \"eu\" [blue] café"));
    }

    [Test]
    public void Compare_EveryStrategy_ResultsInGivenOrderWithRunKeys()
    {
        var summaries = Enum.GetValues<StrategyKind>().Select(s => ReportFixtures.Summary(strategy: s)).ToList();

        using var doc = JsonDocument.Parse(JsonReport.Compare(summaries));

        Assert.That(Keys(doc.RootElement), Is.EqualTo(new[] { "results" }));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("strategy").GetString()), Is.EqualTo(new[] { "in-place", "blue-green", "graceful-restart", "instance-refresh" }));
        Assert.That(results.Select(Keys), Has.All.EqualTo(s_runKeys));
    }

    [Test]
    public void Sweep_TwoParameters_PutsParametersFirstInGivenOrder()
    {
        var rows = ReportFixtures.Sweep(["unicorn.workers=4", "asg.maxSize=6"], ["unicorn.workers=8", "asg.maxSize=6"]);

        using var doc = JsonDocument.Parse(JsonReport.Sweep(rows));

        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(Keys(results[0]), Is.EqualTo(s_runKeys.Prepend("parameters")));
        var parameters = results[1].GetProperty("parameters");
        Assert.That(Keys(parameters), Is.EqualTo(new[] { "unicorn.workers", "asg.maxSize" }));
        Assert.That(parameters.GetProperty("unicorn.workers").GetString(), Is.EqualTo("8"));
    }

    [Test]
    public void Plan_Rows_HaveThePlanKeysAndNumbers()
    {
        var rows = ReportFixtures.Plan();

        using var doc = JsonDocument.Parse(JsonReport.Plan(rows));

        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(rows.Count));
        Assert.That(Keys(results[0]), Is.EqualTo(new[]
        {
            "strategy", "instanceMemoryMiB", "maxSafeWorkers", "instancesNeeded", "peakInstances", "instanceHoursPerRollout",
            "rolloutSeconds", "peakMemoryPct", "successRate", "outcome",
        }));
        Assert.That(results[0].GetProperty("strategy").GetString(), Is.EqualTo("in-place"));
        Assert.That(results[0].GetProperty("instanceMemoryMiB").GetInt64(), Is.EqualTo(rows[0].InstanceMemoryMiB));
        Assert.That(results[0].GetProperty("maxSafeWorkers").GetInt32(), Is.EqualTo(rows[0].MaxSafeWorkers));
        Assert.That(results[0].GetProperty("instancesNeeded").GetInt32(), Is.EqualTo(rows[0].InstancesNeeded));
        Assert.That(Keys(results[0].GetProperty("peakInstances")), Is.EqualTo(s_statKeys));
        Assert.That(results[0].GetProperty("instanceHoursPerRollout").GetProperty("max").GetDouble(), Is.EqualTo(rows[0].InstanceHoursPerRollout.Max));
    }

    [Test]
    public void ReportNames_EveryEnumValue_HasAName()
    {
        Assert.Multiple(() =>
        {
            foreach (var s in Enum.GetValues<StrategyKind>()) Assert.That(ReportNames.Of(s), Does.Match("^[a-z-]+$"));
            foreach (var o in Enum.GetValues<DeploymentOutcome>()) Assert.That(ReportNames.Of(o), Does.Match("^[a-zA-Z]+$"));
            foreach (var r in Enum.GetValues<DeploySim.Engine.StopReason>()) Assert.That(ReportNames.Of(r), Does.Match("^[a-z]+$"));
        });
    }
}
