using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary>Every shipped scenario loads; the built-in texts equal the shipped files.</summary>
public sealed class ShippedScenarioTests
{
    private static readonly string[] Expected =
    [
        "article-final-flow.yaml", "bad-revision-blue-green.yaml", "bad-revision-graceful-restart.yaml", "bad-revision-in-place.yaml",
        "blue-green.yaml", "fast-health-checks.yaml", "golden-image.yaml", "graceful-restart.yaml", "instance-refresh.yaml", "latency-article.yaml", "opsworks-launch-loop.yaml", "opsworks-wait-hook.yaml",
        "pipeline-article.yaml", "scale-out-during-deploy.yaml", "source-article.yaml", "two-target-groups-hook-scripts.yaml", "two-target-groups-unmanaged.yaml", "warm-pool.yaml", "zonal.yaml",
    ];

    private static IEnumerable<TestCaseData> ShippedFiles() =>
        Directory.EnumerateFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"Load_Shipped_{Path.GetFileNameWithoutExtension(f)}"));

    [TestCaseSource(nameof(ShippedFiles))]
    public void Load_ShippedScenario_LoadsWithoutErrors(string file)
    {
        var path = Path.Combine(ScenarioTestSupport.ScenariosDirectory, file);
        Assert.That(ScenarioLoader.Validate(path), Is.Empty);
        var scenario = ScenarioLoader.Load(path);
        Assert.That(scenario.Name, Is.EqualTo(file == "source-article.yaml" ? "rails-api-2018" : Path.GetFileNameWithoutExtension(file)));
    }

    [TestCaseSource(nameof(ShippedFiles))]
    public void ShippedScenario_Header_StartsWithSchemaThenSaysWhatToExpect(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file));
        var header = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("# yaml-language-server: $schema=./scenario.schema.json"));
            Assert.That(header, Has.Count.GreaterThan(2));
            Assert.That(header.Any(l => l.StartsWith("# Expect (simulated): ", StringComparison.Ordinal)), Is.True, "the comment states the expected outcome");
        });
    }

    [Test]
    public void ShippedScenarios_AreTheExpectedSet_WithFewReplicationsExceptTheArticle()
    {
        var files = Directory.EnumerateFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(files, Is.EqualTo(Expected));
        foreach (var file in Expected.Where(f => f is not ("source-article.yaml" or "article-final-flow.yaml")))
        {
            var s = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file));
            Assert.That(s.Replications, Is.InRange(10, 99), file);
        }
    }

    /// <summary>The built-in texts are the shipped files, embedded at build time (a wrong name in Simulator.csproj
    /// would embed another file or none).</summary>
    [TestCase("source-article.yaml")]
    [TestCase("article-final-flow.yaml")]
    [TestCase("appspec/two-target-groups.yml")]
    [TestCase("appspec/without-setup-wait.yml")]
    [TestCase("appspec/with-setup-wait.yml")]
    public void BuiltInText_IsTheShippedFile(string file)
    {
        string builtIn = file switch
        {
            "source-article.yaml" => BuiltInScenarios.SourceArticle,
            "article-final-flow.yaml" => BuiltInScenarios.ArticleFinalFlow,
            _ => BuiltInScenarios.Files[file],
        };
        Assert.That(builtIn, Is.EqualTo(File.ReadAllText(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file)).ReplaceLineEndings("\n")));
    }

    [Test]
    public void ArticleAppSpecs_KeepTheArticlesJapaneseComments()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BuiltInScenarios.Files["appspec/without-setup-wait.yml"], Does.Contain("# CodeDeployに対してデプロイ処理を指定するファイル。リポジトリルートに置かれる"));
            Assert.That(BuiltInScenarios.Files["appspec/with-setup-wait.yml"], Does.Contain("  # この処理を追加\n  BeforeInstall:"));
        });
    }

    [Test]
    public void SourceArticleFile_And_BuiltIn_MapToTheSameValues()
    {
        var file = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "source-article.yaml"));
        var builtIn = BuiltInScenarios.LoadSourceArticle();
        Assert.Multiple(() =>
        {
            // Distribution compares by reference: compare the printed records.
            Assert.That(file.Fleet.Instances.ToString(), Is.EqualTo(builtIn.Fleet.Instances.ToString()));
            Assert.That(file.Fleet.OpsWorks.ToString(), Is.EqualTo(builtIn.Fleet.OpsWorks.ToString()));
            Assert.That(file.Fleet.Unicorn.ToString(), Is.EqualTo(builtIn.Fleet.Unicorn.ToString()));
            Assert.That(file.Fleet.Deployment.Hooks.Keys, Is.EqualTo(builtIn.Fleet.Deployment.Hooks.Keys));
            Assert.That(file.Fleet.Deployment.Hooks.Values.SelectMany(h => h).Select(h => (h.Location, h.Timeout, h.Action)),
                Is.EqualTo(builtIn.Fleet.Deployment.Hooks.Values.SelectMany(h => h).Select(h => (h.Location, h.Timeout, h.Action))));
            Assert.That(file.Fleet.TargetGroups, Is.EqualTo(builtIn.Fleet.TargetGroups));
        });
    }

    [Test]
    public void TwoTargetGroupsHookScripts_MapsRegisterAndDeregisterActions()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "two-target-groups-hook-scripts.yaml"));
        var dereg = s.Fleet.Deployment.Hooks[LifecycleEvent.BeforeBlockTraffic].Single();
        var reg = s.Fleet.Deployment.Hooks[LifecycleEvent.AfterAllowTraffic].Single();
        Assert.Multiple(() =>
        {
            Assert.That((dereg.Action, dereg.TargetGroup), Is.EqualTo((ScriptAction.DeregisterTargetGroup, "internal-api")));
            Assert.That((reg.Action, reg.TargetGroup), Is.EqualTo((ScriptAction.RegisterTargetGroup, "internal-api")));
            Assert.That(reg.Timeout, Is.EqualTo(DeploySim.Engine.SimDuration.FromSeconds(600)));
        });
    }

    [Test]
    public void OpsWorksLaunchLoop_HasNoDeploymentAndNoWaitHook()
    {
        var s = ScenarioLoader.Load(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "opsworks-launch-loop.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.StartAt, Is.Null);
            Assert.That(s.Fleet.Deployment.Hooks.ContainsKey(LifecycleEvent.BeforeInstall), Is.False);
            Assert.That(s.Fleet.AutoScaling.ScheduledActions.Single().DesiredCapacity, Is.EqualTo(16));
        });
    }
}
