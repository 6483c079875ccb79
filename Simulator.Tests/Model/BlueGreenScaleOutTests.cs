using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Blue/green while the original group scales out (issue 12 item 6, docs/model.md#blue-green-deployments): the
/// original group is removed at the end, so what it launched during the deployment is blocked and terminated with the
/// originals; the copy keeps the size it was copied with and the copied group's own health-check settings.</summary>
public sealed class BlueGreenScaleOutTests
{
    /// <summary>12 instances, blue/green (setup 5 min, termination wait 60 min); the original group scales out to 16 at
    /// 65 min (the deployment starts at 60 min and reroutes after the replacements are installed); demand rises from
    /// 600 to 1,100 rps with the scale-out (12 instances serve 960); at 5 h a scheduled action makes the active group
    /// reconcile its capacity.</summary>
    private static Scenario ScaleOutDuringBlueGreen(SimDuration? horizon = null) => Fleets.Article(5, 2).WithFleet(f => f with
    {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(5 * 60_000) },
        AutoScaling = f.AutoScaling with
        {
            MaxSize = 30,
            ScheduledActions = [new ScheduledAction { At = Fleets.M(65), DesiredCapacity = 16 }, new ScheduledAction { At = Fleets.M(300), MaxSize = 30 }],
        },
        Traffic = f.Traffic with { Profile = [new TrafficPoint(Fleets.M(64), 600), new TrafficPoint(Fleets.M(65), 1100)] },
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Strategy = StrategyKind.BlueGreen,
            BlueGreen = new BlueGreenSpec { TerminationWait = Fleets.M(60) },
        },
    }) with { Horizon = horizon ?? SimDuration.FromHours(6) };

    private static (World World, ReplicationResult Result) Run(Scenario s)
    {
        var world = new World { Invariants = { Enabled = true } };
        world.Reset(s, 0, false);
        var result = world.Run();
        return (world, result);
    }

    private static List<int> Of(World w, byte group, Func<int, bool>? where = null) =>
        [.. Enumerable.Range(0, w.InstanceCount).Where(i => w[i].Group == group && (where?.Invoke(i) ?? true))];

    [Test]
    public void InstancesLaunchedIntoTheOriginalGroup_AreTerminatedWithTheOriginals_AndTheCopyKeepsItsCopiedSize()
    {
        var (w, r) = Run(ScaleOutDuringBlueGreen());
        long start = 60 * 60_000;
        var late = Of(w, 0, i => w[i].LaunchMs > start);
        var copy = Of(w, 1);
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(late, Has.Count.EqualTo(4), "the scale-out launched 4 instances into the original group");
            foreach (int id in late)
                Assert.That(w[id].Lifecycle, Is.EqualTo(LifecycleState.Terminated), $"instance {id} launched into the original group at {w[id].LaunchMs / 60_000} min");
            Assert.That(Of(w, 0, i => w[i].Lifecycle != LifecycleState.Terminated), Is.Empty, "the original group is deleted");
            Assert.That(w.AutoScaling.ActiveGroup, Is.EqualTo(1));
            Assert.That(copy, Has.Count.EqualTo(12), "the copy launched what it was copied with and nothing at the 5 h reconcile");
            Assert.That(copy.Count(i => w[i].Lifecycle == LifecycleState.InService), Is.EqualTo(12));
            Assert.That(r.StaleInstances, Is.Zero);
            Assert.That(r.TargetGroups[0].FinalServingCapacityPct, Is.EqualTo(100).Within(0.01), "12 of the 12 copied");
            Assert.That(r.TargetGroups[0].UnservedRequests, Is.GreaterThan(0), "the shortfall: 12 instances for the demand the original group scaled out to meet");
        });
    }

    [Test]
    public void NoInstanceServesTheOldRevisionUncounted()
    {
        var (w, r) = Run(ScaleOutDuringBlueGreen());
        int oldServing = Enumerable.Range(0, w.InstanceCount).Count(i => w[i].Lifecycle == LifecycleState.InService
            && w[i].Revision != Revision.New && Enumerable.Range(0, w.TargetGroups.Count).Any(g => w.TargetGroups.IsRegistered(g, i)));
        Assert.That(oldServing, Is.LessThanOrEqualTo(r.StaleInstances), "instances serving the old revision are counted in staleInstances");
    }

    [Test]
    public void BeforeTheCutOver_TheLateInstancesCountAsStale()
    {
        // The horizon falls while the replacements are still being set up: every in-service instance of the original
        // group serves the old revision, the 4 launched by the scale-out included.
        var (w, r) = Run(ScaleOutDuringBlueGreen(horizon: Fleets.M(75)));
        int serving = Of(w, 0, i => w[i].Lifecycle == LifecycleState.InService).Count;
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Unfinished));
            Assert.That(serving, Is.EqualTo(16));
            Assert.That(r.StaleInstances, Is.EqualTo(16));
        });
    }

    /// <summary>Blue/green whose replacements never start the application (no AfterInstall start script): their targets
    /// turn unhealthy as soon as AllowTraffic registers them.</summary>
    private static Scenario ReplacementsNeverServe(HealthCheckType? copiedType = null, SimDuration? copiedGrace = null)
    {
        var s = ScaleOutDuringBlueGreen();
        var hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(Fleets.ArticleHooks(true)) { [LifecycleEvent.AfterInstall] = [] };
        var copy = new BlueGreenSpec { TerminationWait = Fleets.M(60) };
        copy = copy with
        {
            CopiedGroupHealthCheckType = copiedType ?? copy.CopiedGroupHealthCheckType,
            CopiedGroupHealthCheckGracePeriod = copiedGrace ?? copy.CopiedGroupHealthCheckGracePeriod,
        };
        return s.WithFleet(f => f with { Deployment = f.Deployment with { Hooks = hooks, BlueGreen = copy } });
    }

    private static Func<int, bool> Gone(World w) => i => w[i].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated;

    [Test]
    public void TheCopiedGroup_UsesEc2HealthChecksWithNoGracePeriod_UnlessTheScenarioSaysOtherwise()
    {
        var (ec2, defaults) = Run(ReplacementsNeverServe());
        var (elb, asElb) = Run(ReplacementsNeverServe(HealthCheckType.ELB));
        var (graced, withGrace) = Run(ReplacementsNeverServe(HealthCheckType.ELB, SimDuration.FromHours(8)));
        Assert.Multiple(() =>
        {
            Assert.That(new BlueGreenSpec().CopiedGroupHealthCheckType, Is.EqualTo(HealthCheckType.EC2));
            Assert.That(new BlueGreenSpec().CopiedGroupHealthCheckGracePeriod, Is.EqualTo(SimDuration.Zero));
            Assert.That(Of(ec2, 1, Gone(ec2)), Is.Empty, "EC2 checks: the unhealthy replacements are not replaced");
            Assert.That(defaults.FailureReason, Is.Not.EqualTo(FailureReasons.InstanceTerminated));
            Assert.That(Of(elb, 1, Gone(elb)), Is.Not.Empty, "ELB checks, no grace period: the copy replaces its unhealthy instances");
            Assert.That(asElb.FailureReason, Is.EqualTo(FailureReasons.InstanceTerminated));
            Assert.That(Of(graced, 1, Gone(graced)), Is.Empty, "ELB checks within an 8 h grace period (past the horizon): nothing replaced");
            Assert.That(withGrace.FailureReason, Is.EqualTo(defaults.FailureReason));
        });
    }
}
