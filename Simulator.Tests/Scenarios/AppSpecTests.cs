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
        Assert.That(s.Fleet.Deployment.Hooks.Keys, Is.EqualTo(events));
        Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.ApplicationStop].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(30)));
    }

    [Test]
    public void Load_CompleteAppSpec_ReadsEveryHookInOrderWithRepeatedScripts()
    {
        var s = ScenarioLoader.Load(Path.Combine(FixturesDirectory, "complete.yaml"));
        var hooks = s.Fleet.Deployment.Hooks;
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

    [Test]
    public void Validate_AppSpecReservedAndUnknownEvents_ReportsBothInTheAppSpec()
    {
        var errors = Errors(WithAppSpec("appspec/reserved-and-unknown.yml"));
        Assert.That(errors, Has.Count.EqualTo(2), string.Join("\n", errors));
        AssertError(errors[0], 4, 3, "hooks.Install", "'Install' is reserved for CodeDeploy and cannot run scripts", "appspec/reserved-and-unknown.yml");
        AssertError(errors[1], 6, 3, "hooks.AfterInstal", "unknown lifecycle event 'AfterInstal'; did you mean 'AfterInstall'?", "appspec/reserved-and-unknown.yml");
    }

    [TestCase("BlockTraffic")]
    [TestCase("AllowTraffic")]
    [TestCase("DownloadBundle")]
    [TestCase("Install")]
    public void Validate_InlineHookOnReservedEvent_ReportsIt(string ev) =>
        AssertError(SingleError($"name: t\ndeployment:\n  hooks:\n    {ev}: [ {{ location: a.sh }} ]\n"), 4, 5, $"deployment.hooks.{ev}",
            $"'{ev}' is reserved for CodeDeploy and cannot run scripts");

    [Test]
    public void Validate_AppSpecTimeouts_ReportsZeroTooLongAndSumOverAnHour()
    {
        var errors = Errors(WithAppSpec("appspec/bad-timeouts.yml"));
        const string file = "appspec/bad-timeouts.yml";
        var scriptErrors = errors.Where(e => e.File == file).ToList();
        Assert.That(scriptErrors, Has.Count.EqualTo(3), string.Join("\n", errors));
        AssertError(scriptErrors[0], 6, 16, "hooks.BeforeInstall[0].timeout", "0 is out of range: CodeDeploy allows 1 to 3600 seconds", file);
        AssertError(scriptErrors[1], 7, 3, "hooks.AfterInstall", "the scripts' timeouts add up to 3601 s; CodeDeploy allows at most 3600 s per lifecycle event", file);
        AssertError(scriptErrors[2], 14, 16, "hooks.ApplicationStart[0].timeout", "3601 is out of range: CodeDeploy allows 1 to 3600 seconds", file);
    }

    [Test]
    public void Validate_AppSpecWithoutVersionAndBadFields_ReportsEach()
    {
        var errors = Errors(WithAppSpec("appspec/no-version.yml")).Where(e => e.File == "appspec/no-version.yml").ToList();
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "version", "os", "hooks.AfterInstall[0].locaton", "hooks.AfterInstall[0].location" }),
            string.Join("\n", errors));
        AssertError(errors[1], 1, 5, "os", "'solaris' is not an operating system", "appspec/no-version.yml");
        AssertError(errors[2], 4, 7, "hooks.AfterInstall[0].locaton", "did you mean 'location'?", "appspec/no-version.yml");
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
    public void Validate_AppSpecScriptWithoutScriptsEntry_SaysWhichHookRunsIt()
    {
        var errors = Errors("name: t\ndeployment:\n  appspec: appspec/complete.yml\n  scripts:\n"
            + "    scripts/deregister-admin.sh: { duration: 1s }\n    scripts/stop.sh: { duration: 1s }\n"
            + "    scripts/wait.sh: { action: waitForOpsWorks }\n    scripts/strat.sh: { action: startApplication }\n"
            + "    scripts/check.sh: { duration: 2s }\n");
        var e = errors.Single();
        AssertError(e, 5, 5, "deployment.scripts[scripts/start.sh]",
            "no entry for 'scripts/start.sh', which appspec/complete.yml:23:17 runs in AfterInstall; every script the appspec runs needs one");
        Assert.That(e.Message, Does.EndWith("did you mean 'scripts/strat.sh'?"));
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
        var h = s.Fleet.Deployment.Hooks;
        var stop = h[LifecycleEvent.ApplicationStop].Single();
        var register = h[LifecycleEvent.AfterAllowTraffic].Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.AppSpecPath, Is.Null);
            Assert.That((stop.Location, stop.Timeout, stop.Duration.ParameterA, stop.FailureRate, stop.Action),
                Is.EqualTo(("stop.sh", SimDuration.FromSeconds(60), 3000.0, 0.2, ScriptAction.StopApplication)));
            Assert.That(h[LifecycleEvent.BeforeInstall].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(900)));
            Assert.That(h[LifecycleEvent.AfterInstall][0].Timeout, Is.EqualTo(SimDuration.FromSeconds(3600)));
            Assert.That((register.Timeout, register.Action, register.TargetGroup), Is.EqualTo((SimDuration.FromMinutes(10), ScriptAction.RegisterTargetGroup, "web")));
        });
    }
}
