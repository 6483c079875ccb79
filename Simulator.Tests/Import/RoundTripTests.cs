using DeploySim.Engine;
using DeploySim.Import;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Import;

/// <summary>A scenario with known distributions produces a deployment history in the AWS CLI's JSON; <c>fit</c> recovers
/// the distributions within sampling error and <c>replay</c> of the fitted scenario agrees with the history.</summary>
/// <remarks>
/// One replication of 400 instances (AllAtOnce, in-place, one target group) gives n = 400 per lifecycle event. The
/// tolerance on a fitted lognormal's median is 4 standard errors of the MLE, 4·σ/√n in log space; on its p90,
/// 4·σ·√((1 + z²/2)/n) (z = 1.2816), with σ the true log-sd. With these scenarios that is 5 % to 13 % on medians and
/// 7 % to 19 % on p90s (the test prints the errors). The four traffic hooks run no script (emptyEventTime, pooled: n =
/// 1,600) and every instance has 12 gaps between its events (agentEventGap: n = 4,800), held to the same tolerance.
/// The history, the fit and its files are made once for the fixture.
/// </remarks>
public sealed class RoundTripTests
{
    private Trip _trip = null!;

    [OneTimeSetUp]
    public void MakeHistoryAndFit() => _trip = Run();

    [OneTimeTearDown]
    public void RemoveFiles() => _trip.Dir.Dispose();

    private const int Instances = 400;

    /// <summary>The known truth. AfterInstall has two scripts (the second takes no time), to exercise the split rule.</summary>
    private static string Truth(string durations = "") => $$"""
        name: round-trip
        seed: 7
        replications: 1
        horizon: 40m
        opsWorks: { enabled: false }
        autoScaling: { desiredCapacity: {{Instances}}, minSize: {{Instances}}, maxSize: {{Instances}}, healthCheckType: EC2 }
        targetGroups:
          - name: web
            healthCheck: { interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2 }
            deregistrationDelay: 10s
        deployment:
          strategy: in-place
          startAt: 1m
          deploymentConfig: CodeDeployDefault.AllAtOnce
          targetGroups: [web]
          downloadBundleTime: {{(durations == "" ? "{ lognormal: { median: 4s, p90: 9s } }" : durations)}}
          installTime: {{(durations == "" ? "{ lognormal: { median: 2s, p90: 3s } }" : durations)}}
          # the agent: the four traffic hooks have no scripts, and every event waits for the agent's next poll
          emptyEventTime: {{(durations == "" ? "{ lognormal: { median: 300ms, p90: 600ms } }" : durations)}}
          agentEventGap: {{(durations == "" ? "{ lognormal: { median: 1100ms, p90: 1400ms } }" : durations)}}
          hooks:
            ApplicationStop:
              - { location: stop.sh, duration: {{(durations == "" ? "{ lognormal: { median: 5s, p90: 8s } }" : durations)}}, action: stopApplication }
            BeforeInstall:
              - { location: deps.sh, timeout: 900s, duration: {{(durations == "" ? "{ lognormal: { median: 40s, p90: 70s } }" : durations)}} }
            AfterInstall:
              # the model's time is all in migrate.sh
              - { location: migrate.sh, timeout: 900s, duration: {{(durations == "" ? "{ lognormal: { median: 20s, p90: 45s } }" : durations)}} }
              - { location: assets.sh, timeout: 600s, duration: {{(durations == "" ? "0s" : durations)}} }
            ApplicationStart:
              - { location: start.sh, duration: {{(durations == "" ? "{ lognormal: { median: 25s, p90: 35s } }" : durations)}}, action: startApplication }
            ValidateService:
              - { location: check.sh, duration: {{(durations == "" ? "{ lognormal: { median: 6s, p90: 12s } }" : durations)}} }
        """;

    /// <summary>True medians and p90s (seconds) per fitted event.</summary>
    private static readonly (LifecycleEvent Event, double Median, double P90)[] s_true =
    [
        (LifecycleEvent.ApplicationStop, 5, 8), (LifecycleEvent.DownloadBundle, 4, 9), (LifecycleEvent.BeforeInstall, 40, 70),
        (LifecycleEvent.Install, 2, 3), (LifecycleEvent.AfterInstall, 20, 45), (LifecycleEvent.ApplicationStart, 25, 35),
        (LifecycleEvent.ValidateService, 6, 12),
    ];

    private sealed record Trip(ScratchDirectory Dir, string TruthPath, string StartPath, string HistoryV1, string HistoryV2, string FittedPath, FitResult Fit);

