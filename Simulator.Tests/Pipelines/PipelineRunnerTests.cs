using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using DeploySim.Model;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;
using DeploySim.Running;

namespace DeploySim.Tests.Pipelines;

/// <summary>The pipeline's timing: stage order and parallelism, the critical path, failures that stop it, fleets in
/// worlds of their own, and single-fleet scenarios left exactly as they were.</summary>
public sealed class PipelineRunnerTests
{
    private const string Hooks = """
              hooks:
                ApplicationStop: [ { location: stop.sh, timeout: 30s, duration: 5s, action: stopApplication } ]
                AfterInstall: [ { location: start.sh, timeout: 300s, duration: 30s, action: startApplication } ]
        """;

    /// <summary>api: 6 instances behind a load balancer; workers: 1 instance, no load balancer; Source (5 min and
    /// 1 min in parallel), Deploy (both fleets), After (a 2 min wait).</summary>
    internal static readonly string TwoFleets = $$"""
        name: two-fleets
        seed: 7
        replications: 4
        horizon: 6h
        fleets:
          - name: api
            opsWorks: { enabled: false }
            autoScaling: { desiredCapacity: 6, minSize: 6, maxSize: 8 }
            targetGroups:
              - name: api
                healthCheck: { interval: 5s, timeout: 4s, healthyThreshold: 2 }
                deregistrationDelay: 10s
            traffic: { requestsPerSecond: 100 }
            deployment:
              targetGroups: [api]
        {{Hooks}}
          - name: workers
            kind: worker
            opsWorks: { enabled: false }
            autoScaling: { desiredCapacity: 1, minSize: 1, maxSize: 2 }
            traffic: { requestsPerSecond: 5 }
            deployment:
        {{Hooks}}
        pipeline:
          mergeAt: 30m
          stages:
            - name: Source
              actions: [ { name: ci, kind: source, duration: 5m }, { name: upload, kind: source, duration: 1m } ]
            - name: Deploy
              actions: [ { name: deploy-api, kind: deploy, fleet: api }, { name: deploy-workers, kind: deploy, fleet: workers } ]
            - name: After
              actions: [ { name: soak, kind: wait, duration: 2m } ]

        """;

    private static SimTime At(long minutes) => SimTime.At(SimDuration.FromMinutes(minutes));

