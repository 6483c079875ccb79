using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using DeploySim.Model;
using DeploySim.Pipelines;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>docs/model.md#health-check-scheduling: the crossing scheduler (the default) and one event per check (the
/// reference, <c>healthCheck.mode: events</c>) give the same target state histories and the same results on every
/// shipped scenario, under its own strategy and the two others; only the number of events differs.</summary>
[Parallelizable(ParallelScope.Children)]   // long cases: each runs beside the other fixtures
public sealed class HealthCheckModeTests
{
    private const int Replications = 4;
    private static readonly StrategyKind[] s_strategies = [StrategyKind.InPlace, StrategyKind.BlueGreen, StrategyKind.GracefulRestart];

    private static IEnumerable<TestCaseData> ShippedScenarios() =>
        Directory.EnumerateFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"HealthCheckModes_{Path.GetFileNameWithoutExtension(f)}"));

    private static Scenario WithMode(Scenario scenario, HealthCheckMode mode) => scenario.WithEachFleet(f => f with
    {
        TargetGroups = f.TargetGroups.Select(t => t with { HealthCheck = t.HealthCheck with { Mode = mode } }).ToArray(),
    });

    [TestCaseSource(nameof(ShippedScenarios))]
    public void CrossingsAndEvents_ShippedScenario_GiveIdenticalTargetStateHistoriesAndResults(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file),
            [$"replications={Replications.ToString(CultureInfo.InvariantCulture)}"]);
        Assert.That(scenario.Fleets.SelectMany(f => f.TargetGroups).All(t => t.HealthCheck.Mode == HealthCheckMode.Crossings), "crossings is the default");
        long eventsSaved = 0;
        foreach (var strategy in s_strategies)
        {
            var variant = FleetScenarios.WithStrategy(scenario, strategy);
            foreach (var fleet in FleetScenarios.Of(variant))
            {
                for (int r = 0; r < Replications; r++)
                {
                    var (crossing, crossingDetail) = ScenarioRunner.RunOne(WithMode(fleet, HealthCheckMode.Crossings), r);
                    var (events, eventsDetail) = ScenarioRunner.RunOne(WithMode(fleet, HealthCheckMode.Events), r);
                    string where = $"{fleet.Name} under {strategy}, replication {r}";
                    Assert.That(TargetHistory(crossingDetail), Is.EqualTo(TargetHistory(eventsDetail)), $"target state history of {where}");
                    Assert.That(Comparable(crossing), Is.EqualTo(Comparable(events)).Using<DeploySim.Metrics.ReplicationResult>(SameResult), $"results of {where}");
                    Assert.That(crossing.EventsProcessed, Is.LessThanOrEqualTo(events.EventsProcessed), where);
                    eventsSaved += events.EventsProcessed - crossing.EventsProcessed;
                }
            }
            Assert.That(WithoutEventCounts(ScenarioRunReport.Json(DeploySim.Running.Runner.Run(WithMode(variant, HealthCheckMode.Crossings), 1))),
                Is.EqualTo(WithoutEventCounts(ScenarioRunReport.Json(DeploySim.Running.Runner.Run(WithMode(variant, HealthCheckMode.Events), 1)))), $"summary under {strategy}");
        }
        // With the latency model's cascade on, a check is a request behind the queue: every check is an event in both modes.
        if (scenario.Fleets.All(f => f.Traffic.Latency is not { OverloadFailsHealthChecks: true }))
            Assert.That(eventsSaved, Is.Positive, "the crossing scheduler saves the checks of steady targets");
    }

    /// <summary>The same on 60 generated scenarios (every strategy, configuration, script action, one to three target
    /// groups, scale events, failures and bad revisions; the reliability tests' generator), replication 0 of each.</summary>
    [Test]
    public void CrossingsAndEvents_GeneratedScenarios_GiveIdenticalTargetStateHistoriesAndResults()
    {
        var scenarios = DeploySim.Tests.Reliability.ScenarioGenerators.Scenario().Sample(60, new Rnd(1309, 2027), 300);
        foreach (var scenario in scenarios)
        {
            var (crossing, crossingDetail) = ScenarioRunner.RunOne(WithMode(scenario, HealthCheckMode.Crossings), 0);
            var (events, eventsDetail) = ScenarioRunner.RunOne(WithMode(scenario, HealthCheckMode.Events), 0);
            string yaml = DeploySim.Tests.Reliability.ScenarioYaml.Print(scenario);
            Assert.That(TargetHistory(crossingDetail), Is.EqualTo(TargetHistory(eventsDetail)), () => "target state history of\n" + yaml);
            Assert.That(Comparable(crossing), Is.EqualTo(Comparable(events)).Using<DeploySim.Metrics.ReplicationResult>(SameResult), () => "results of\n" + yaml);
        }
    }

    /// <summary>Every target state span (instance, group, state, start, end) in the order recorded.</summary>
    private static List<string> TargetHistory(DeploySim.Metrics.ReplicationDetail detail) =>
        detail.Timeline.Where(s => s.Lane.StartsWith("target group", StringComparison.Ordinal))
            .Select(s => $"{s.Instance} {s.Lane} {s.Name} {s.Start.Milliseconds}-{s.End.Milliseconds}").ToList();

    /// <summary>The result without what only the number of events decides: the count and the trace.</summary>
    private static DeploySim.Metrics.ReplicationResult Comparable(DeploySim.Metrics.ReplicationResult r) => r with { EventsProcessed = 0, TraceFingerprint = 0 };

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Every field, compared through its JSON form (the record's own equality compares its dictionary by reference).</summary>
    private static bool SameResult(DeploySim.Metrics.ReplicationResult a, DeploySim.Metrics.ReplicationResult b) =>
        System.Text.Json.JsonSerializer.Serialize(a, s_json) == System.Text.Json.JsonSerializer.Serialize(b, s_json);

    /// <summary>The summary JSON without the <c>eventsProcessed</c> metric (the one number the modes are meant to change).</summary>
    private static string WithoutEventCounts(string json)
    {
        var root = JsonNode.Parse(json)!;
        Strip(root);
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    o.Remove("eventsProcessed");
                    foreach (var (_, child) in o.ToList()) Strip(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Strip(child);
                    break;
            }
        }
    }
}
