using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary>The scenario (the source article's fleet) maps to the right record values.</summary>
public sealed class SourceArticleTests
{
    private static readonly Scenario Article = BuiltInScenarios.LoadSourceArticle();

    [Test]
    public void LoadSourceArticle_TopLevel_MapsAsWritten()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Article.Name, Is.EqualTo("rails-api-2018"));
            Assert.That(Article.Seed, Is.EqualTo(42UL));
            Assert.That(Article.Replications, Is.EqualTo(200));
            Assert.That(Article.Horizon, Is.EqualTo(SimDuration.FromHours(12)));
            Assert.That(Article.EventBudget, Is.EqualTo(new Scenario { Name = "x", Fleets = [] }.EventBudget), "unset fields keep the records' defaults");
        });
    }

    [Test]
    public void LoadSourceArticle_Fleet_MapsSizesAndDistributions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Article.Fleet.Instances.MemoryMiB, Is.EqualTo(8192));
            Assert.That(Article.Fleet.Instances.ReservedMemoryMiB, Is.EqualTo(1024));
            Assert.That(Article.Fleet.Instances.BootTime.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(Article.Fleet.Instances.BootTime.ParameterA, Is.EqualTo(40_000).Within(1e-6));
            Assert.That(Article.Fleet.Instances.BootTime.ParameterB, Is.EqualTo(90_000).Within(1e-6));
            Assert.That(Article.Fleet.AutoScaling.DesiredCapacity, Is.EqualTo(12));
            Assert.That(Article.Fleet.AutoScaling.MinSize, Is.EqualTo(12));
            Assert.That(Article.Fleet.AutoScaling.MaxSize, Is.EqualTo(24));
            Assert.That(Article.Fleet.AutoScaling.HealthCheckType, Is.EqualTo(HealthCheckType.ELB));
            Assert.That(Article.Fleet.AutoScaling.HealthCheckGracePeriod, Is.EqualTo(SimDuration.FromSeconds(300)));
            Assert.That(Article.Fleet.AutoScaling.ScheduledActions, Has.Count.EqualTo(1));
            Assert.That(Article.Fleet.AutoScaling.ScheduledActions[0].At, Is.EqualTo(SimDuration.FromMinutes(90)));
            Assert.That(Article.Fleet.AutoScaling.ScheduledActions[0].DesiredCapacity, Is.EqualTo(16));
            Assert.That(Article.Fleet.AutoScaling.ScheduledActions[0].MinSize, Is.Null);
            Assert.That(Article.Fleet.AutoScaling.ScheduledActions[0].MaxSize, Is.Null);
            Assert.That(Article.Fleet.OpsWorks.SetupTime.ParameterA, Is.EqualTo(480_000).Within(1e-6));
            Assert.That(Article.Fleet.OpsWorks.SetupTime.ParameterB, Is.EqualTo(840_000).Within(1e-6));
            Assert.That(Article.Fleet.OpsWorks.SetupFailureRate, Is.EqualTo(0.01));
        });
    }

    [Test]
    public void LoadSourceArticle_TargetGroups_MapInOrder()
    {
        var api = Article.Fleet.TargetGroups[0];
        var internalApi = Article.Fleet.TargetGroups[1];
        Assert.Multiple(() =>
        {
            Assert.That(Article.Fleet.TargetGroups.Select(t => t.Name), Is.EqualTo(new[] { "api", "internal-api" }));
            Assert.That(api.HealthCheck.Interval, Is.EqualTo(SimDuration.FromSeconds(30)));
            Assert.That(api.HealthCheck.Timeout, Is.EqualTo(SimDuration.FromSeconds(5)));
            Assert.That(api.HealthCheck.HealthyThreshold, Is.EqualTo(10));
            Assert.That(api.HealthCheck.UnhealthyThreshold, Is.EqualTo(2));
            Assert.That(api.DeregistrationDelay, Is.EqualTo(SimDuration.FromSeconds(300)));
            Assert.That(api.SlowStart, Is.EqualTo(SimDuration.Zero));
            Assert.That(internalApi.HealthCheck.Interval, Is.EqualTo(SimDuration.FromSeconds(10)));
            Assert.That(internalApi.HealthCheck.HealthyThreshold, Is.EqualTo(3));
            Assert.That(internalApi.DeregistrationDelay, Is.EqualTo(SimDuration.FromSeconds(30)));
        });
    }

    [Test]
    public void LoadSourceArticle_UnicornAndTraffic_MapAsWritten()
    {
        var u = Article.Fleet.Unicorn;
        Assert.Multiple(() =>
        {
            Assert.That(u.Workers, Is.EqualTo(8));
            Assert.That((u.MasterMemoryMiB, u.WorkerMemoryMiB, u.WorkerMemoryGrowthPerHourMiB, u.WorkerMemoryCapMiB), Is.EqualTo((250L, 300L, 20L, 600L)));
            Assert.That(u.BootTime.Kind, Is.EqualTo(DistributionKind.Normal));
            Assert.That((u.BootTime.ParameterA, u.BootTime.ParameterB), Is.EqualTo((25_000.0, 5_000.0)));
            Assert.That(u.RequestsPerSecondPerWorker, Is.EqualTo(10));
            Assert.That(Article.Fleet.Traffic.RequestsPerSecond, Is.EqualTo(600));
            Assert.That(Article.Fleet.Traffic.Profile, Is.Empty);
        });
    }

    [Test]
    public void LoadSourceArticle_Deployment_MapsSettings()
    {
        var d = Article.Fleet.Deployment;
        Assert.Multiple(() =>
        {
            Assert.That(d.Strategy, Is.EqualTo(StrategyKind.InPlace));
            Assert.That(d.StartAt, Is.EqualTo(SimDuration.FromHours(1)));
            Assert.That(d.Config, Is.SameAs(DeploymentConfig.OneAtATime));
            Assert.That(d.TargetGroups, Is.EqualTo(new[] { "api" }));
            Assert.That(d.AppSpecPath, Is.EqualTo("appspec/with-setup-wait.yml"));
            Assert.That(d.BlueGreen.TerminationWait, Is.EqualTo(SimDuration.FromMinutes(60)));
            Assert.That(d.BlueGreen.RerouteWait, Is.Null);
            Assert.That(d.BlueGreen.KeepAlive, Is.False);
            Assert.That(d.GracefulRestart.Hosts, Is.EqualTo(HostsMode.Parallel));
            Assert.That(d.GracefulRestart.CodeUpdateTime.Kind, Is.EqualTo(DistributionKind.Constant));
            Assert.That(d.GracefulRestart.CodeUpdateTime.ParameterA, Is.EqualTo(120_000));
            Assert.That(d.GracefulRestart.QuitOldMaster, Is.EqualTo(QuitOldMaster.AfterNewWorkersReady));
            Assert.That(d.GracefulRestart.QuitDelay, Is.EqualTo(SimDuration.FromSeconds(2)));
        });
    }

    [Test]
    public void LoadSourceArticle_Hooks_ComeFromTheAppSpecPlusScripts()
    {
        var hooks = Article.Fleet.Deployment.Hooks;
        Assert.That(hooks.Keys, Is.EqualTo(new[] { LifecycleEvent.ApplicationStop, LifecycleEvent.BeforeInstall, LifecycleEvent.AfterInstall }));
        var stop = hooks[LifecycleEvent.ApplicationStop].Single();
        var wait = hooks[LifecycleEvent.BeforeInstall].Single();
        var start = hooks[LifecycleEvent.AfterInstall].Single();
        Assert.Multiple(() =>
        {
            Assert.That(stop.Location, Is.EqualTo("codedeploy/stop-application.sh"));
            Assert.That(stop.Timeout, Is.EqualTo(SimDuration.FromSeconds(30)));
            Assert.That(stop.Action, Is.EqualTo(ScriptAction.StopApplication));
            Assert.That(stop.Duration.ParameterA, Is.EqualTo(5_000));
            Assert.That(wait.Location, Is.EqualTo("codedeploy/setup-wait.sh"));
            Assert.That(wait.Timeout, Is.EqualTo(SimDuration.FromSeconds(900)));
            Assert.That(wait.Action, Is.EqualTo(ScriptAction.WaitForOpsWorks));
            Assert.That(wait.Duration.ParameterA, Is.EqualTo(0));
            Assert.That(start.Location, Is.EqualTo("codedeploy/start-application.sh"));
            Assert.That(start.Timeout, Is.EqualTo(SimDuration.FromSeconds(3600)), "the appspec gives none: CodeDeploy's default");
            Assert.That(start.Action, Is.EqualTo(ScriptAction.StartApplication));
            Assert.That(start.Duration.Kind, Is.EqualTo(DistributionKind.Normal));
            Assert.That((start.Duration.ParameterA, start.Duration.ParameterB), Is.EqualTo((30_000.0, 5_000.0)));
            Assert.That(new[] { stop, wait, start }.Select(s => s.FailureRate), Is.All.EqualTo(0.0));
            Assert.That(new[] { stop, wait, start }.Select(s => s.TargetGroup), Is.All.Null);
        });
    }

    [Test]
    public void LoadSourceArticle_WithoutSetupWaitAppSpec_HasNoBeforeInstall()
    {
        var s = BuiltInScenarios.LoadSourceArticle(["deployment.appspec=appspec/without-setup-wait.yml"]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.Hooks.Keys, Is.EqualTo(new[] { LifecycleEvent.ApplicationStop, LifecycleEvent.AfterInstall }));
            Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.ApplicationStop].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(30)));
            Assert.That(s.Fleet.Deployment.Hooks[LifecycleEvent.AfterInstall].Single().Timeout, Is.EqualTo(SimDuration.FromSeconds(3600)));
            Assert.That(s.Fleet.Deployment.AppSpecPath, Is.EqualTo("appspec/without-setup-wait.yml"));
        });
    }
}