    [Test]
    public void Run_Stages_StartWhenTheSlowestActionOfThePreviousStageEnds()
    {
        var run = Runner.Run(Load(TwoFleets));
        foreach (var r in run.ReplicationRuns)
        {
            var (source, deploy, after) = (r.Stages[0], r.Stages[1], r.Stages[2]);
            Assert.Multiple(() =>
            {
                Assert.That(source.Start, Is.EqualTo(At(30)), "the first stage starts at the merge");
                Assert.That(source.Actions.Select(a => a.End), Is.EqualTo(new SimTime?[] { At(35), At(31) }), "actions of a stage run in parallel");
                Assert.That(source.End, Is.EqualTo(At(35)));
                Assert.That(deploy.Start, Is.EqualTo(At(35)), "the next stage waits for the slowest action");
                Assert.That(deploy.Actions.Select(a => a.Start), Is.All.EqualTo(At(35)));
                Assert.That(deploy.Actions.Select(a => a.Status), Is.All.EqualTo(ActionStatus.Succeeded));
                Assert.That(deploy.End, Is.EqualTo(deploy.Actions.Max(a => a.End)));
                Assert.That(after.Start, Is.EqualTo(deploy.End));
                Assert.That(after.End, Is.EqualTo(deploy.End!.Value + SimDuration.FromMinutes(2)));
                Assert.That(r.Combined.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            });
        }
    }

    [Test]
    public void Run_DeployAction_LastsAsLongAsItsFleetsRollout()
    {
        var run = Runner.Run(Load(TwoFleets));
        foreach (var r in run.ReplicationRuns)
        {
            var deploy = r.Stages[1];
            Assert.That(deploy.Actions[0].DurationSeconds, Is.EqualTo(r.Fleets[0].RolloutSeconds).Within(1e-9));
            Assert.That(deploy.Actions[1].DurationSeconds, Is.EqualTo(r.Fleets[1].RolloutSeconds).Within(1e-9));
        }
    }

    [Test]
    public void Run_CriticalPath_IsTheSlowerFleet()
    {
        var run = Runner.Run(Load(TwoFleets));
        Assert.Multiple(() =>
        {
            foreach (var r in run.ReplicationRuns)
            {
                Assert.That(r.Fleets[0].RolloutSeconds, Is.GreaterThan(r.Fleets[1].RolloutSeconds), "6 instances one at a time take longer than 1");
                Assert.That(r.CriticalFleet, Is.EqualTo("api"));
                Assert.That(r.MergeToLiveSeconds, Is.EqualTo(5 * 60 + r.Fleets[0].RolloutSeconds).Within(1e-9), "source 5 min, then api's rollout");
            }
            Assert.That(run.CriticalPath!.Fleet, Is.EqualTo("api"));
            Assert.That(run.CriticalPath.Counts, Is.EqualTo(new[] { new KeyValuePair<string, int>("api", 4), new KeyValuePair<string, int>("workers", 0) }));
            Assert.That(run.Summary.Metrics[0].Key, Is.EqualTo("mergeToLiveSeconds"));
            Assert.That(run.Summary["mergeToLiveSeconds"].Mean, Is.EqualTo(run.ReplicationRuns.Average(r => r.MergeToLiveSeconds)).Within(1e-9));
        });
    }

    [Test]
    public void Run_SlowerWorkerFleet_BecomesTheCriticalPath()
    {
        var run = Runner.Run(Load(TwoFleets, "fleets[0].autoScaling.desiredCapacity=2", "fleets[0].autoScaling.minSize=2",
            "fleets[1].autoScaling.desiredCapacity=5", "fleets[1].autoScaling.maxSize=6"));
        Assert.That(run.ReplicationRuns.Select(r => r.CriticalFleet), Is.All.EqualTo("workers"));
        Assert.That(run.CriticalPath!.Fleet, Is.EqualTo("workers"));
    }

    [Test]
    public void Run_FailedAction_StopsLaterStagesAndTheirFleetsAreNotDeployed()
    {
        // api deploys alone in the Deploy stage and its start script always fails; workers would deploy in the next stage.
        var yaml = TwoFleets
            .Replace("duration: 30s, action: startApplication", "duration: 30s, failureRate: 1, action: startApplication")
            .Replace("{ name: deploy-workers, kind: deploy, fleet: workers }", "{ name: wait, kind: wait, duration: 1m }")
            .Replace("{ name: soak, kind: wait, duration: 2m }", "{ name: deploy-workers, kind: deploy, fleet: workers }");
        var run = Runner.Run(Load(yaml));
        Assert.Multiple(() =>
        {
            foreach (var r in run.ReplicationRuns)
            {
                Assert.That(r.Stages[1].Actions[0].Status, Is.EqualTo(ActionStatus.Failed));
                Assert.That(r.Stages[1].Status, Is.EqualTo(ActionStatus.Failed));
                Assert.That(r.Stages[2].Start, Is.Null);
                Assert.That(r.Stages[2].Actions.Single().Status, Is.EqualTo(ActionStatus.NotRun));
                Assert.That(r.Fleets[1].Outcome, Is.EqualTo(DeploymentOutcome.None), "the workers were never deployed");
                Assert.That(r.Fleets[1].PeakInstances, Is.EqualTo(1), "but they ran");
                Assert.That(r.Combined.Outcome, Is.EqualTo(r.Fleets[0].Outcome));
                Assert.That(r.Combined.Outcome, Is.Not.EqualTo(DeploymentOutcome.Succeeded));
                Assert.That(r.MergeToLiveSeconds, Is.NaN);
                Assert.That(r.CriticalFleet, Is.Null);
            }
            Assert.That(run.CriticalPath!.Stopped, Is.EqualTo(4));
            Assert.That(run.CriticalPath.Fleet, Is.Null);
            Assert.That(run.Stages[2].Ran, Is.Zero);
            Assert.That(run.Stages[2].Actions[0].NotRun, Is.EqualTo(4));
            Assert.That(run.Summary["mergeToLiveSeconds"].Mean, Is.NaN);
        });
    }

    [Test]
    public void Run_DeployStageStartingAfterTheHorizon_IsUnfinished()
    {
        var run = Runner.Run(Load(TwoFleets.Replace("duration: 5m", "duration: 7h")));
        var r = run.ReplicationRuns[0];
        Assert.Multiple(() =>
        {
            Assert.That(r.Stages[1].Actions.Select(a => a.Status), Is.All.EqualTo(ActionStatus.Unfinished));
            Assert.That(r.Combined.Outcome, Is.EqualTo(DeploymentOutcome.Unfinished));
            Assert.That(r.Stages[2].Start, Is.Null);
        });
    }

    [Test]
    public void Run_SingleFleetScenario_GivesExactlyTheScenarioRunnersResults()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "fast-health-checks.yaml")) with { Replications = 3 };
        var expected = ScenarioRunner.Run(s, degreeOfParallelism: 1);
        var actual = Runner.Run(s, degreeOfParallelism: 2);
        Assert.Multiple(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                var (e, a) = (expected.Replications[i], actual.ReplicationRuns[i].Combined);
                Assert.That(a with { PhaseSeconds = e.PhaseSeconds }, Is.EqualTo(e));
                Assert.That(a.PhaseSeconds, Is.EqualTo(e.PhaseSeconds));
                Assert.That(actual.ReplicationRuns[i].Fleets.Single().TraceFingerprint, Is.EqualTo(e.TraceFingerprint));
            }
            Assert.That(actual.Summary.Metrics.Select(m => m.Key), Is.EqualTo(expected.Summary.Metrics.Select(m => m.Key)));
            Assert.That(actual.Summary.Metrics.Select(m => m.Value), Is.EqualTo(expected.Summary.Metrics.Select(m => m.Value)));
            Assert.That(actual.FleetDetails.Single().Timeline, Is.EqualTo(expected.Detail.Timeline));
            Assert.That(actual.Stages, Is.Empty);
            Assert.That(actual.CriticalPath, Is.Null);
        });
    }

    [Test]
    public void Run_SerialAndParallel_GiveIdenticalResults()
    {
        var s = Load(TwoFleets);
        var serial = Runner.Run(s, degreeOfParallelism: 1);
        var parallel = Runner.Run(s, degreeOfParallelism: 2);
        Assert.That(parallel.ReplicationRuns.Select(r => (r.Combined.TraceFingerprint, r.MergeToLiveSeconds, r.CriticalFleet)),
            Is.EqualTo(serial.ReplicationRuns.Select(r => (r.Combined.TraceFingerprint, r.MergeToLiveSeconds, r.CriticalFleet))));
    }

    [Test]
    public void Run_FleetsWithoutPipeline_EachDrawsItsOwnStreamsWhateverTheOrder()
    {
        string noPipeline = TwoFleets[..TwoFleets.IndexOf("pipeline:", StringComparison.Ordinal)]
            .Replace("    deployment:\n", "    deployment:\n      startAt: 1h\n");
        var s = Load(noPipeline);
        var reversed = s with { Fleets = [s.Fleets[1], s.Fleets[0]] };
        var a = Runner.Run(s);
        var b = Runner.Run(reversed);
        Assert.Multiple(() =>
        {
            for (int i = 0; i < a.ReplicationRuns.Count; i++)
            {
                Assert.That(b.ReplicationRuns[i].Fleets[1].TraceFingerprint, Is.EqualTo(a.ReplicationRuns[i].Fleets[0].TraceFingerprint));
                Assert.That(b.ReplicationRuns[i].Fleets[0].TraceFingerprint, Is.EqualTo(a.ReplicationRuns[i].Fleets[1].TraceFingerprint));
                Assert.That(a.ReplicationRuns[i].Combined.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
                Assert.That(a.ReplicationRuns[i].Fleets.Select(f => f.Outcome), Is.All.EqualTo(DeploymentOutcome.Succeeded));
            }
            Assert.That(a.Stages, Is.Empty);
            Assert.That(a.Summary.Metrics.Select(m => m.Key), Does.Not.Contain("mergeToLiveSeconds"));
        });
    }

    [Test]
    public void ForFleet_NamesTheFleetAndDerivesItsSeed()
    {
        var s = Load(TwoFleets);
        var fleets = FleetScenarios.Of(s);
        Assert.Multiple(() =>
        {
            Assert.That(fleets.Select(f => f.Name), Is.EqualTo(new[] { "two-fleets/api", "two-fleets/workers" }));
            Assert.That(fleets[0].Seed, Is.Not.EqualTo(fleets[1].Seed));
            Assert.That(fleets[0].Seed, Is.EqualTo(FleetScenarios.FleetSeed(7, "api")));
            Assert.That(fleets.Select(f => f.Fleet.Kind), Is.EqualTo(new[] { FleetKind.Web, FleetKind.Worker }));
            Assert.That(fleets.Select(f => (f.Horizon, f.EventBudget, f.Replications)), Is.All.EqualTo((s.Horizon, s.EventBudget, s.Replications)));
            Assert.That(fleets.Select(f => f.Pipeline), Is.All.Null);
            Assert.That(fleets.Select(f => (f.Fleets.Count, f.NamedFleets)), Is.All.EqualTo((1, false)), "each a one-fleet scenario of its own");
        });
    }

    [Test]
    public void WithStrategy_AppliesToWebFleetsWithALoadBalancer_WorkersStayInPlace()
    {
        var s = FleetScenarios.WithStrategy(Load(TwoFleets), StrategyKind.BlueGreen);
        Assert.That(s.Fleets.Select(f => f.Deployment.Strategy), Is.EqualTo(new[] { StrategyKind.BlueGreen, StrategyKind.InPlace }));
        var g = FleetScenarios.WithStrategy(Load(TwoFleets), StrategyKind.GracefulRestart);
        Assert.That(g.Fleets.Select(f => f.Deployment.Strategy), Is.EqualTo(new[] { StrategyKind.GracefulRestart, StrategyKind.InPlace }));
    }

    [Test]
    public void PipelineDeployment_BadInPlaceRevision_RevertsThroughTheStagesBeforeItsDeploy()
    {
        var s = Load(TwoFleets.Replace("      targetGroups: [api]\n", "      targetGroups: [api]\n      badRevision: { requestFailureRate: 0.2 }\n      recovery: { revertLeadTime: 4m }\n"));
        var api = FleetScenarios.Of(s)[0];
        var d = PipelineStages.PipelineDeployment(s, api.Fleet.Deployment, "api", 0, At(35), At(30));
        var workers = PipelineStages.PipelineDeployment(s, FleetScenarios.Of(s)[1].Fleet.Deployment, "workers", 0, At(35), At(30));
        Assert.Multiple(() =>
        {
            Assert.That(d.StartAt, Is.EqualTo(SimDuration.FromMinutes(35)));
            Assert.That(d.Recovery.RevertLeadTime.Kind, Is.EqualTo(DistributionKind.Constant));
            Assert.That(d.Recovery.RevertLeadTime.Mean, Is.EqualTo(SimDuration.FromMinutes(4 + 5).Milliseconds), "revert commit + Source stage");
            Assert.That(workers.Recovery.RevertLeadTime.Mean, Is.Zero, "a good revision keeps its (unused) lead time");
        });
    }
}
