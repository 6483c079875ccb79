using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary><c>--set path=value</c> overrides: applied to the tree before mapping and validated like the file.</summary>
public sealed class OverrideTests
{
    private static Scenario Article(params string[] overrides) => BuiltInScenarios.LoadSourceArticle(overrides);

    private static ScenarioError ArticleError(params string[] overrides)
    {
        var ex = Assert.Throws<ScenarioException>(() => Article(overrides));
        Assert.That(ex!.Errors, Has.Count.EqualTo(1), string.Join("\n", ex.Errors));
        return ex.Errors[0];
    }

    [Test]
    public void Set_ScalarFields_ReplacesValues()
    {
        var s = Article("unicorn.workers=12", "targetGroups[0].healthCheck.interval=5s", "targetGroups[0].healthCheck.timeout=4s",
            "targetGroups[0].healthCheck.healthyThreshold=2", "deployment.strategy=blue-green", "deployment.startAt=never");
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Unicorn.Workers, Is.EqualTo(12));
            Assert.That(s.Fleet.TargetGroups[0].HealthCheck.Interval, Is.EqualTo(SimDuration.FromSeconds(5)));
            Assert.That(s.Fleet.TargetGroups[0].HealthCheck.HealthyThreshold, Is.EqualTo(2));
            Assert.That(s.Fleet.TargetGroups[1].HealthCheck.Interval, Is.EqualTo(SimDuration.FromSeconds(10)), "other items untouched");
            Assert.That(s.Fleet.Deployment.Strategy, Is.EqualTo(StrategyKind.BlueGreen));
            Assert.That(s.Fleet.Deployment.StartAt, Is.Null);
        });
    }

    [Test]
    public void Set_StructuredValues_AreParsedAsYaml()
    {
        var s = Article("era=current", "deployment.targetGroups=[api, internal-api]", "instances.bootTime={ uniform: [30s, 1m] }",
            "deployment.deploymentConfig={ minimumHealthyHosts: { type: HOST_COUNT, value: 9 } }");
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.TargetGroups, Is.EqualTo(new[] { "api", "internal-api" }));
            Assert.That(s.Fleet.Instances.BootTime.Kind, Is.EqualTo(DistributionKind.Uniform));
            Assert.That((s.Fleet.Deployment.Config.Type, s.Fleet.Deployment.Config.Value), Is.EqualTo((MinimumHealthyHostsType.HostCount, 9)));
        });
    }

    [Test]
    public void Set_MissingSectionsAndAppend_CreatesThem()
    {
        var s = Article("autoScaling.launchHook.enabled=false", "traffic.profile[0]={ at: 2h, requestsPerSecond: 900 }",
            "targetGroups[2].name=extra", "targetGroups[2].slowStart=30s");
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.AutoScaling.LaunchHook.Enabled, Is.False);
            Assert.That(s.Fleet.Traffic.Profile.Single(), Is.EqualTo(new TrafficPoint(SimDuration.FromHours(2), 900)));
            Assert.That(s.Fleet.TargetGroups.Select(t => t.Name), Is.EqualTo(new[] { "api", "internal-api", "extra" }));
            Assert.That(s.Fleet.TargetGroups[2].SlowStart, Is.EqualTo(SimDuration.FromSeconds(30)));
        });
    }

    [Test]
    public void Set_ScriptEntryByBracketedKey_ChangesTheHookScript()
    {
        var s = Article("deployment.scripts[codedeploy/setup-wait.sh].duration=10s", "deployment.scripts[\"codedeploy/stop-application.sh\"].failureRate=0.5");
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.BeforeInstall].Single().Duration.ParameterA, Is.EqualTo(10_000));
            Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.ApplicationStop].Single().FailureRate, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Set_SamePathTwice_LastWins() =>
        Assert.That(Article("unicorn.workers=2", "unicorn.workers=3").Fleet.Unicorn.Workers, Is.EqualTo(3));

    [Test]
    public void With_OnOneDocument_LeavesItUnchanged()
    {
        var doc = BuiltInScenarios.SourceArticleDocument();
        var four = doc.With(["unicorn.workers=4"]);
        var sixteen = doc.With(["unicorn.workers=16"]);
        Assert.Multiple(() =>
        {
            Assert.That(four.ToScenario().Fleet.Unicorn.Workers, Is.EqualTo(4));
            Assert.That(sixteen.ToScenario().Fleet.Unicorn.Workers, Is.EqualTo(16));
            Assert.That(doc.ToScenario().Fleet.Unicorn.Workers, Is.EqualTo(8));
            Assert.That(four.Overrides.Single().ToString(), Is.EqualTo("unicorn.workers=4"));
        });
    }

    [Test]
    public void Set_UnknownField_IsReportedWithDidYouMean()
    {
        var e = ArticleError("unicorn.workerz=12");
        Assert.That(e.ToString(), Is.EqualTo("--set: unicorn.workerz: unknown field 'workerz'; did you mean 'workers'?"));
    }

    [Test]
    public void Set_BadValue_IsValidatedLikeTheFile() =>
        Assert.That(ArticleError("targetGroups[0].healthCheck.interval=500s").ToString(),
            Is.EqualTo("--set: targetGroups[0].healthCheck.interval: 500s is out of range: AWS allows 5 to 300 seconds"));

    [Test]
    public void Set_IndexPastTheEnd_SaysHowToAppend() =>
        Assert.That(ArticleError("targetGroups[5].name=x").ToString(),
            Is.EqualTo("--set: targetGroups[5].name: index 5 is out of range: targetGroups has 2 item(s) (use [2] to append)"));

    [Test]
    public void Set_FieldUnderAScalar_SaysItIsNotAMapping() =>
        Assert.That(ArticleError("name.first=x").Message, Is.EqualTo("name is 'rails-api-2018', not a mapping: it has no field 'first'"));

    [Test]
    public void Set_IndexOnAMapping_SaysItIsNotAList() =>
        Assert.That(ArticleError("unicorn[0]=x").Message, Is.EqualTo("unicorn is a mapping, not a list: it has no item [0]"));

    [TestCase("unicorn.workers", "", "'unicorn.workers' is not path=value")]
    [TestCase("=3", "", "empty path")]
    [TestCase("unicorn..workers=3", "unicorn..workers", "empty field name at character 9")]
    [TestCase("targetGroups[0=3", "", "'targetGroups[0=3' is not path=value")]
    [TestCase("a]b=3", "a]b", "unexpected ']' at character 2")]
    [TestCase("a[99999999999]=1", "a[99999999999]", "index [99999999999] is too large")]
    [TestCase("a[]=3", "a[]", "empty []")]
    public void Set_MalformedOverride_IsReported(string text, string field, string message)
    {
        var e = ArticleError(text);
        Assert.That((e.File, e.Line, e.Field), Is.EqualTo((ScenarioDocument.OverrideSource, 0, field)));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void Set_ScriptEntryNoHookRuns_SuggestsTheRealOne() =>
        Assert.That(ArticleError("deployment.scripts[codedeploy/stop-aplication.sh].duration=1s").Message,
            Is.EqualTo("no hook in built-in:appspec/with-setup-wait.yml runs 'codedeploy/stop-aplication.sh'; did you mean 'codedeploy/stop-application.sh'?"));

    [Test]
    public void Set_ValueThatIsNotYaml_IsReported()
    {
        var e = ArticleError("deployment.targetGroups=[api");
        Assert.That((e.File, e.Field), Is.EqualTo(("--set", "deployment.targetGroups")));
        Assert.That(e.Message, Does.StartWith("not valid YAML"));
    }

    [Test]
    public void Set_EmptyValue_SaysThereIsNoValue() =>
        Assert.That(ArticleError("unicorn.workers=").Message, Is.EqualTo("no value: expected a whole number"));

    [Test]
    public void Set_SeveralBadOverrides_AreAllReported()
    {
        var ex = Assert.Throws<ScenarioException>(() => Article("nope", "unicorn[0]=1", "unicorn.workers=2"));
        Assert.That(ex!.Errors, Has.Count.EqualTo(2));
    }

    [Test]
    public void Load_FileWithOverrides_AppliesThem()
    {
        var path = Path.Combine(ScenarioTestSupport.ScenariosDirectory, "source-article.yaml");
        var s = ScenarioLoader.Load(path, ["replications=5", "deployment.appspec=appspec/two-target-groups.yml",
            "deployment.scripts[codedeploy/deregister-internal-api.sh]={ action: deregisterTargetGroup, targetGroup: internal-api }",
            "deployment.scripts[codedeploy/register-internal-api.sh]={ action: registerTargetGroup, targetGroup: internal-api }"]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Replications, Is.EqualTo(5));
            Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.AfterAllowTraffic].Single().TargetGroup, Is.EqualTo("internal-api"));
        });
    }

    [Test]
    public void Validate_FileWithBadOverride_ReturnsTheOverrideError()
    {
        var path = Path.Combine(ScenarioTestSupport.ScenariosDirectory, "fast-health-checks.yaml");
        var errors = ScenarioLoader.Validate(path, ["autoScaling.desiredCapacity=30"]);
        Assert.That(errors.Single().ToString(), Is.EqualTo("--set: autoScaling.desiredCapacity: minSize (12) <= desiredCapacity (30) <= maxSize (24) does not hold"));
    }

    private static string PipelineArticle => Path.Combine(ScenarioTestSupport.ScenariosDirectory, "pipeline-article.yaml");

    [Test]
    public void Set_FleetByName_ChangesThatFleetOnly()
    {
        var s = ScenarioLoader.Load(PipelineArticle, ["fleets[workers].unicorn.workers=3", "fleets[api].targetGroups[0].healthCheck.interval=10s"]);
        var plain = ScenarioLoader.Load(PipelineArticle);
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleets[1].Unicorn.Workers, Is.EqualTo(3));
            Assert.That(s.Fleets[0].Unicorn.Workers, Is.EqualTo(plain.Fleets[0].Unicorn.Workers));
            Assert.That(s.Fleets[0].TargetGroups[0].HealthCheck.Interval, Is.EqualTo(SimDuration.FromSeconds(10)));
            Assert.That(s.Fleets[1].TargetGroups, Is.Empty, "the worker fleet keeps no load balancer");
        });
    }

    [Test]
    public void Set_FleetByUnknownName_ListsTheNames()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(PipelineArticle, ["fleets[web].unicorn.workers=3"]));
        Assert.That(ex!.Errors.Single().Message, Does.Contain("no item named 'web'").And.Contain("api, workers"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("fleets[web].unicorn.workers"));
    }
}
