using System.Text.RegularExpressions;
using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary>Termination on import (docs/model.md#termination-lifecycle-hooks, docs/model.md#termination-hook): the group's
/// terminate hooks from describe-lifecycle-hooks, CodeDeploy's termination hook from the deployment group, on the AWS
/// CLI's example outputs (Simulator.Tests/Import/Real/cli).</summary>
public sealed class ImportTerminationTests
{
    private static string Cli(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Real", "cli", name);

    private const string CodeDeploysHook = "CodeDeploy-managed-termination-hook-WordPress_DG-EXAMPLE";

    private static (Scenario Scenario, string Stdout, string Text) Import(ScratchDirectory dir, params string[] args)
    {
        var (code, stdout, stderr) = RunCli(["import", .. args, "--out", dir.File("x.yaml")]);
        Assert.That(code, Is.Zero, stderr);
        return (ScenarioLoader.Load(dir.File("x.yaml")), stdout, File.ReadAllText(dir.File("x.yaml")));
    }

    /// <summary>The CLI's get-deployment-group example, its Auto Scaling group given in the API's object form with the
    /// hooks CodeDeploy installed (CodeDeploy API AutoScalingGroup {name, hook, terminationHook}), and terminationHookEnabled.</summary>
    private static string DeploymentGroupWithTerminationHook(ScratchDirectory dir, bool named = true)
    {
        string text = File.ReadAllText(Cli("get-deployment-group.json"));
        text = Regex.Replace(text, @"""autoScalingGroups"": \[[^\]]*\],",
            "\"autoScalingGroups\": [ { \"name\": \"my-auto-scaling-group\", \"hook\": \"CodeDeploy-managed-automatic-launch-deployment-hook-WordPress_DG-EXAMPLE\""
            + (named ? $", \"terminationHook\": \"{CodeDeploysHook}\"" : "") + " } ],\n        \"terminationHookEnabled\": true,");
        return dir.Write("dg.json", text);
    }

    /// <summary>The terminating example with CodeDeploy's own termination hook added (heartbeat 900 s).</summary>
    private static string HooksWithCodeDeploys(ScratchDirectory dir) => dir.Write("hooks.json", File.ReadAllText(Cli("describe-lifecycle-hooks-terminating.json"))
        .Replace("\"LifecycleHooks\": [", $$"""
            "LifecycleHooks": [
                    { "HeartbeatTimeout": 900, "GlobalTimeout": 90000, "AutoScalingGroupName": "my-auto-scaling-group", "LifecycleHookName": "{{CodeDeploysHook}}",
                      "DefaultResult": "CONTINUE", "LifecycleTransition": "autoscaling:EC2_INSTANCE_TERMINATING" },
            """, StringComparison.Ordinal));

    [Test]
    public void Import_CliLifecycleHooksExample_ItsLaunchHookIsNotCodeDeploysAndThereIsNoTerminateHook()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout, text) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--lifecycle-hooks", Cli("describe-lifecycle-hooks.json"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.AutoScaling.LaunchHook.Enabled, Is.False);
            Assert.That(stdout, Does.Contain("lifecycle hook my-lifecycle-hook (autoscaling:EC2_INSTANCE_LAUNCHING) is not modelled"));
            Assert.That(s.Fleet.AutoScaling.TerminationHooks, Is.Empty);
            Assert.That(text, Does.Contain("terminationHooks: []  # describe-lifecycle-hooks: no terminate hook of the group's own"));
        });
    }

    [Test]
    public void Import_TerminatingHook_BecomesATerminationHookThatWaitsOutItsHeartbeat()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout, text) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--lifecycle-hooks", Cli("describe-lifecycle-hooks-terminating.json"));
        var hook = s.Fleet.AutoScaling.TerminationHooks.Single();
        Assert.Multiple(() =>
        {
            Assert.That((hook.Name, hook.HeartbeatTimeout, hook.CompleteAfter), Is.EqualTo(("my-termination-hook", SimDuration.FromSeconds(300), (Distribution?)null)));
            Assert.That(stdout, Does.Not.Contain("my-termination-hook (autoscaling:EC2_INSTANCE_TERMINATING) is not modelled"));
            Assert.That(stdout, Does.Contain("termination hook my-termination-hook: what completes it (a Lambda function, a script) is not in the inputs"));
            Assert.That(text, Does.Contain("- name: my-termination-hook  # LifecycleHookName"));
            Assert.That(text, Does.Contain("heartbeatTimeout: 300s  # HeartbeatTimeout"));
            Assert.That(s.Fleet.Deployment.TerminationHookEnabled, Is.False, "no deployment group");
        });
    }

    [Test]
    public void Import_TerminationHookEnabled_TurnsOnCodeDeploysHookWithItsHeartbeat()
    {
        using var dir = new ScratchDirectory();
        var (s, stdout, text) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--deployment-group", DeploymentGroupWithTerminationHook(dir),
            "--lifecycle-hooks", HooksWithCodeDeploys(dir));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.TerminationHookEnabled, Is.True);
            Assert.That(s.Fleet.Deployment.TerminationHookTimeout, Is.EqualTo(SimDuration.FromSeconds(900)), "CodeDeploy's hook's heartbeat");
            Assert.That(text, Does.Contain($"terminationHookTimeout: 900s  # HeartbeatTimeout of {CodeDeploysHook}"));
            Assert.That(s.Fleet.AutoScaling.TerminationHooks.Select(h => h.Name), Is.EqualTo(new[] { "my-termination-hook" }), "CodeDeploy's hook is not the group's own");
            Assert.That(stdout, Does.Not.Contain("not modelled yet"));
        });
    }

    [Test]
    public void Import_TerminationHookEnabled_CodeDeploysHookFoundByItsNameWhenTheGroupDoesNotNameIt()
    {
        using var dir = new ScratchDirectory();
        var (s, _, _) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--deployment-group", DeploymentGroupWithTerminationHook(dir, named: false),
            "--lifecycle-hooks", HooksWithCodeDeploys(dir));
        Assert.That((s.Fleet.Deployment.TerminationHookTimeout.TotalSeconds, s.Fleet.AutoScaling.TerminationHooks.Count), Is.EqualTo((900.0, 1)));
    }

    [Test]
    public void Import_TerminationHookEnabledWithoutLifecycleHooks_TakesTheDefaultTimeoutAndSaysWhere()
    {
        using var dir = new ScratchDirectory();
        var (s, _, text) = Import(dir, "--asg", Cli("describe-auto-scaling-groups.json"), "--deployment-group", DeploymentGroupWithTerminationHook(dir));
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.TerminationHookEnabled, Is.True);
            Assert.That(s.Fleet.Deployment.TerminationHookTimeout, Is.EqualTo(new DeploymentSpec().TerminationHookTimeout));
            Assert.That(text, Does.Contain("--lifecycle-hooks would show the hook's heartbeat"));
        });
    }

    [Test]
    public void Import_TagBasedGroupWithTerminationHookEnabled_HasNoHookToInstall()
    {
        using var dir = new ScratchDirectory();
        var group = dir.Write("dgs.json", File.ReadAllText(Cli("batch-get-deployment-groups.json"))
            .Replace("\"deploymentGroupName\"", "\"terminationHookEnabled\": true, \"deploymentGroupName\"", StringComparison.Ordinal));
        var (s, stdout, _) = Import(dir, "--deployment-group", group);
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleets.All(f => !f.Deployment.TerminationHookEnabled));
            Assert.That(stdout, Does.Contain("terminationHookEnabled: the deployment group has no Auto Scaling group, so there is no termination hook to install"));
        });
    }
}