    private static Trip Run()
    {
        var dir = new ScratchDirectory();
        var truthPath = dir.Write("truth.yaml", Truth());
        var truth = ScenarioLoader.Load(truthPath);
        var (_, detail) = ScenarioRunner.RunOne(truth, replication: 0, detail: true);
        var v1 = dir.Write("d-ROUNDTRIP1-v1.json", SyntheticHistory.Write(detail, "d-ROUNDTRIP1", iso: false));
        var v2 = dir.Write("d-ROUNDTRIP1-v2.json", SyntheticHistory.Write(detail, "d-ROUNDTRIP1", iso: true));
        // The scenario to calibrate: same fleet, every duration a flat 1 s.
        var startPath = dir.Write("start.yaml", "# yaml-language-server: $schema=./scenario.schema.json\n# the scenario before fitting\n" + Truth("1s"));
        var fittedPath = dir.File("fitted.yaml");
        var fit = DeploySim.Reporting.ImportFiles.Fit(startPath, DeploymentHistory.Read([v1]), fittedPath, [v1]);
        return new Trip(dir, truthPath, startPath, v1, v2, fittedPath, fit);
    }

    [Test]
    public void Fit_SyntheticHistory_RecoversEachLognormalWithinFourStandardErrors()
    {
        var trip = _trip;
        var fitted = ScenarioLoader.Load(trip.FittedPath);
        foreach (var (ev, median, p90) in s_true)
        {
            var f = trip.Fit.Events.Single(e => e.Event == ev).Fit!;
            double sigma = (Math.Log(p90) - Math.Log(median)) / Distribution.Z90;
            double n = f.N;
            double medianTolerance = Math.Exp(4 * sigma / Math.Sqrt(n)) - 1;
            double p90Tolerance = Math.Exp(4 * sigma * Math.Sqrt((1 + (Distribution.Z90 * Distribution.Z90 / 2)) / n)) - 1;
            double medianError = Math.Abs(f.Median / median - 1), p90Error = Math.Abs(f.P90 / p90 - 1);
            TestContext.Out.WriteLine($"{ev}: n={n} median {f.Median:0.###} s (error {medianError:P1}, tolerance {medianTolerance:P1}), " +
                                      $"p90 {f.P90:0.###} s (error {p90Error:P1}, tolerance {p90Tolerance:P1}), KS D {f.KsStatistic:0.###} p {f.KsPValue:0.###}");
            Assert.Multiple(() =>
            {
                Assert.That(f.Model, Is.EqualTo(FitModel.LogNormal), ev.ToString());
                Assert.That(n, Is.EqualTo(Instances), ev.ToString());
                Assert.That(medianError, Is.LessThan(medianTolerance), $"{ev} median");
                Assert.That(p90Error, Is.LessThan(p90Tolerance), $"{ev} p90");
            });
        }
        // Where the fits went in the model.
        var d = fitted.Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(d.DownloadBundleTime.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(d.InstallTime.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][0].Duration.Kind, Is.EqualTo(DistributionKind.LogNormal), "the event's time goes to its first script on ties");
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][1].Duration.Mean, Is.Zero, "the other script of the event is set to 0 s");
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].Action, Is.EqualTo(ScriptAction.StopApplication), "actions are kept");
            Assert.That(trip.Fit.Events.Single(e => e.Event == LifecycleEvent.BlockTraffic).Fit, Is.Null, "BlockTraffic is not fitted");
            Assert.That(trip.Fit.Events.Single(e => e.Event == LifecycleEvent.AllowTraffic).Fit, Is.Null, "AllowTraffic is not fitted");
        });
    }

    [Test]
    public void Fit_SyntheticHistory_RecoversTheAgentsNoOpTimeAndGap()
    {
        var trip = _trip;
        var pooled = trip.Fit.Events.Where(e => e.Target == "deployment.emptyEventTime").ToList();
        Assert.That(pooled.Select(e => e.Event), Is.EqualTo(new[]
            { LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.AfterBlockTraffic, LifecycleEvent.BeforeAllowTraffic, LifecycleEvent.AfterAllowTraffic }));
        var d = ScenarioLoader.Load(trip.FittedPath).Fleet.Deployment;
        foreach (var (name, f, n, median, p90, fitted) in new[]
                 {
                     ("emptyEventTime", pooled[0].Fit!, 4 * Instances, 0.3, 0.6, d.EmptyEventTime),
                     ("agentEventGap", trip.Fit.Gap.Fit!, 12 * Instances, 1.1, 1.4, d.AgentEventGap),
                 })
        {
            double sigma = (Math.Log(p90) - Math.Log(median)) / Distribution.Z90;
            double tolerance = Math.Exp(4 * sigma / Math.Sqrt(n)) - 1;
            double error = Math.Abs(f.Median / median - 1);
            TestContext.Out.WriteLine($"{name}: n={f.N} median {f.Median:0.####} s (error {error:P2}, tolerance {tolerance:P2}), KS D {f.KsStatistic:0.###}");
            Assert.Multiple(() =>
            {
                Assert.That(f.N, Is.EqualTo(n), name);
                Assert.That(f.Model, Is.EqualTo(FitModel.LogNormal), name);
                Assert.That(error, Is.LessThan(tolerance), name + " median");
                Assert.That(fitted.Kind, Is.EqualTo(DistributionKind.LogNormal), name + " written into the scenario");
                Assert.That(fitted.ParameterA / 1000, Is.EqualTo(f.Median).Within(0.001), name + " median in the scenario");
            });
        }
    }

    [Test]
    public void Fit_SameHistoryAsCliV1AndV2_GivesTheSameText()
    {
        var trip = _trip;
        var fromV2 = ScenarioFitter.Fit(trip.StartPath, DeploymentHistory.Read([trip.HistoryV2]), trip.FittedPath, [trip.HistoryV1]);
        Assert.That(fromV2.Text, Is.EqualTo(trip.Fit.Text), "epoch seconds and ISO 8601 with an offset are the same instants");
    }

    [Test]
    public void Fit_EditsInPlace_KeepsTheUsersComments()
    {
        var trip = _trip;
        var text = File.ReadAllText(trip.FittedPath);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("# yaml-language-server: $schema=./scenario.schema.json\n# deploysim fit\n"));
            Assert.That(text, Does.Contain("# the scenario before fitting"));
            Assert.That(text, Does.Contain("# the model's time is all in migrate.sh"));
            Assert.That(text, Does.Contain("downloadBundleTime: { lognormal: { median: "));
            Assert.That(text, Does.Contain("# fitted: lognormal MLE, n=400"));
        });
    }

    [Test]
    public void Replay_FittedScenario_AgreesWithTheHistory()
    {
        var trip = _trip;
        var fitted = ScenarioLoader.Load(trip.FittedPath) with { Replications = 10 };
        var result = Replay.Run(fitted, DeploymentHistory.Read([trip.HistoryV1]), threads: 1);
        Assert.That(result.Outcomes.Keys, Is.EquivalentTo(new[] { DeploySim.Metrics.DeploymentOutcome.Succeeded }));
        Assert.That(result.Events.Select(c => c.Name), Is.SupersetOf(new[] { "BeforeBlockTraffic", "AfterAllowTraffic", Replay.GapRow }),
            "the events without scripts and the gaps are compared too");
        // One observed rollout (the longest of 400 instances): within 3 standard deviations of the simulated ones.
        var rollout = result.Rollout;
        double sd = Math.Sqrt(rollout.Simulated.Select(x => Math.Pow(x - rollout.SimulatedStats.Mean, 2)).Sum() / (rollout.Simulated.Length - 1));
        TestContext.Out.WriteLine($"rollout: observed {rollout.Observed.Single():0.##} s, simulated mean {rollout.SimulatedStats.Mean:0.##} s, sd {sd:0.##} s (n={rollout.Simulated.Length})");
        Assert.That(rollout.Observed.Single(), Is.EqualTo(rollout.SimulatedStats.Mean).Within(3 * sd), "rollout");
        foreach (var c in result.Events)
        {
            TestContext.Out.WriteLine($"{c.Name}: observed p50 {c.ObservedStats.P50:0.##} p90 {c.ObservedStats.P90:0.##}, " +
                                      $"simulated p50 {c.SimulatedStats.P50:0.##} p90 {c.SimulatedStats.P90:0.##}, KS D {c.KsDistance:0.###}");
            Assert.Multiple(() =>
            {
                Assert.That(c.Simulated, Is.Not.Empty, c.Name);
                Assert.That(c.SimulatedStats.P50, Is.EqualTo(c.ObservedStats.P50).Within(10).Percent, $"{c.Name} p50");
                Assert.That(c.SimulatedStats.P90, Is.EqualTo(c.ObservedStats.P90).Within(15).Percent, $"{c.Name} p90");
                Assert.That(c.SimulatedStats.Mean, Is.EqualTo(c.ObservedStats.Mean).Within(10).Percent, $"{c.Name} mean");
                Assert.That(c.KsDistance, Is.LessThanOrEqualTo(c.KsCritical), $"{c.Name}: KS D within the sampling error at 5 %");
            });
        }
    }
}
