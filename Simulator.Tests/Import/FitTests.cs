using System.Text.Json;
using DeploySim.Engine;
using DeploySim.Import;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary><c>deploysim fit</c> on the hand-made histories: where each fit goes, what is left out and reported.</summary>
public sealed class FitTests
{
    private static readonly string[] s_targets =
        [Fixture("targets-in-place-cli-v1.json"), Fixture("targets-in-place-cli-v2.json"), Fixture("instances-cli-v1.json")];

    /// <summary>Imports the fixtures' fleet into <paramref name="dir"/>/web.yaml.</summary>
    private static string Imported(ScratchDirectory dir)
    {
        var (code, _, stderr) = RunCli("import", "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"),
            "--deployment-group", Fixture("deployment-group-in-place.json"), "--deployment-config", Fixture("deployment-config-custom.json"),
            "--appspec", Fixture("appspec.yml"), "--out", dir.File("web.yaml"));
        Assert.That(code, Is.Zero, stderr);
        return dir.File("web.yaml");
    }

    [Test]
    public void Fit_DurationPastTheScriptsTimeout_WarnsWithTheProbability()
    {
        using var dir = new ScratchDirectory();
        var appspec = dir.Write("appspec.yml", File.ReadAllText(Fixture("appspec.yml")).Replace("timeout: 600", "timeout: 1", StringComparison.Ordinal));
        var (code, _, stderr) = RunCli("import", "--asg", Fixture("asg.json"), "--deployment-group", Fixture("deployment-group-in-place.json"),
            "--appspec", appspec, "--out", dir.File("web.yaml"));
        Assert.That(code, Is.Zero, stderr);
        (code, var stdout, stderr) = RunCli(["fit", "--targets", .. s_targets, "--scenario", dir.File("web.yaml"), "--out", dir.File("fitted.yaml")]);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Match(@"warning: AfterInstall: the fitted duration of codedeploy/db-migrate\.sh \(empirical\(14 values, median [0-9.]+ s\)\) runs past its 1 s timeout with probability 1 per instance, 1 per run of 12 instances \(SCRIPT_TIMED_OUT\)"));
    }

    [Test]
    public void Exceeds_LogNormalTail_IsTheNormalTailOfTheLog()
    {
        var fit = new DurationFit(FitModel.LogNormal, [1.0], Mu: Math.Log(100), Sigma: 0.5, 0, 1, "");
        Assert.Multiple(() =>
        {
            Assert.That(ScenarioFitter.Exceeds(fit, 100), Is.EqualTo(0.5).Within(1e-12), "the median");
            Assert.That(ScenarioFitter.Exceeds(fit, 100 * Math.Exp(0.5 * 1.6448536269514722)), Is.EqualTo(0.05).Within(1e-9), "z = 1.645");
        });
    }

    [Test]
    public void Fit_ImportedScenario_FitsScriptsAndBundleAndReportsTheRest()
    {
        using var dir = new ScratchDirectory();
        var scenario = Imported(dir);
        var (code, stdout, stderr) = RunCli(["fit", "--targets", .. s_targets, "--scenario", scenario, "--out", dir.File("fitted.yaml")]);
        Assert.That(code, Is.Zero, stderr);
        var d = ScenarioLoader.Load(dir.File("fitted.yaml")).Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(d.DownloadBundleTime.Kind, Is.EqualTo(DistributionKind.LogNormal), "15 points: lognormal");
            Assert.That(d.InstallTime.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].Duration.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][0].Duration.Kind, Is.EqualTo(DistributionKind.Empirical), "14 points after one failure: empirical");
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][0].Duration.Values, Has.Count.EqualTo(14));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][1].Duration.Mean, Is.Zero);
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].Action, Is.EqualTo(ScriptAction.StopApplication), "the rest of the entry stays");
            Assert.That(stdout, Does.Contain("BlockTraffic: not fitted: emerges from the target groups' health checks and draining"));
            Assert.That(stdout, Does.Contain("BeforeBlockTraffic -> deployment.emptyEventTime: "), "no scripts: the agent's no-op time");
            Assert.That(stdout, Does.Contain("note: AfterInstall failed on 1 instance(s) (ScriptFailed, codedeploy/db-migrate.sh): left out of the duration fit, counted in the failure rate"));
            Assert.That(d.Hooks[LifecycleEvent.AfterInstall][0].FailureRate, Is.EqualTo(1.0 / 15).Within(1e-6), "1 of the 15 instances that ran AfterInstall failed");
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].FailureRate, Is.Zero, "no failure observed, none written");
            Assert.That(stdout, Does.Contain("AfterInstall: failure rate 0.0667 (1 of 15 instances failed AfterInstall (ScriptFailed 1))"));
            Assert.That(stdout, Does.Contain("1 failed").And.Contain("1 skipped"));
            Assert.That(stdout, Does.Contain("fewer than 15 observations"));
        });
        var text = File.ReadAllText(dir.File("fitted.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("downloadBundleTime: { lognormal: {").And.Contain("# fitted: lognormal MLE, n=15"));
            Assert.That(text, Does.Not.Contain("downloadBundleTime: 3s"));
            Assert.That(text, Does.Contain("#   AfterInstall: n=14; left out: 1 failed"));
            Assert.That(text, Does.Contain("# Imported by 'deploysim import' from:"), "the import's comments stay");
            Assert.That(text, Does.Contain("scripts:  # durations: fitted by deploysim fit (see the summary at the top); actions: guessed"));
        });
    }

    [Test]
    public void Fit_Json_ListsEveryEventWithCountsAndFit()
    {
        using var dir = new ScratchDirectory();
        var scenario = Imported(dir);
        var (code, stdout, stderr) = RunCli(["fit", "--targets", .. s_targets, "--scenario", scenario, "--out", dir.File("fitted.yaml"), "--json"]);
        Assert.That(code, Is.Zero, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("event").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("deployments").GetInt32(), Is.EqualTo(3));
            Assert.That(doc.RootElement.GetProperty("instances").GetInt32(), Is.EqualTo(15));
            Assert.That(events, Has.Count.EqualTo(13));
            Assert.That(events["AfterInstall"].GetProperty("excluded").GetProperty("failed").GetInt32(), Is.EqualTo(1));
            Assert.That(events["AfterInstall"].GetProperty("fit").GetProperty("model").GetString(), Is.EqualTo("empirical"));
            Assert.That(events["DownloadBundle"].GetProperty("fit").GetProperty("model").GetString(), Is.EqualTo("lognormal"));
            Assert.That(events["DownloadBundle"].GetProperty("fit").GetProperty("ksStatistic").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(events["DownloadBundle"].GetProperty("target").GetString(), Is.EqualTo("deployment.downloadBundleTime"));
            Assert.That(events["AllowTraffic"].GetProperty("fit").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(events["AllowTraffic"].GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(14));
        });
    }

    [Test]
    public void Fit_Twice_ReplacesTheSummaryAndThePreviousFit()
    {
        using var dir = new ScratchDirectory();
        var scenario = Imported(dir);
        Assert.That(RunCli(["fit", "--targets", .. s_targets, "--scenario", scenario, "--out", dir.File("once.yaml")]).Code, Is.Zero);
        Assert.That(RunCli(["fit", "--targets", s_targets[0], "--scenario", dir.File("once.yaml"), "--out", dir.File("twice.yaml")]).Code, Is.Zero);
        var text = File.ReadAllText(dir.File("twice.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(text.Split("# deploysim fit\n").Length, Is.EqualTo(2), "one summary block");
            Assert.That(text, Does.Contain("fitted to 1 deployment(s), 6 instance(s)"));
            Assert.That(text, Does.Contain("installTime: { empirical: [").And.Contain("# fitted: empirical, n=6"));
        });
    }

    [Test]
    public void Fit_ShippedSourceArticleIntoAnotherFolder_LeavesWaitingScriptsAndRewritesTheAppSpecPath()
    {
        using var dir = new ScratchDirectory();
        var source = Path.Combine(LayeringTests.RepositoryRoot(), "scenarios", "source-article.yaml");
        var result = DeploySim.Reporting.ImportFiles.Fit(source, DeploymentHistory.Read(s_targets), dir.File("article-fitted.yaml"), s_targets);
        var fitted = ScenarioLoader.Load(dir.File("article-fitted.yaml"));
        var byEvent = result.Events.ToDictionary(e => e.Event);
        Assert.Multiple(() =>
        {
            Assert.That(byEvent[LifecycleEvent.BeforeInstall].Fit, Is.Not.Null);
            Assert.That(byEvent[LifecycleEvent.BeforeInstall].Target, Is.Empty);
            Assert.That(byEvent[LifecycleEvent.BeforeInstall].Note, Does.Contain("its scripts wait (waitForOpsWorks)"));
            Assert.That(fitted.Fleet.Deployment.Hooks[LifecycleEvent.BeforeInstall][0].Duration.Mean, Is.Zero, "the waiting script keeps its duration");
            Assert.That(byEvent[LifecycleEvent.AfterInstall].Target, Is.EqualTo("deployment.scripts[codedeploy/start-application.sh].duration"));
            Assert.That(byEvent[LifecycleEvent.ApplicationStart].Note, Does.Contain("runs no scripts in ApplicationStart (observed mean 29.1 s: is the scenario missing this event's scripts?)"));
            Assert.That(fitted.Fleet.Deployment.AppSpecPath, Does.EndWith("scenarios/appspec/with-setup-wait.yml").And.StartWith("../"));
        });
    }

    [Test]
    public void Fit_ScriptInTwoEvents_KeepsTheFirstEventsFitAndSaysWhy()
    {
        using var dir = new ScratchDirectory();
        dir.Write("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: run.sh\n  AfterInstall:\n    - location: run.sh\n      timeout: 600\n    - location: other.sh\n      timeout: 600\n");
        var scenario = dir.Write("s.yaml", "name: shared\ndeployment:\n  appspec: appspec.yml\n  scripts:\n    run.sh: { duration: 1s }\n    other.sh: { duration: 1s }\n");
        var result = ScenarioFitter.Fit(scenario, DeploymentHistory.Read([s_targets[0]]), dir.File("out.yaml"), [s_targets[0]]);
        var byEvent = result.Events.ToDictionary(e => e.Event);
        Assert.Multiple(() =>
        {
            Assert.That(byEvent[LifecycleEvent.BeforeInstall].Target, Is.EqualTo("deployment.scripts[run.sh].duration"));
            Assert.That(byEvent[LifecycleEvent.AfterInstall].Target, Is.EqualTo("deployment.scripts[other.sh].duration"), "the script used only in AfterInstall takes its fit");
            Assert.That(result.Notes, Has.One.Contains("run.sh also runs in another event"));
        });
    }

    [Test]
    public void Fit_InlineHooks_WritesIntoTheHookEntries()
    {
        using var dir = new ScratchDirectory();
        var scenario = dir.Write("s.yaml", """
            name: inline
            deployment:
              hooks:
                ApplicationStop:
                  - location: stop.sh
                    duration: 5s     # my guess
                    action: stopApplication
                ApplicationStart:
                  - { location: start.sh, duration: 1s, action: startApplication }
            """);
        DeploySim.Reporting.ImportFiles.Fit(scenario, DeploymentHistory.Read([s_targets[1]]), dir.File("out.yaml"), [s_targets[1]]);
        var text = File.ReadAllText(dir.File("out.yaml"));
        var d = ScenarioLoader.Load(dir.File("out.yaml")).Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStop][0].Duration.Kind, Is.EqualTo(DistributionKind.Empirical), "6 points");
            Assert.That(d.Hooks[LifecycleEvent.ApplicationStart][0].Duration.Values, Has.Count.EqualTo(6));
            Assert.That(text, Does.Contain("# my guess"), "a user's comment stays when the value is replaced");
            Assert.That(text, Does.Contain("      - { location: start.sh, duration: { empirical: ["));
            Assert.That(d.DownloadBundleTime.Values, Has.Count.EqualTo(6), "a missing key is added");
        });
    }

    [TestCase("malformed/targets-truncated.json", "not valid JSON (is the file truncated?)")]
    [TestCase("asg.json", "this is the output of 'aws autoscaling describe-auto-scaling-groups'")]
    [TestCase("malformed/targets-wrong-types.json", ":13:38: deploymentTargets[0].instanceTarget.lifecycleEvents[0].startTime: expected a time")]
    public void Fit_BadTargets_ExitsOneNamingFileAndPlace(string file, string message)
    {
        using var dir = new ScratchDirectory();
        var scenario = Imported(dir);
        var (code, stdout, stderr) = RunCli("fit", "--targets", Fixture(file), "--scenario", scenario, "--out", dir.File("fitted.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.StartWith(Fixture(file)));
            Assert.That(stderr, Does.Contain(message));
            Assert.That(stdout, Is.Empty);
            Assert.That(File.Exists(dir.File("fitted.yaml")), Is.False);
        });
    }

    [Test]
    public void Fit_InvalidScenario_ExitsOneWithTheScenarioError()
    {
        using var dir = new ScratchDirectory();
        var scenario = dir.Write("bad.yaml", "name: x\nunicorn: { workers: many }\n");
        var (code, _, stderr) = RunCli("fit", "--targets", s_targets[0], "--scenario", scenario, "--out", dir.File("fitted.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("bad.yaml:2:").And.Contain("unicorn.workers"));
        });
    }

    [Test]
    public void Fit_MissingOptions_ExitTwo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunCli("fit", "--scenario", "s.yaml", "--out", "o.yaml").Code, Is.EqualTo(2));
            Assert.That(RunCli("fit", "--targets", "t.json", "--out", "o.yaml").Code, Is.EqualTo(2));
        });
    }
}
