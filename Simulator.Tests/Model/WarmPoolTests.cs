using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>issue 16: EC2 Auto Scaling warm pools (docs/model.md#warm-pools): warm start against cold
/// start, the pool's size from maxGroupPreparedCapacity and minSize, refill, reuse on scale-in, CodeDeploy deploying
/// the last successful revision as an instance leaves the pool, and instance refresh replacing the pool last.</summary>
public sealed class WarmPoolTests
{
    private static readonly SimDuration TenMinutes = SimDuration.FromMinutes(10);

    /// <summary>4 instances (maximum 8), boot 40 s, OpsWorks setup 8 min, api checked every 10 s (healthy after 3), no
    /// deployment, and the given scheduled actions.</summary>
    private static Scenario Pool(WarmPoolSpec? pool, params (long Minute, int Desired)[] actions) => Fleets.Article(10, 3, instances: 4).WithFleet(f => f with
    {
        Instances = f.Instances with { BootTime = Distribution.Constant(40_000) },
        AutoScaling = f.AutoScaling with
        {
            MaxSize = 8,
            WarmPool = pool,
            ScheduledActions = [.. actions.Select(a => new ScheduledAction { At = SimDuration.FromMinutes(a.Minute), DesiredCapacity = a.Desired })],
        },
        OpsWorks = f.OpsWorks with { SetupTime = Distribution.Constant(480_000), SetupFailureRate = 0 },
        Deployment = f.Deployment with { StartAt = null },
    }) with { Horizon = SimDuration.FromHours(1) };

    private static WarmPoolSpec Stopped => new() { StartTime = WarmPoolSpec.DefaultStartTime(WarmPoolState.Stopped) };

    private static (ReplicationResult Result, World World) Run(Scenario s)
    {
        var world = new World();
        world.Reset(s, 0, recordDetail: false);
        return (world.Run(), world);
    }

    /// <summary>docs/model.md#warm-pools: a warm start takes a pool instance outside an impaired zone. Zone b is
    /// impaired from 12 min to the horizon: its in-service instances are replaced, the replacements warm-start from
    /// zone a's pool instances, and zone b's pool instances stay in the pool (none of them ever serves).</summary>
    [Test]
    public void WarmStart_SkipsPoolInstancesInAnImpairedZone()
    {
        var s = Pool(Stopped, (20, 6)).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { AvailabilityZones = ["a", "b"] },
            Events = [new ZoneEvent { At = SimDuration.FromMinutes(12), Zone = 1, For = SimDuration.FromHours(2) }],
        });
        var (_, world) = Run(s);
        var serving = Enumerable.Range(0, world.InstanceCount).Where(i => world[i].Lifecycle == LifecycleState.InService).ToList();
        var warmedInB = Enumerable.Range(0, world.InstanceCount).Count(i => world[i].Lifecycle == LifecycleState.Warmed && world[i].Zone == 1);
        Assert.Multiple(() =>
        {
            Assert.That(world.AutoScaling.WarmStarts, Is.GreaterThan(0), "zone a's pool instances replaced zone b's");
            Assert.That(serving.Where(i => world[i].Zone == 1), Is.Empty, "no instance of the impaired zone serves");
            Assert.That(serving, Has.Count.EqualTo(6));
            Assert.That(warmedInB, Is.GreaterThan(0), "zone b's pool instances were left in the pool");
        });
    }

    [Test]
    public void WarmStart_ServesInAboutTwoMinutes_ColdStartPaysBootAndSetup()
    {
        var cold = Run(Pool(null, (10, 6))).Result;
        var warm = Run(Pool(Stopped, (10, 6))).Result;
        Assert.Multiple(() =>
        {
            // cold: boot 40 s + OpsWorks setup 480 s (the launch deployment's setup wait) + start 30 s + checks
            Assert.That(cold.ScaleOutToServingP50Seconds, Is.GreaterThanOrEqualTo(40 + 480 + 30));
            // warm: start 45 s + agent 5 s + start script 30 s + 3 checks of 10 s (setup done in the pool)
            Assert.That(warm.ScaleOutToServingP50Seconds, Is.InRange(45 + 5 + 30, 45 + 5 + 30 + 40));
            Assert.That(warm.Launches, Is.Zero, "both came from the pool");
            Assert.That(cold.Launches, Is.EqualTo(2));
            Assert.That(warm.UnservedRequests, Is.LessThanOrEqualTo(cold.UnservedRequests));
        });
    }

    [TestCase(WarmPoolState.Running, 0)]
    [TestCase(WarmPoolState.Hibernated, 30)]
    [TestCase(WarmPoolState.Stopped, 45)]
    public void WarmStart_CostsThePoolStatesTransition(WarmPoolState state, int startSeconds)
    {
        var pool = new WarmPoolSpec { PoolState = state, StartTime = WarmPoolSpec.DefaultStartTime(state) };
        var r = Run(Pool(pool, (10, 6))).Result;
        double agent = state == WarmPoolState.Running ? 0 : 5;    // a running pool instance's agent never stopped
        Assert.That(r.ScaleOutToServingP50Seconds - startSeconds - agent, Is.InRange(30, 30 + 40));
    }

    // docs/model.md#warm-pools (PutWarmPool): unset => MaxSize - desired; set => MGPC - desired; desired > MGPC => 0 unless MinSize.
    [TestCase(6, 10, null, 0, 4)]
    [TestCase(6, 10, 8, 0, 2)]
    [TestCase(6, 10, 5, 0, 0)]
    [TestCase(6, 10, 5, 3, 3)]
    [TestCase(6, 10, 6, 6, 6)]
    public void PoolSize_FollowsMaxGroupPreparedCapacityAndMinSize(int desired, int max, int? prepared, int minSize, int expected)
    {
        var spec = new WarmPoolSpec { MaxGroupPreparedCapacity = prepared, MinSize = minSize };
        Assert.That(spec.Size(desired, max), Is.EqualTo(expected));
        var s = Pool(spec) with { Horizon = TenMinutes };
        s = s.WithFleet(f => f with { AutoScaling = f.AutoScaling with { DesiredCapacity = desired, MinSize = desired, MaxSize = max } });
        var (r, world) = Run(s);
        Assert.Multiple(() =>
        {
            Assert.That(world.AutoScaling.PoolCount, Is.EqualTo(expected), "the simulated pool");
            Assert.That(r.PeakInstances, Is.EqualTo(desired), "pool instances are not in the fleet's count");
            Assert.That(r.WarmPoolInstanceHours, Is.EqualTo(expected * 10 / 60.0).Within(1e-9));
        });
    }

    [Test]
    public void Pool_RefillsOnlyToItsSize()
    {
        // pool = 8 - 4 = 4; at 6 desired it is 2: the two warm starts leave exactly 2, nothing to refill.
        var (plain, plainWorld) = Run(Pool(Stopped, (10, 6)));
        // with minSize 4 the pool stays at 4: the group launches two into it, set up in the pool, ready.
        var (refill, refillWorld) = Run(Pool(Stopped with { MinSize = 4 }, (10, 6)));
        Assert.Multiple(() =>
        {
            Assert.That(plain.Launches, Is.Zero);
            Assert.That(plainWorld.AutoScaling.PoolCount, Is.EqualTo(2));
            Assert.That(refill.Launches, Is.EqualTo(2));
            Assert.That(refillWorld.AutoScaling.PoolCount, Is.EqualTo(4));
            Assert.That(Enumerable.Range(0, refillWorld.InstanceCount).Count(i => refillWorld[i].Lifecycle == LifecycleState.Warmed), Is.EqualTo(4),
                "the two launched into the pool finished booting and setup there");
            Assert.That(refill.PeakInstances, Is.EqualTo(6));
        });
    }

    [Test]
    public void ReuseOnScaleIn_ReturnsInstancesToThePool_InsteadOfTerminatingAndLaunching()
    {
        (long, int)[] actions = [(10, 6), (30, 4), (45, 6)];
        var (terminate, terminateWorld) = Run(Pool(Stopped, actions));
        var (reuse, reuseWorld) = Run(Pool(Stopped with { ReuseOnScaleIn = true }, actions));
        Assert.Multiple(() =>
        {
            Assert.That(terminate.Launches, Is.EqualTo(2), "without reuse the two scaled in are terminated and the pool launches two more");
            Assert.That(Enumerable.Range(0, terminateWorld.InstanceCount).Count(i => terminateWorld[i].Lifecycle == LifecycleState.Terminated), Is.EqualTo(2));
            Assert.That(reuse.Launches, Is.Zero, "with reuse the pool takes them back");
            Assert.That(Enumerable.Range(0, reuseWorld.InstanceCount).Count(i => reuseWorld[i].Lifecycle == LifecycleState.Terminated), Is.Zero);
            Assert.That(reuseWorld.AutoScaling.WarmStarts, Is.EqualTo(4), "two at 10 min, the same two again at 45 min");
            Assert.That(reuse.MaxScaleOutToServingSeconds, Is.LessThan(200), "the second scale-out is warm too");
        });
    }

    [Test]
    public void ReuseOnScaleIn_WithTheTerminationHook_RunsTheTerminationDeploymentBeforeReenteringThePool()
    {
        var s = Pool(Stopped with { ReuseOnScaleIn = true }, (10, 6), (30, 4)).WithFleet(f => f with
        {
            Deployment = f.Deployment with { TerminationHookEnabled = true },
        });
        var (r, detail) = ScenarioRunner.RunOne(s);
        var returned = detail.Timeline.Where(t => t.Name == "scale-in: back to the warm pool").Select(t => t.Instance).ToList();
        var stops = detail.Timeline.Where(t => t.Lane == "CodeDeploy" && t.Name == "ApplicationStop" && t.Start.Milliseconds > SimDuration.FromMinutes(30).Milliseconds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(returned, Has.Count.EqualTo(2));
            Assert.That(stops.Select(t => t.Instance), Is.EquivalentTo(returned), "ApplicationStop ran on each instance leaving for the pool");
            Assert.That(stops.Select(t => t.Status), Is.All.EqualTo("Succeeded"));
            Assert.That(detail.Timeline.Where(t => t.Name == "terminate"), Is.Empty, "nothing was terminated");
            Assert.That(r.Launches, Is.Zero);
        });
    }

    [Test]
    public void LeavingThePool_CodeDeployDeploysTheLastSuccessfulRevision_NotInThePool()
    {
        // a deployment at 5 min; the scale-out at 40 min takes two pool instances set up before it
        var s = Pool(Stopped, (40, 6)).WithFleet(f => f with { Deployment = f.Deployment with { StartAt = SimDuration.FromMinutes(5) } });
        var (r, world) = Run(s);
        var warmed = Enumerable.Range(0, world.InstanceCount).Where(i => world[i].Lifecycle == LifecycleState.Warmed).ToList();
        var started = Enumerable.Range(4, world.InstanceCount - 4).Where(i => world[i].Lifecycle == LifecycleState.InService).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(started, Has.Count.EqualTo(2));
            Assert.That(started.Select(i => world[i].Revision), Is.All.EqualTo(Revision.New), "deployed on leaving the pool");
            Assert.That(r.StaleInstances, Is.Zero);
            Assert.That(warmed, Has.Count.EqualTo(2));
            Assert.That(warmed.Select(i => world[i].Revision.IsNone), Is.All.True, "CodeDeploy's launch hook deploys nothing in the pool");
        });
    }

    [Test]
    public void InstanceRefresh_ReplacesThePoolAfterTheGroup()
    {
        var s = Pool(Stopped).WithFleet(f => f with
        {
            AutoScaling = f.AutoScaling with { HealthCheckType = HealthCheckType.EC2 },
            OpsWorks = f.OpsWorks with { SetupTime = Distribution.Constant(60_000) },
            Deployment = f.Deployment with
            {
                Strategy = StrategyKind.InstanceRefresh, StartAt = TenMinutes,
                InstanceRefresh = new InstanceRefreshSpec { MinHealthyPercentage = 50, InstanceWarmup = SimDuration.FromMinutes(2) },
            },
        }) with { Horizon = SimDuration.FromHours(2) };
        var (r, world) = Run(s);
        var pool = Enumerable.Range(0, world.InstanceCount).Where(i => world[i].Lifecycle is LifecycleState.Warmed or LifecycleState.Warming).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(pool, Has.Count.EqualTo(4));
            Assert.That(pool.Select(i => world[i].LaunchTemplate), Is.All.EqualTo((byte)2), "the pool was replaced from the new template");
            Assert.That(pool.Select(i => world[i].Lifecycle), Is.All.EqualTo(LifecycleState.Warmed));
        });
    }
}
