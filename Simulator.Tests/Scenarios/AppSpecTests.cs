using DeploySim.Engine;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>Reading appspec.yml: the article's two versions, CodeDeploy's rules on events and timeouts, and the link
/// between appspec scripts and <c>scripts:</c> entries.</summary>
public sealed class AppSpecTests
{
    private static string WithAppSpec(string appspec, string scripts = "") =>
        $"name: t\ndeployment:\n  appspec: {appspec}\n  scripts:\n    x.sh: {{ duration: 1s }}\n{scripts}";

    [TestCase("appspec/without-setup-wait.yml", new[] { LifecycleEvent.ApplicationStop, LifecycleEvent.AfterInstall })]
    [TestCase("appspec/with-setup-wait.yml", new[] { LifecycleEvent.ApplicationStop, LifecycleEvent.BeforeInstall, LifecycleEvent.AfterInstall })]
    public void Load_ArticleAppSpecFromShippedFolder_ReadsItsHooks(string appspec, LifecycleEvent[] events)
    {
        var yaml = $"name: t\ndeployment:\n  appspec: {appspec}\n  scripts:\n"
            + "    codedeploy/stop-application.sh: { duration: 5s, action: stopApplication }\n"
            + "    codedeploy/setup-wait.sh: { action: waitForOpsWorks }\n"
            + "    codedeploy/start-application.sh: { action: startApplication }\n";
        var s = ScenarioLoader.LoadText(yaml, "t.yaml", ScenarioTestSupport.ScenariosDirectory);
        Assert.That(s.Deployment.Hooks.Keys, Is.EqualTo(events));
        Assert.That(s.Deployment.Hooks[LifecycleEvent.ApplicationStop].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(30)));
    }

    [Test]
    public void Load_CompleteAppSpec_ReadsEveryHookInOrderWithRepeatedScripts()
    {
        var s = ScenarioLoader.Load(Path.Combine(FixturesDirectory, "complete.yaml"));
        var hooks = s.Deployment.Hooks;
        Assert.Multiple(() =>
        {
            Assert.That(hooks.Keys, Is.EqualTo(new[]
            {
                LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.ApplicationStop, LifecycleEvent.BeforeInstall,
                LifecycleEvent.AfterInstall, LifecycleEvent.ValidateService,
            }));
            Assert.That(hooks[LifecycleEvent.ValidateService].Select(h => (h.Location, h.Timeout.TotalSeconds, h.FailureRate)),
                Is.EqualTo(new[] { ("scripts/check.sh", 120.0, 0.05), ("scripts/check.sh", 120.0, 0.05) }));
            Assert.That(hooks[LifecycleEvent.BeforeBlockTraffic].Single().TargetGroup, Is.EqualTo("admin"));
        });
    }

    private static IReadOnlyList<ScenarioError> Warnings(string yaml) =>
        ScenarioDocument.Parse(yaml, TestFile, FixturesDirectory).Check().Warnings;

    [Test]
    public void Validate_AppSpecReservedAndUnknownEvents_WarnsAsTheAgentIgnoresThem()
    {
        Assert.That(Errors(WithAppSpec("appspec/reserved-and-unknown.yml")), Is.Empty);
        var warnings = Warnings(WithAppSpec("appspec/reserved-and-unknown.yml")).Where(w => w.File == "appspec/reserved-and-unknown.yml").ToList();
        Assert.That(warnings, Has.Count.EqualTo(2), string.Join("\n", warnings));
        AssertError(warnings[0], 4, 3, "hooks.Install", "'Install' is reserved for CodeDeploy: the agent never runs scripts for it", "appspec/reserved-and-unknown.yml");
        AssertError(warnings[1], 6, 3, "hooks.AfterInstal", "'AfterInstal' is not a lifecycle event of an EC2 deployment: CodeDeploy never asks the agent to run it, so its scripts are ignored; did you mean 'AfterInstall'?", "appspec/reserved-and-unknown.yml");
    }

    [TestCase("BlockTraffic")]
    [TestCase("AllowTraffic")]
    [TestCase("DownloadBundle")]
    [TestCase("Install")]
    public void Validate_InlineHookOnReservedEvent_ReportsIt(string ev) =>
        AssertError(SingleError($"name: t\ndeployment:\n  hooks:\n    {ev}: [ {{ location: a.sh }} ]\n"), 4, 5, $"deployment.hooks.{ev}",
            $"'{ev}' is reserved for CodeDeploy and cannot run scripts");

    [Test]
    public void Validate_AppSpecTimeouts_RejectsZeroOnlyAndAcceptsAnySum()
    {
        const string file = "appspec/bad-timeouts.yml";
        var e = Errors(WithAppSpec(file)).Single(e => e.File == file);
        AssertError(e, 6, 16, "hooks.BeforeInstall[0].timeout", "The deployment failed because an invalid timeout value was provided for a script", file);
        var s = Load(WithAppSpec("appspec/long-timeouts.yml"));
        Assert.That(s.Deployment.Hooks[LifecycleEvent.AfterInstall].Select(h => h.Timeout.TotalSeconds), Is.EqualTo(new[] { 1800.0, 1801.0 }));
        Assert.That(s.Deployment.Hooks[LifecycleEvent.ApplicationStart].Single().Timeout.TotalSeconds, Is.EqualTo(3601.0));
    }

    [Test]
    public void Validate_AppSpecWithoutVersionAndBadFields_ReportsEachWithTheAgentsReason()
    {
        const string file = "appspec/no-version.yml";
        var errors = Errors(WithAppSpec(file)).Where(e => e.File == file).ToList();
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "version", "os", "hooks.AfterInstall[0].location" }), string.Join("\n", errors));
        AssertError(errors[0], 1, 1, "version", "an invalid version value () was entered", file);
        AssertError(errors[1], 1, 5, "os", "specifies an unsupported operating system (solaris)", file);
        AssertError(errors[2], 4, 7, "hooks.AfterInstall[0].location", "specifies a script with no location value", file);
        var typo = Warnings(WithAppSpec(file)).Single(w => w.File == file);
        AssertError(typo, 4, 7, "hooks.AfterInstall[0].locaton", "the CodeDeploy agent ignores 'locaton' in a script; did you mean 'location'?", file);
    }

    [Test]
    public void Validate_AppSpecNotYaml_ReportsItsPosition()
    {
        var e = Errors(WithAppSpec("appspec/not-yaml.yml")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo("appspec/not-yaml.yml"));
            Assert.That(e.Line, Is.GreaterThanOrEqualTo(3), e.ToString());
            Assert.That(e.Message, Does.StartWith("not valid YAML"));
        });
    }

    [Test]
    public void Validate_MissingAppSpecFile_ReportsTheAppSpecField()
    {
        var e = SingleError("name: t\ndeployment:\n  appspec: appspec/nope.yml\n");
        AssertError(e, 3, 12, "deployment.appspec", "cannot read the appspec: file not found");
        Assert.That(e.Message, Does.Contain(Path.Combine(FixturesDirectory, "appspec", "nope.yml")), "the resolved path, relative to the scenario file");
    }

    [Test]
    public void Validate_AppSpecScriptWithoutScriptsEntry_TakesTheDefaultDurationAndWarnsHowToMapIt()
    {
        var yaml = "name: t\ndeployment:\n  appspec: appspec/complete.yml\n  scripts:\n"
            + "    scripts/deregister-admin.sh: { duration: 1s }\n    scripts/stop.sh: { duration: 1s }\n"
            + "    scripts/wait.sh: { action: waitForOpsWorks }\n    scripts/strat.sh: { action: startApplication }\n"
            + "    scripts/check.sh: { duration: 2s }\n";
        Assert.That(Errors(yaml), Is.Empty);
        var w = Warnings(yaml).Single();
        AssertError(w, 5, 5, "deployment.scripts[scripts/start.sh]",
            "no entry for 'scripts/start.sh', which appspec/complete.yml:23:17 runs in AfterInstall: it takes deployment.defaultScriptDuration (default 1s) and does nothing else; to model it, add deployment.scripts[scripts/start.sh]: { duration, failureRate, action }");
        Assert.That(w.Message, Does.EndWith("did you mean 'scripts/strat.sh'?"));
        var start = Load(yaml + "  defaultScriptDuration: 7s\n").Deployment.Hooks[LifecycleEvent.AfterInstall].Single(h => h.Location == "scripts/start.sh");
        Assert.That((start.Duration.ParameterA, start.Action, start.FailureRate), Is.EqualTo((7000.0, ScriptAction.None, 0.0)));
    }

    [Test]
    public void Validate_AppSpecAndInlineHooks_ReportsTheConflict() =>
        AssertError(Errors("name: t\ndeployment:\n  appspec: appspec/complete.yml\n  hooks: {}\n").Single(), 4, 10, "deployment.hooks",
            "give either appspec or hooks, not both");

    [Test]
    public void Validate_ScriptsWithoutAppSpec_SaysToGiveTheAppSpec() =>
        AssertError(SingleError("name: t\ndeployment:\n  scripts: { a.sh: { duration: 1s } }\n"), 3, 12, "deployment.scripts",
            "scripts describes the scripts of an appspec: give deployment.appspec too");

    [Test]
    public void Load_InlineHooks_MapEveryField()
    {
        var s = ScenarioLoader.Load(Path.Combine(FixturesDirectory, "complete-inline-hooks.yaml"));
        var h = s.Deployment.Hooks;
        var stop = h[LifecycleEvent.ApplicationStop].Single();
        var register = h[LifecycleEvent.AfterAllowTraffic].Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Deployment.AppSpecPath, Is.Null);
            Assert.That((stop.Location, stop.Timeout, stop.Duration.ParameterA, stop.FailureRate, stop.Action),
                Is.EqualTo(("stop.sh", SimDuration.FromSeconds(60), 3000.0, 0.2, ScriptAction.StopApplication)));
            Assert.That(h[LifecycleEvent.BeforeInstall].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(900)));
            Assert.That(h[LifecycleEvent.AfterInstall][0].Timeout, Is.EqualTo(SimDuration.FromSeconds(3600)));
            Assert.That((register.Timeout, register.Action, register.TargetGroup), Is.EqualTo((SimDuration.FromMinutes(10), ScriptAction.RegisterTargetGroup, "web")));
        });
    }
}
