using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary><c>era: 2018 | current</c> sets the defaults of the behaviours AWS changed since the source article, and
/// refuses a behaviour its era lacks (docs/model.md#aws-eras).</summary>
public sealed class EraTests
{
    private const string TwoGroups = "targetGroups:\n  - name: api\n  - name: internal-api\n";

    [Test]
    public void Era_Absent_IsCurrentWithFollowOnUpdate()
    {
        var s = Load("name: t\n");
        Assert.Multiple(() =>
        {
            Assert.That(s.Era, Is.EqualTo(Era.Current));
            Assert.That(s.Fleet.Deployment.OutdatedInstances, Is.EqualTo(OutdatedInstancesStrategy.Update));
        });
    }

    [TestCase("name: t\nera: 2018\n", TestName = "Era2018_NoDeploymentSection_IgnoresOutdatedInstances")]
    [TestCase("name: t\nera: 2018\ndeployment: { strategy: in-place }\n", TestName = "Era2018_DeploymentWithoutTheField_IgnoresOutdatedInstances")]
    public void Era2018_DefaultsOutdatedInstancesToIgnore(string yaml)
    {
        var s = Load(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(s.Era, Is.EqualTo(Era.Y2018));
            Assert.That(s.Fleet.Deployment.OutdatedInstances, Is.EqualTo(OutdatedInstancesStrategy.Ignore));
        });
    }

    [Test]
    public void Era2018_ExplicitIgnore_IsAccepted() =>
        Assert.That(Load("name: t\nera: 2018\ndeployment: { outdatedInstances: IGNORE }\n").Fleet.Deployment.OutdatedInstances,
            Is.EqualTo(OutdatedInstancesStrategy.Ignore));

    [Test]
    public void Era2018_ExplicitUpdate_IsAnErrorNamingTheEra() =>
        AssertError(SingleError("name: t\nera: 2018\ndeployment:\n  outdatedInstances: UPDATE\n"), 4, 22, "deployment.outdatedInstances",
            "UPDATE does not exist in era 2018");

    [Test]
    public void Era2018_TwoManagedTargetGroups_IsAnErrorNamingTheEra() =>
        AssertError(SingleError("name: t\nera: 2018\n" + TwoGroups + "deployment:\n  targetGroups: [api, internal-api]\n"), 7, 17,
            "deployment.targetGroups", "in era 2018 a deployment group manages one target group");

    [Test]
    public void EraCurrent_TwoManagedTargetGroups_AreAccepted() =>
        Assert.That(Load("name: t\nera: current\n" + TwoGroups + "deployment:\n  targetGroups: [api, internal-api]\n").Fleet.Deployment.TargetGroups,
            Has.Count.EqualTo(2));

    [Test]
    public void Era2018_AppliesToEveryFleet()
    {
        var s = Load("name: t\nera: 2018\nfleets:\n  - name: a\n  - name: b\n    deployment: { strategy: in-place }\n");
        Assert.That(s.Fleets.Select(f => f.Deployment.OutdatedInstances), Is.All.EqualTo(OutdatedInstancesStrategy.Ignore));
    }

    [Test]
    public void Era_UnknownWord_ListsTheEras() =>
        AssertError(SingleError("name: t\nera: 2019\n"), 2, 6, "era", "'2019' is not an era");

    [Test]
    public void Era_SetOnTheCommandLine_ChangesTheDefaults() =>
        Assert.That(Load("name: t\nera: 2018\n", "era=current").Fleet.Deployment.OutdatedInstances, Is.EqualTo(OutdatedInstancesStrategy.Update));

    /// <summary>Every shipped scenario whose header says it models the source article declares era 2018, except those
    /// that say they show today's alternative on the article's fleet ("(era current)").</summary>
    [Test]
    public void ShippedScenarios_ModellingTheArticle_SayEra2018()
    {
        foreach (var file in Directory.EnumerateFiles(ScenariosDirectory, "*.yaml"))
        {
            var header = string.Join("\n", File.ReadLines(file).TakeWhile(l => l.StartsWith('#')));
            if (!header.Contains("article", StringComparison.OrdinalIgnoreCase)) continue;
            if (header.Contains("(era current)", StringComparison.Ordinal))
            {
                Assert.That(ScenarioLoader.Load(file).Era, Is.EqualTo(Era.Current), Path.GetFileName(file));
                continue;
            }
            Assert.That(ScenarioLoader.Load(file).Era, Is.EqualTo(Era.Y2018), Path.GetFileName(file));
        }
    }

    [Test]
    public void DefaultJob_IsTheArticlesEra() =>
        Assert.That(ScenarioLoader.Load(Path.Combine(ScenariosDirectory, "article-final-flow.yaml")).Era, Is.EqualTo(Era.Y2018));
}
