using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>docs/model.md#traffic-poll-scheduling: BlockTraffic's and AllowTraffic's scheduled polls (the default) and one
/// event per poll (the reference) give the same detail (every lifecycle event, target state, series point and memory
/// sample) and the same results on every shipped scenario, under its own strategy and the in-place and blue/green ones,
/// in both health-check modes; only the number of events and the trace differ.</summary>
public sealed class TrafficPollModeTests
{
    private const int Replications = 3;

    private static IEnumerable<TestCaseData> ShippedScenarios() =>
        Directory.EnumerateFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"TrafficPollModes_{Path.GetFileNameWithoutExtension(f)}"));

    [TestCaseSource(nameof(ShippedScenarios))]
    public void ScheduledAndEveryPoll_ShippedScenario_GiveIdenticalDetailAndResults(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file),
            [$"replications={Replications.ToString(CultureInfo.InvariantCulture)}"]);
        long saved = 0;
        bool traffic = false;
        foreach (var (strategy, variantOf) in new (string, Scenario)[] { ("its own strategy", scenario),
            ("in-place", FleetScenarios.WithStrategy(scenario, StrategyKind.InPlace)), ("blue/green", FleetScenarios.WithStrategy(scenario, StrategyKind.BlueGreen)) })
        {
            foreach (var fleet in FleetScenarios.Of(variantOf))
            {
                foreach (var checks in new[] { HealthCheckMode.Crossings, HealthCheckMode.Events })
                {
                    var variant = WithHealthChecks(fleet, checks);
                    for (int r = 0; r < Replications; r++)
                    {
                        var (scheduled, everyPoll) = (RunBoth(variant, r, TrafficPollMode.Scheduled), RunBoth(variant, r, TrafficPollMode.EveryPoll));
                        string where = $"{fleet.Name} under {strategy}, health checks {checks}, replication {r}";
                        AssertSame(scheduled, everyPoll, where);
                        saved += everyPoll.Result.EventsProcessed - scheduled.Result.EventsProcessed;
                        traffic |= everyPoll.Detail.Timeline.Any(t => t.Name is "BlockTraffic" or "AllowTraffic");
                    }
                }
            }
        }
        if (traffic) Assert.That(saved, Is.Positive, "scheduled polls save the polls that cannot end the wait");
    }

    /// <summary>The same on 60 generated scenarios (every strategy, configuration, script action, one to three target
    /// groups, scale events, failures and bad revisions; the reliability tests' generator), replication 0 of each.</summary>
    [Test]
    public void ScheduledAndEveryPoll_GeneratedScenarios_GiveIdenticalDetailAndResults()
    {
        var scenarios = DeploySim.Tests.Reliability.ScenarioGenerators.Scenario().Sample(60, new Rnd(1313, 2029), 300);
        foreach (var scenario in scenarios)
        {
            string yaml = DeploySim.Tests.Reliability.ScenarioYaml.Print(scenario);
            AssertSame(RunBoth(scenario, 0, TrafficPollMode.Scheduled), RunBoth(scenario, 0, TrafficPollMode.EveryPoll), "\n" + yaml);
        }
    }

    /// <summary>Traffic events that never reach their condition give up at the same poll in both modes: the first one an
    /// hour or more after each began (AllowTraffic on an application that never serves). All at once, with stop scripts
    /// of random length, the deadline queue holds eight waits that began at different times.</summary>
    [TestCase("OneAtATime", 1)]
    [TestCase("AllAtOnce", 8)]
    public void ScheduledPolls_AllowTrafficThatNeverSucceeds_FailsAtTheSamePollAsEveryPoll(string config, int failed)
    {
        var scenario = Fleets.Article(instances: 8).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },     // the unhealthy target is not replaced
            Deployment = f.Deployment with
            {
                Config = config == "AllAtOnce" ? DeploymentConfig.AllAtOnce : DeploymentConfig.OneAtATime,
                TrafficPollInterval = SimDuration.FromMilliseconds(7_000),
                TrafficWaitTimeout = SimDuration.FromMinutes(10),
                Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
                {
                    [LifecycleEvent.BeforeInstall] = [new HookScript { Location = "stop.sh", Action = ScriptAction.StopApplication, Duration = Distribution.LogNormal(10_000, 40_000) }],
                },
            },
        });
        var scheduled = RunBoth(scenario, 0, TrafficPollMode.Scheduled);
        var everyPoll = RunBoth(scenario, 0, TrafficPollMode.EveryPoll);
        AssertSame(scheduled, everyPoll, "never serving");
        var allows = scheduled.Detail.Timeline.Where(s => s.Name == "AllowTraffic").ToList();
        Assert.That(allows, Has.Count.EqualTo(failed));
        Assert.That(allows.Select(a => a.Start).Distinct().Count(), Is.EqualTo(failed), "the waits began at different times");
        foreach (var allow in allows)
        {
            Assert.That(allow.Status, Does.StartWith("Failed"));
            Assert.That((allow.End - allow.Start).Milliseconds, Is.EqualTo(602_000), "ceil(600 s / 7 s) polls of 7 s");
        }
        Assert.That(scheduled.Result.EventsProcessed, Is.LessThan(everyPoll.Result.EventsProcessed - (80 * failed)));
    }

    private sealed record Run(ReplicationResult Result, ReplicationDetail Detail);

    private static Run RunBoth(Scenario scenario, int replication, TrafficPollMode mode)
    {
        var world = new World { Invariants = { Enabled = true }, CodeDeploy = { TrafficPolls = mode } };
        world.Reset(scenario, replication, recordDetail: true);
        var result = world.Run();
        return new Run(result, world.Recorder.Detail());
    }

    private static Scenario WithHealthChecks(Scenario scenario, HealthCheckMode mode) => scenario.WithEachFleet(f => f with
    {
        TargetGroups = f.TargetGroups.Select(t => t with { HealthCheck = t.HealthCheck with { Mode = mode } }).ToArray(),
    });

    private static void AssertSame(Run scheduled, Run everyPoll, string where)
    {
        Assert.That(Json(scheduled.Detail), Is.EqualTo(Json(everyPoll.Detail)), $"detail of {where}");
        Assert.That(Json(scheduled.Result with { EventsProcessed = 0, TraceFingerprint = 0 }),
            Is.EqualTo(Json(everyPoll.Result with { EventsProcessed = 0, TraceFingerprint = 0 })), $"results of {where}");
        Assert.That(scheduled.Result.EventsProcessed, Is.LessThanOrEqualTo(everyPoll.Result.EventsProcessed), where);
    }

    private static readonly JsonSerializerOptions s_json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, s_json);
}
