using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Import;

/// <summary>One test per appspec rule of the README's table: what the CodeDeploy agent accepts, DeploySim accepts
/// (warning where the agent silently ignores something); what it rejects, DeploySim rejects with the agent's reason.</summary>
public sealed class AppSpecRuleTests
{
    private static (IReadOnlyList<ScenarioError> Errors, IReadOnlyList<ScenarioError> Warnings) Check(string appspec)
    {
        using var dir = new ScratchDirectory();
        dir.Write("appspec.yml", appspec);
        var (errors, warnings) = ScenarioDocument.Parse("deployment: { appspec: appspec.yml }\n", "s.yaml", dir.Path).Check();
        return (errors, warnings.Where(w => w.File == "appspec.yml").ToList());   // not the scenario's "no scripts: entry" warnings
    }

    private static ScenarioError OnlyError(string appspec)
    {
        var (errors, _) = Check(appspec);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        return errors[0];
    }

    private static Scenario Load(string appspec)
    {
        using var dir = new ScratchDirectory();
        dir.Write("appspec.yml", appspec);
        return ScenarioDocument.Parse("deployment: { appspec: appspec.yml }\n", "s.yaml", dir.Path).ToScenario();
    }

    private const string Head = "version: 0.0\nos: linux\n";

    [Test]
    public void Script_WithoutTimeout_Takes3600s() =>
        Assert.That(Load(Head + "hooks:\n  AfterInstall:\n    - location: a.sh\n").Fleet.Deployment.Hooks[LifecycleEvent.AfterInstall].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(3600)));

    [Test]
    public void Event_TimeoutsAddingUpPast3600s_IsAccepted() =>
        Assert.That(Check(Head + "hooks:\n  ApplicationStop:\n    - location: a.sh\n    - location: b.sh\n").Errors, Is.Empty);

    [Test]
    public void Script_TimeoutAbove3600s_IsAccepted() =>
        Assert.That(Load(Head + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 7200\n").Fleet.Deployment.Hooks[LifecycleEvent.AfterInstall].Single().Timeout.TotalSeconds, Is.EqualTo(7200));

    [TestCase("hooks:\n")]
    [TestCase("files:\n")]
    [TestCase("hooks:\n  AfterInstall:\n  ApplicationStart:\n")]
    [TestCase("permissions:\n")]
    public void EmptySections_AreAccepted(string tail)
    {
        var (errors, warnings) = Check(Head + tail);
        Assert.That((errors, warnings), Is.EqualTo((Array.Empty<ScenarioError>(), Array.Empty<ScenarioError>())));
    }

    [Test]
    public void Script_SudoAndRunas_AreAccepted() =>
        Assert.That(Check(Head + "hooks:\n  AfterInstall:\n    - location: a.sh\n      sudo: true\n      runas: root\n"), Is.EqualTo((Array.Empty<ScenarioError>(), Array.Empty<ScenarioError>())));

    [Test]
    public void TopLevel_UnknownKey_IsAWarning()
    {
        var (errors, warnings) = Check(Head + "hook:\n  AfterInstall: []\n");
        Assert.That(errors, Is.Empty);
        Assert.That(warnings.Single().ToString(), Is.EqualTo("appspec.yml:3:1: hook: the CodeDeploy agent ignores 'hook' (it reads version, os, hooks, files, permissions, file_exists_behavior); did you mean 'hooks'?"));
    }

    [TestCase("\"300\"", 300)]
    [TestCase("'60'", 60)]
    [TestCase("90.9", 90)]
    public void Timeout_StringOfDigitsOrFloat_IsReadAsRubyToI(string timeout, double seconds) =>
        Assert.That(Load(Head + $"hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: {timeout}\n").Fleet.Deployment.Hooks[LifecycleEvent.AfterInstall].Single().Timeout.TotalSeconds, Is.EqualTo(seconds));

    [Test]
    public void Timeout_WithTrailingText_IsReadAsItsDigitsWithAWarning()
    {
        var (errors, warnings) = Check(Head + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 300s\n");
        Assert.That(errors, Is.Empty);
        Assert.That(warnings.Single().Message, Is.EqualTo("the agent reads '300s' as 300 s (Ruby's to_i)"));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("abc")]
    [TestCase("0.5")]
    public void Timeout_NotAboveZero_IsRejectedWithTheAgentsReason(string timeout) =>
        Assert.That(OnlyError(Head + $"hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: {timeout}\n").Message, Is.EqualTo(AgentReasons.Timeout));

    [Test]
    public void Timeout_True_IsRejected() =>
        Assert.That(OnlyError(Head + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: true\n").Message, Does.StartWith("wrong type: expected a number of seconds"));

    [Test]
    public void Location_TrailingSpaces_AreStripped() =>
        Assert.That(Load(Head + "hooks:\n  AfterInstall:\n    - location: \"scripts/start.sh  \"\n").Fleet.Deployment.Hooks[LifecycleEvent.AfterInstall].Single().Location, Is.EqualTo("scripts/start.sh"));

    [TestCase("- location: \"  \"", 5, 17)]
    [TestCase("- timeout: 30", 5, 7)]
    public void Location_MissingOrBlank_IsRejectedWithTheAgentsReason(string script, int line, int column)
    {
        var e = OnlyError(Head + $"hooks:\n  AfterInstall:\n    {script}\n");
        Assert.That((e.Line, e.Column, e.Message), Is.EqualTo((line, column, AgentReasons.NoLocation)));
    }

    [TestCase("0")]
    [TestCase("0.0")]
    [TestCase("00")]
    public void Version_NumericZero_IsAccepted(string version) =>
        Assert.That(Check($"version: {version}\nos: linux\n").Errors, Is.Empty);

    [TestCase("1.0", "1.0")]
    [TestCase("\"0.0\"", "0.0")]
    [TestCase("latest", "latest")]
    public void Version_OtherThanZero_IsRejectedWithTheAgentsReason(string version, string shown)
    {
        var e = OnlyError($"version: {version}\nos: linux\n");
        Assert.That((e.Line, e.Column, e.Field), Is.EqualTo((1, 10, "version")));
        Assert.That(e.Message, Does.StartWith(AgentReasons.Version(shown)));
    }

    [Test]
    public void Os_Windows_IsAccepted() =>
        Assert.That(Check("version: 0.0\nos: windows\nhooks:\n  BeforeInstall:\n    - location: \\before-install.bat\n").Errors, Is.Empty);

    [Test]
    public void Os_Other_IsRejectedWithTheAgentsReason() =>
        Assert.That(OnlyError("version: 0.0\nos: Linux\n").Message, Does.StartWith(AgentReasons.OperatingSystem("Linux")));

    [Test]
    public void Permissions_OnWindows_AreRejectedWithTheAgentsReason()
    {
        var e = OnlyError("version: 0.0\nos: windows\npermissions:\n  - object: /srv\n    mode: 644\n");
        Assert.That((e.Line, e.Column, e.Field, e.Message), Is.EqualTo((4, 5, "permissions[0]", AgentReasons.PermissionsOnWindows)));
    }

    [Test]
    public void Permissions_UnsupportedType_IsRejectedWithTheAgentsReason() =>
        Assert.That(OnlyError(Head + "permissions:\n  - object: /srv\n    type: [link]\n").Message, Is.EqualTo(AgentReasons.PermissionType("link")));

    [Test]
    public void Permissions_OctalLookingMode_IsReadAsYamlOctalLikeTheAgent()
    {
        var e = OnlyError(Head + "permissions:\n  - object: /srv\n    mode: 0755\n");
        Assert.That(e.Message, Does.StartWith(AgentReasons.ModeCharacter("493", '9')));
        var (errors, warnings) = Check(Head + "permissions:\n  - object: /srv\n    mode: 0644\n");
        Assert.That(errors, Is.Empty);
        Assert.That(warnings.Single().Message, Does.StartWith("the agent sets mode 420, not 0644"));
    }

    [TestCase("Instal", "; did you mean 'Install'?", "reserved")]
    [TestCase("AfterInstal", "; did you mean 'AfterInstall'?", "not a lifecycle event")]
    [TestCase("CustomEvent", "", "not a lifecycle event")]
    public void Events_TheAgentNeverRuns_AreWarningsNotErrors(string name, string hint, string why)
    {
        var (errors, warnings) = Check(Head + $"hooks:\n  {(name == "Instal" ? "Install" : name)}:\n    - location: a.sh\n");
        Assert.That(errors, Is.Empty);
        var w = warnings.Single();
        Assert.That(w.Message, Does.Contain(why));
        if (name != "Instal") Assert.That(w.Message, Does.EndWith($"ignored{hint}"));
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    public void File_Empty_IsRejectedWithTheAgentsReason(string text)
    {
        var e = OnlyError(text);
        Assert.That((e.File, e.Line, e.Column, e.Message), Is.EqualTo(("appspec.yml", 1, 1, AgentReasons.Empty)));
    }

    [Test]
    public void FileExistsBehavior_Other_IsRejectedWithTheAgentsReason() =>
        Assert.That(OnlyError(Head + "file_exists_behavior: overwrite\n").Message, Does.StartWith(AgentReasons.FileExistsBehavior("overwrite") + "; did you mean 'OVERWRITE'?"));
}
