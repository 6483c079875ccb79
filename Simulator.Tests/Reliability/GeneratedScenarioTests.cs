#pragma warning disable NUnit1027 // FsCheck properties take arguments that NUnit does not supply
using System.Diagnostics;
using DeploySim.Scenarios;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace DeploySim.Tests.Reliability;

/// <summary>Random valid scenarios (<see cref="ScenarioGenerators"/>) run to their horizon, hold every invariant, give
/// finite results, and give identical results run again, loaded back from their printed YAML, and in parallel.</summary>
/// <remarks>The seed is fixed so that CI runs the same cases every time. A failure prints FsCheck's seed and the
/// scenario's YAML: keep the YAML as a case in <see cref="RegressionTests"/>. To look for new failures, run
/// <see cref="Explore"/> with RELIABILITY_CASES and RELIABILITY_SEED set.</remarks>
public sealed class GeneratedScenarioTests
{
    /// <summary>Cases per CI run (each runs its scenario three times with invariants on).</summary>
    public const int Cases = 100;

    [Property(MaxTest = Cases, Replay = "20180901,2018090101", QuietOnSuccess = true, Arbitrary = [typeof(GeneratedScenarioArbitrary)])]
    public void GeneratedScenario_RunsCleanlyAndReproducibly(GeneratedScenario g) => ReliabilityChecks.Check(g.Scenario);

    /// <summary>The printer writes every generated scenario in a form the loader reads back to the same scenario (cheap: no run).</summary>
    [Test]
    public void GeneratedScenarios_PrintedYaml_LoadsBackToTheSameScenario()
    {
        var scenarios = ScenarioGenerators.Scenario().Sample(50, new Rnd(7, 11), 300);
        foreach (var s in scenarios)
        {
            string yaml = ScenarioYaml.Print(s);
            var errors = ScenarioLoader.ValidateText(yaml, "generated.yaml", Path.GetTempPath());
            Assert.That(errors, Is.Empty, () => yaml);
            Assert.That(ScenarioYaml.Print(ScenarioLoader.LoadText(yaml, "generated.yaml", Path.GetTempPath())), Is.EqualTo(yaml));
        }
    }

    /// <summary>The generator reaches every strategy, configuration kind, script action, target group count and fleet
    /// size class, scale events and traffic profiles, and every kind of distribution.</summary>
    [Test]
    public void GeneratedScenarios_CoverTheDocumentedRanges()
    {
        var s = ScenarioGenerators.Scenario().Sample(50, new Rnd(20180901, 2018090101), 300);
        var configs = s.Select(x => x.Fleet.Deployment.Config.IsOneAtATime ? "OneAtATime" : x.Fleet.Deployment.Config.Name.StartsWith("Custom", StringComparison.Ordinal) ? x.Fleet.Deployment.Config.Type.ToString() : x.Fleet.Deployment.Config.Name);
        Assert.Multiple(() =>
        {
            Assert.That(s.Select(x => x.Fleet.Deployment.Strategy).Distinct(), Is.EquivalentTo(Enum.GetValues<StrategyKind>()));
            Assert.That(configs.Distinct(), Is.EquivalentTo(new[] { "OneAtATime", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.AllAtOnce", "HostCount", "FleetPercent" }));
            Assert.That(s.SelectMany(x => x.Fleet.Deployment.Hooks.Values.SelectMany(l => l)).Select(h => h.Action).Distinct(), Is.EquivalentTo(Enum.GetValues<ScriptAction>()));
            Assert.That(s.Select(x => x.Fleet.TargetGroups.Count).Distinct(), Is.EquivalentTo(new[] { 1, 2, 3 }));
            Assert.That(s.Select(x => x.Fleet.AutoScaling.DesiredCapacity), Has.Some.EqualTo(1).And.Some.GreaterThan(100).And.All.InRange(1, 200));
            Assert.That(s.Select(x => x.Fleet.AutoScaling.ScheduledActions.Count), Has.Some.GreaterThan(1));
            Assert.That(s.Select(x => x.Fleet.Traffic.Profile.Count), Has.Some.GreaterThan(1).And.Some.EqualTo(0));
            Assert.That(s.Select(x => x.Fleet.Deployment.StartAt), Has.Some.Null);
            Assert.That(s.SelectMany(x => x.Fleet.TargetGroups).Select(t => t.HealthCheck.Interval.TotalSeconds), Has.Some.EqualTo(5).And.Some.EqualTo(300));
            Assert.That(s.Select(x => x.Fleet.Instances.BootTime.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<DeploySim.Engine.DistributionKind>()));
            Assert.That(s.Select(x => x.Fleet.OpsWorks.SetupFailureRate), Has.Some.GreaterThan(0));
            Assert.That(s.Select(x => x.Fleet.Instances.FailureRatePerHour), Has.Some.GreaterThan(0));
            Assert.That(s.Select(x => x.Horizon.TotalHours), Has.All.InRange(2, 6));
            Assert.That(s.Select(x => x.Replications), Has.All.InRange(1, 3));
        });
    }

    /// <summary>Looks for failures beyond the CI cases: RELIABILITY_CASES scenarios (default 500) from RELIABILITY_SEED.</summary>
    [Test]
    [Explicit("exploration: many more cases than CI runs")]
    public void Explore()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_CASES"), out int n) ? n : 500;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_SEED"), out ulong s) ? s : 1;
        var failures = new List<string>();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string key) => tally[key] = tally.GetValueOrDefault(key) + 1;
        var clock = Stopwatch.StartNew();
        for (int k = 0; k < cases; k++)
        {
            var scenario = ScenarioGenerators.Scenario().Sample(50, new Rnd(seed, (ulong)(2 * k) + 1), 1)[0];
            try
            {
                ReliabilityChecks.Check(scenario, out var results);
                Count($"strategy {scenario.Fleet.Deployment.Strategy}, start {(scenario.Fleet.Deployment.StartAt is null ? "never" : "set")}");
                Count($"fleet {(scenario.Fleet.AutoScaling.DesiredCapacity <= 12 ? "1-12" : scenario.Fleet.AutoScaling.DesiredCapacity <= 40 ? "13-40" : "41-200")}");
                foreach (var r in results ?? [])
                {
                    Count($"outcome {r.Outcome}");
                    Count($"stop {r.StopReason}");
                    if (r.OomKills > 0) Count("with OOM kills");
                    if (r.AbandonedLaunches > 0) Count("with abandoned launches");
                    if (r.FailedRequests > 0) Count("with failed requests");
                    if (r.StaleInstances > 0) Count("with stale instances");
                    if (r.UnfinishedInstances > 0) Count("with unfinished instances");
                    if (r.PeakInstances > scenario.Fleet.AutoScaling.DesiredCapacity) Count("peak above the initial fleet");
                }
            }
            catch (ReliabilityFailure ex)
            {
                failures.Add($"=== case seed {seed}, gamma {(2 * k) + 1}\n{ex.Message}");
            }
        }
        TestContext.Out.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failed");
        foreach (var (key, count) in tally) TestContext.Out.WriteLine($"  {key}: {count}");
        Assert.That(failures, Is.Empty, () => string.Join("\n", failures));
    }
}
