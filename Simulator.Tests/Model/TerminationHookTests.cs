using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Model;

/// <summary>issue 16: the Auto Scaling termination hook (docs/model.md#termination-hook) and the group's
/// own termination lifecycle hooks (docs/model.md#termination-lifecycle-hooks).</summary>
public sealed class TerminationHookTests
{
    private const long DrainMs = 30_000;

    /// <summary>4 instances with a 30 s deregistration delay (draining held by keep-alive connections), a scale-in to 3
    /// at 10 min, no deployment; BeforeBlockTraffic takes 20 s, ApplicationStop 5 s.</summary>
    private static Scenario ScaleIn(Func<DeploymentSpec, DeploymentSpec>? deployment = null, IReadOnlyList<TerminationHookSpec>? hooks = null) =>
        Fleets.Article(10, 3, instances: 4).WithFleet(f =>
        {
            var hookScripts = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(Fleets.ArticleHooks(setupWait: true))
            {
                [LifecycleEvent.BeforeBlockTraffic] = [Fleets.Script("codedeploy/before-block.sh", ScriptAction.None, 3600, 20_000)],
            };
            var d = f.Deployment with { StartAt = null, Hooks = hookScripts };
            return f with
            {
                AutoScaling = f.AutoScaling with
                {
                    MinSize = 2,
                    ScheduledActions = [new ScheduledAction { At = SimDuration.FromMinutes(10), DesiredCapacity = 3 }],
                    TerminationHooks = hooks ?? [],
                },
                TargetGroups = [Fleets.Group("api", 10, 3, deregistrationS: DrainMs / 1000) with { ConnectionsCloseWhenIdle = false }],
                Deployment = deployment is null ? d : deployment(d),
            };
        }) with { Horizon = SimDuration.FromMinutes(30) };

    private static (ReplicationResult Result, ReplicationDetail Detail) Run(Scenario s) => ScenarioRunner.RunOne(s);

    /// <summary>Milliseconds after the scale-in at which the victim terminated.</summary>
    private static long TerminatedAfterScaleIn(ReplicationDetail d) =>
        d.Timeline.Single(t => t.Name == "terminate").Start.Milliseconds - SimDuration.FromMinutes(10).Milliseconds;

    private static List<TimelineSpan> CodeDeploySpans(ReplicationDetail d) => [.. d.Timeline.Where(t => t.Lane == "CodeDeploy").OrderBy(t => t.Start.Milliseconds)];

    [Test]
    public void WithoutTheHook_ScaleInTerminatesOnceDrained()
    {
        var (_, d) = Run(ScaleIn());
        Assert.Multiple(() =>
        {
            Assert.That(TerminatedAfterScaleIn(d), Is.EqualTo(DrainMs));
            Assert.That(CodeDeploySpans(d), Is.Empty);
        });
    }

    [Test]
    public void TerminationHookEnabled_RunsTheStopEventsOnTheLeavingInstance_ThenTerminates()
    {
        var (_, d) = Run(ScaleIn(x => x with { TerminationHookEnabled = true }));
        var spans = CodeDeploySpans(d);
        Assert.Multiple(() =>
        {
            // docs/model.md#termination-hook: BeforeBlockTraffic, BlockTraffic, AfterBlockTraffic (no script: skipped),
            // ApplicationStop, after Auto Scaling deregistered and drained the instance
            Assert.That(spans.Select(s => s.Name), Is.EqualTo(new[] { "BeforeBlockTraffic", "BlockTraffic", "ApplicationStop" }));
            Assert.That(spans.Select(s => s.Instance).Distinct().Count(), Is.EqualTo(1));
            Assert.That(spans[0].Start.Milliseconds, Is.EqualTo(SimDuration.FromMinutes(10).Milliseconds + DrainMs));
            Assert.That(spans.Select(s => s.Status), Is.All.EqualTo("Succeeded"));
            Assert.That(d.Timeline.Single(t => t.Name == "terminate").Start, Is.EqualTo(spans[^1].End), "terminated when the termination deployment ended");
            Assert.That(TerminatedAfterScaleIn(d), Is.GreaterThanOrEqualTo(DrainMs + 20_000 + 5_000));
        });
    }

