using DeploySim.Import;
using DeploySim.Scenarios;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary>An appspec written inline under <c>deployment.appspec</c> (what import writes by default): read with the
/// agent's rules, reported at its place in the scenario.</summary>
public sealed class InlineAppSpecTests
{
    private const string Scenario = "deployment:\n  appspec:\n    version: 0.0\n    os: linux\n    hooks:\n      AfterInstall:\n        - location: migrate.sh\n          timeout: \"300\"\n      AfterInstal:\n        - location: typo.sh\n";

    [Test]
    public void Inline_IsReadAsTheAgentReadsAFile()
    {
        var (errors, warnings) = ScenarioDocument.Parse(Scenario, "s.yaml", ".").Check();
        var hooks = ScenarioDocument.Parse(Scenario, "s.yaml", ".").ToScenario().Fleet.Deployment.Hooks;
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(hooks[LifecycleEvent.AfterInstall].Select(h => (h.Location, h.Timeout.TotalSeconds)), Is.EqualTo(new[] { ("migrate.sh", 300.0) }));
            var typo = warnings.Single(w => w.Field == "deployment.appspec.hooks.AfterInstal");
            Assert.That((typo.File, typo.Line, typo.Column), Is.EqualTo(("s.yaml", 9, 7)));
            Assert.That(typo.Message, Does.Contain("did you mean 'AfterInstall'?"));
        });
    }

    [Test]
    public void Inline_VersionOtherThanZero_IsRejectedAtItsPlaceInTheScenario()
    {
        var e = ScenarioDocument.Parse(Scenario.Replace("version: 0.0", "version: 1.0", StringComparison.Ordinal), "s.yaml", ".").Validate().Single();
        Assert.That((e.Line, e.Column, e.Field), Is.EqualTo((3, 14, "deployment.appspec.version")));
        Assert.That(e.Message, Does.StartWith("The deployment failed because an invalid version value (1.0)"));
    }

    [Test]
    public void Import_InlineScenario_StandsAloneWhenCopiedElsewhere()
    {
        using var dir = new ScratchDirectory();
        var (code, _, stderr) = RunCli("import", "--appspec", Fixture("appspec.yml"), "--out", dir.File("a/web.yaml"));
        Assert.That(code, Is.Zero, stderr);
        var copy = dir.Write("web-copy.yaml", File.ReadAllText(dir.File("a/web.yaml")));
        var original = ScenarioLoader.Load(dir.File("a/web.yaml")).Fleet.Deployment.Hooks;
        var copied = ScenarioLoader.Load(copy).Fleet.Deployment.Hooks;
        Assert.That(copied.SelectMany(kv => kv.Value.Select(h => (kv.Key, h.Location, h.Timeout))),
            Is.EqualTo(original.SelectMany(kv => kv.Value.Select(h => (kv.Key, h.Location, h.Timeout)))).And.Not.Empty);
    }

    [Test]
    public void Import_DirectivesAndDocumentStart_AreLeftOutOfTheInlineMapping()
    {
        var lines = ImportContext.InlineLines("%YAML 1.1\r\n# app\r\n---\r\nversion: 0.0\r\nos: linux\r\n...\r\n", out var why);
        Assert.That((lines, why), Is.EqualTo((new List<string> { "# app", "version: 0.0", "os: linux" }, (string?)null)));
    }

    [Test]
    public void Import_SeveralDocuments_KeepTheFileAndSayWhy()
    {
        using var dir = new ScratchDirectory();
        var appspec = dir.Write("appspec.yml", "version: 0.0\nos: linux\n---\nversion: 0.0\nos: linux\n");
        Assert.That(ImportContext.InlineLines(File.ReadAllText(appspec), out var why), Is.Null);
        Assert.That(why, Does.Contain("document marker"));
    }
}
