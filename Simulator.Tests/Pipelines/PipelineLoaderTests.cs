using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Tests.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Pipelines;

/// <summary>The loader's rules for fleets, pipelines, bad revisions and recovery.</summary>
public sealed class PipelineLoaderTests
{
    private const string TwoFleets = """
        name: t
        fleets:
          - name: api
            targetGroups: [ { name: api } ]
            deployment: { targetGroups: [api] }
          - name: workers
            kind: worker
        pipeline:
          mergeAt: 10m
          stages:
            - name: Source
              actions: [ { name: ci, kind: source, duration: 5m } ]
            - name: Deploy
              actions:
                - { name: api, kind: deploy, fleet: api }
                - { name: workers, kind: deploy, fleet: workers }

        """;

    [Test]
    public void Load_CompleteFixture_MapsFleetsPipelineBadRevisionAndRecovery()
    {
        var s = ScenarioLoader.Load(Path.Combine(FixturesDirectory, "complete-pipeline.yaml"));
        var api = s.Fleets[0];
        var workers = s.Fleets[1];
        var pipeline = s.Pipeline!;
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleets.Select(f => (f.Name, f.Kind)), Is.EqualTo(new[] { ("api", FleetKind.Web), ("workers", FleetKind.Worker) }));
            Assert.That(api.TargetGroups.Single().Name, Is.EqualTo("api"));
            Assert.That(api.AutoScaling.DesiredCapacity, Is.EqualTo(2));
            Assert.That(workers.Unicorn.RequestsPerSecondPerWorker, Is.EqualTo(1));
            Assert.That(api.Deployment.BadRevision!.ValidateServiceFailureRate, Is.EqualTo(0.1));
            Assert.That(api.Deployment.BadRevision.RequestFailureRate, Is.EqualTo(0.2));
            Assert.That(api.Deployment.BadRevision.DetectionDelay.Kind, Is.EqualTo(DistributionKind.Uniform));
            Assert.That(api.Deployment.Recovery.RevertLeadTime.Mean, Is.EqualTo(600_000), "given: the revert commit");
            Assert.That(api.Deployment.Recovery.RerouteBackDelay.Mean, Is.EqualTo(60_000));
            Assert.That(api.Deployment.Recovery.RollbackDelay.Mean, Is.EqualTo(180_000));
            Assert.That(workers.Deployment.BadRevision, Is.Null);
            Assert.That(workers.Deployment.Recovery.RevertLeadTime.Mean, Is.Zero, "not given in a pipeline scenario: the pipeline's stages alone");
            Assert.That(s.Fleets.Select(f => f.Deployment.StartAt), Is.All.Null, "the pipeline starts the deployments");
            Assert.That(s.NamedFleets, Is.True, "listed fleets run as scenario/fleet");
            Assert.That(pipeline.MergeAt, Is.EqualTo(SimDuration.FromMinutes(30)));
            Assert.That(pipeline.Stages.Select(x => x.Name), Is.EqualTo(new[] { "Source", "Approve", "Deploy" }));
            Assert.That(pipeline.Stages[1].Actions.Select(a => a.Kind), Is.EqualTo(new[] { PipelineActionKind.Approval, PipelineActionKind.Wait }));
            Assert.That(pipeline.Stages[2].Actions.Select(a => (a.Kind, a.Fleet)),
                Is.EqualTo(new[] { (PipelineActionKind.Deploy, "api"), (PipelineActionKind.Deploy, "workers") }));
            Assert.That(pipeline.Stages[0].Actions[0].Duration.Kind, Is.EqualTo(DistributionKind.LogNormal));
        });
    }

    [Test]
    public void Load_SingleFleetScenario_IsUnchangedByTheNewSections()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "source-article.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleets, Has.Count.EqualTo(1), "the short form is a list of one fleet");
            Assert.That(s.NamedFleets, Is.False, "it runs under the scenario's own name and seed");
            Assert.That(s.Fleet.Name, Is.EqualTo(s.Name));
            Assert.That(s.Pipeline, Is.Null);
            Assert.That(s.Fleet.Kind, Is.EqualTo(FleetKind.Web));
            Assert.That(s.Fleet.Deployment.BadRevision, Is.Null);
            Assert.That(s.Fleet.Deployment.StartAt, Is.EqualTo(SimDuration.FromHours(1)));
            Assert.That(s.Fleet.Deployment.Recovery.RevertLeadTime.Mean, Is.EqualTo(new RecoverySpec().RevertLeadTime.Mean));
        });
    }

    [Test]
    public void Load_TopLevelKindAndBadRevision_Map()
    {
        var s = Load("name: t\nkind: worker\ndeployment:\n  badRevision: { requestFailureRate: 0.2, detectionDelay: 5m }\n  recovery: { revertLeadTime: 20m }\n");
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Kind, Is.EqualTo(FleetKind.Worker));
            Assert.That(s.Fleet.Deployment.BadRevision!.RequestFailureRate, Is.EqualTo(0.2));
            Assert.That(s.Fleet.Deployment.BadRevision.ValidateServiceFailureRate, Is.Zero);
            Assert.That(s.Fleet.Deployment.BadRevision.DetectionDelay.Mean, Is.EqualTo(300_000));
            Assert.That(s.Fleet.Deployment.Recovery.RevertLeadTime.Mean, Is.EqualTo(1_200_000), "no pipeline: the whole lead time");
        });
    }

    [Test]
    public void Load_SingleFleetWithPipeline_DeployActionNamesNoFleet()
    {
        var s = Load("name: t\ndeployment: { strategy: in-place }\npipeline:\n  stages:\n    - name: Deploy\n      actions: [ { name: d, kind: deploy } ]\n");
        Assert.Multiple(() =>
        {
            Assert.That(s.Pipeline!.Stages.Single().Actions.Single().Fleet, Is.Null);
            Assert.That(s.Fleet.Deployment.StartAt, Is.Null);
            Assert.That(s.Pipeline.MergeAt, Is.EqualTo(SimDuration.FromHours(1)));
        });
    }

    [Test]
    public void Validate_DeployActionNamingAnUnknownFleet_SuggestsTheClosest() =>
        AssertError(SingleError(TwoFleets.Replace("fleet: workers", "fleet: worker")), 16, 49, "pipeline.stages[1].actions[1].fleet",
            "fleet 'worker' is not declared in fleets; did you mean 'workers'?");

    [Test]
    public void Validate_DuplicateFleetNames_ReportsTheSecondWithTheFirstLine() =>
        AssertError(SingleError(TwoFleets.Replace("  - name: workers\n    kind: worker\n", "  - name: api\n    kind: worker\n").Replace("        - { name: workers, kind: deploy, fleet: workers }\n", "")),
            6, 11, "fleets[1].name", "duplicate fleet name 'api' (first at line 3)");

    [Test]
    public void Validate_TopLevelFleetSectionWithFleets_IsAnError()
    {
        var e = SingleError("name: t\nunicorn: { workers: 2 }\n" + TwoFleets["name: t\n".Length..]);
        AssertError(e, 2, 10, "unicorn", "'unicorn' describes the scenario's one fleet, but the scenario lists fleets");
    }

    [Test]
    public void Validate_TopLevelKindWithFleets_IsAnError() =>
        AssertError(SingleError("name: t\nkind: web\n" + TwoFleets["name: t\n".Length..]), 2, 7, "kind", "give it under each fleet instead");

    [Test]
    public void Validate_FleetDeployedTwice_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("fleet: workers", "fleet: api").Replace("{ name: workers, kind", "{ name: again, kind")),
            16, 47, "pipeline.stages[1].actions[1].fleet", "fleet 'api' is already deployed by the action at line 15");

    [Test]
    public void Validate_DeployActionWithDuration_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("fleet: api }", "fleet: api, duration: 5m }")), 15, 60, "pipeline.stages[1].actions[0].duration",
            "a deploy action lasts as long as its fleet's rollout");

    [Test]
    public void Validate_SourceActionNamingAFleet_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("duration: 5m }", "duration: 5m, fleet: api }")), 12, 65, "pipeline.stages[0].actions[0].fleet",
            "a source action deploys nothing");

    [Test]
    public void Validate_StartAtInAPipelineScenario_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("deployment: { targetGroups: [api] }", "deployment: { targetGroups: [api], startAt: 1h }")),
            5, 49, "fleets[0].deployment.startAt", "the pipeline starts this deployment");

    [Test]
    public void Validate_WorkerFleetWithTargetGroups_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("    kind: worker\n", "    kind: worker\n    targetGroups: [ { name: jobs } ]\n")),
            8, 19, "fleets[1].targetGroups", "a worker fleet takes jobs from a queue");

    [Test]
    public void Validate_PipelineWithoutDeployAction_IsAnError() =>
        AssertError(SingleError("name: t\npipeline:\n  stages:\n    - name: Source\n      actions: [ { name: ci, kind: source } ]\n"), 4, 5, "pipeline.stages",
            "no deploy action");

    [Test]
    public void Validate_DeployActionWithoutFleetWhenFleetsAreListed_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace(", fleet: workers", "")), 16, 11, "pipeline.stages[1].actions[1].fleet", "missing required field 'fleet'");

    [Test]
    public void Validate_DeployActionNamingAFleetInASingleFleetScenario_IsAnError() =>
        AssertError(SingleError("name: t\npipeline:\n  stages:\n    - name: D\n      actions: [ { name: d, kind: deploy, fleet: api } ]\n"), 5, 50,
            "pipeline.stages[0].actions[0].fleet", "a deploy action names no fleet");

    [Test]
    public void Validate_MergeAtAfterTheHorizon_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("mergeAt: 10m", "mergeAt: 13h")), 9, 12, "pipeline.mergeAt", "is not before the horizon");

    [Test]
    public void Validate_ActionWithoutKind_IsAnError() =>
        AssertError(SingleError(TwoFleets.Replace("kind: source, ", "")), 12, 18, "pipeline.stages[0].actions[0].kind", "missing required field 'kind'");

    [TestCase("validateServiceFailureRate")]
    [TestCase("requestFailureRate")]
    public void Validate_BadRevisionRateAboveOne_IsOutOfRange(string key)
    {
        var e = SingleError($"name: t\ndeployment:\n  badRevision: {{ {key}: 1.5 }}\n");
        AssertError(e, 3, 20 + key.Length, $"deployment.badRevision.{key}", "a rate must be from 0 to 1");
    }

    [Test]
    public void Validate_UnknownFleetKind_ListsTheWords() =>
        AssertError(SingleError("name: t\nkind: batch\n"), 2, 7, "kind", "'batch' is not a fleet kind; expected one of: web, worker");

    [Test]
    public void Override_FleetField_ReachesTheFleet()
    {
        var s = ScenarioLoader.LoadText(TwoFleets, TestFile, FixturesDirectory, ["fleets[1].unicorn.workers=6"]);
        Assert.That(s.Fleets[1].Unicorn.Workers, Is.EqualTo(6));
    }
}