    [Test]
    public void TerminationHookTimeout_TerminatesAnyway()
    {
        var (_, d) = Run(ScaleIn(x => x with
        {
            TerminationHookEnabled = true,
            TerminationHookTimeout = SimDuration.FromSeconds(60),
            Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>(x.Hooks)
            {
                [LifecycleEvent.BeforeBlockTraffic] = [Fleets.Script("codedeploy/before-block.sh", ScriptAction.None, 3600, 600_000)],
            },
        }));
        Assert.Multiple(() =>
        {
            Assert.That(TerminatedAfterScaleIn(d), Is.EqualTo(DrainMs + 60_000));
            Assert.That(CodeDeploySpans(d).Single().Status, Is.EqualTo("Stopped"));
        });
    }

    [TestCase(null, 300_000L)]        // nothing completes it: the heartbeat (docs/model.md#termination-lifecycle-hooks)
    [TestCase(40_000.0, 40_000L)]     // its work completes it
    [TestCase(900_000.0, 300_000L)]   // work longer than the heartbeat: the heartbeat ends the wait (CONTINUE or ABANDON, both terminate)
    public void GroupTerminationHook_HoldsTerminatingWait(double? completeAfterMs, long expectedWaitMs)
    {
        var hook = new TerminationHookSpec
        {
            Name = "drain-jobs",
            HeartbeatTimeout = SimDuration.FromSeconds(300),
            CompleteAfter = completeAfterMs is { } ms ? Distribution.Constant(ms) : null,
        };
        var (_, d) = Run(ScaleIn(hooks: [hook]));
        Assert.That(TerminatedAfterScaleIn(d), Is.EqualTo(DrainMs + expectedWaitMs));
    }

    [Test]
    public void SeveralHooks_TheInstanceWaitsForTheLast()
    {
        TerminationHookSpec Hook(string name, double ms) => new() { Name = name, CompleteAfter = Distribution.Constant(ms) };
        var (_, d) = Run(ScaleIn(x => x with { TerminationHookEnabled = true }, [Hook("a", 10_000), Hook("b", 90_000)]));
        Assert.That(TerminatedAfterScaleIn(d), Is.EqualTo(DrainMs + 90_000), "the group's slower hook outlasts the 25 s termination deployment");
    }

    [Test]
    public void TerminationHookEnabled_IsNotInEra2018()
    {
        var e = SingleError("name: t\nera: 2018\ndeployment: { terminationHookEnabled: true }\n");
        Assert.That(e.Message, Does.Contain("termination hook does not exist in era 2018"));
        Assert.That(Load("name: t\ndeployment: { terminationHookEnabled: true }\n").Fleet.Deployment.TerminationHookEnabled, Is.True);
        Assert.That(Load("name: t\n").Fleet.Deployment.TerminationHookEnabled, Is.False, "off by default");
    }

    [Test]
    public void TerminationHooksAndWarmPool_ReadFromYaml()
    {
        var s = Load("name: t\nautoScaling:\n  terminationHooks:\n    - { name: drain, heartbeatTimeout: 120s, completeAfter: 30s }\n" +
                     "  warmPool: { poolState: Hibernated, minSize: 1, maxGroupPreparedCapacity: -1, reuseOnScaleIn: true }\n");
        var a = s.Fleet.AutoScaling;
        Assert.Multiple(() =>
        {
            Assert.That(a.TerminationHooks.Single().HeartbeatTimeout, Is.EqualTo(SimDuration.FromSeconds(120)));
            Assert.That(a.WarmPool!.PoolState, Is.EqualTo(WarmPoolState.Hibernated));
            Assert.That(a.WarmPool.MaxGroupPreparedCapacity, Is.Null, "-1 clears it");
            Assert.That(a.WarmPool.ReuseOnScaleIn, Is.True);
            Assert.That(a.WarmPool.StartTime.Sample(new Xoshiro256(1)), Is.EqualTo(30_000));
        });
        Assert.That(SingleError("name: t\nautoScaling:\n  terminationHooks: [{ heartbeatTimeout: 10s }]\n").Message, Does.Contain("10s"));
        Assert.That(SingleError("name: t\nautoScaling:\n  warmPool: { poolState: Frozen }\n").Message, Does.Contain("Frozen"));
    }
}
