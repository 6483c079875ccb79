using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>The agent's gap between consecutive lifecycle events and the time of events that run no script
/// (docs/model.md#agent-event-gap).</summary>
public sealed class AgentEventGapTests
{
    /// <summary>3 instances, OneAtATime, scripts only in ApplicationStop (a stop event: the instances run the old
    /// revision) and ApplicationStart; with a target group, the six traffic events run too.</summary>
    private static Scenario Fleet(string timing, bool loadBalancer = true) => ScenarioLoader.LoadText($$"""
        name: gap
        seed: 3
        replications: 1
        horizon: 2h
        opsWorks: { enabled: false }
        autoScaling: { desiredCapacity: 3, minSize: 3, maxSize: 3, healthCheckType: EC2 }
        targetGroups:
          - name: web
            healthCheck: { interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2 }
            deregistrationDelay: 10s
        deployment:
          startAt: 10m
          targetGroups: {{(loadBalancer ? "[web]" : "[]")}}
          {{timing}}
          hooks:
            ApplicationStop: [{ location: stop.sh, duration: 4s, action: stopApplication }]
            ApplicationStart: [{ location: start.sh, duration: 3s, action: startApplication }]
        """, "gap.yaml", ".");

    private static List<List<TimelineSpan>> EventsPerInstance(Scenario s)
    {
        var (result, detail) = ScenarioRunner.RunOne(s);
        Assert.That(result.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
        var start = detail.DeploymentStart!.Value;
        return [.. detail.Timeline.Where(t => t.Lane == "CodeDeploy" && t.Start >= start)
            .GroupBy(t => t.Instance).OrderBy(g => g.Key).Select(g => g.OrderBy(t => t.Start).ToList())];
    }

    [Test]
    public void Gap_SeparatesEveryPairOfConsecutiveEvents_AndEmptyEventsTakeTheirTime()
    {
        var instances = EventsPerInstance(Fleet("agentEventGap: 1100ms\n  emptyEventTime: 300ms"));
        Assert.That(instances, Has.Count.EqualTo(3));
        foreach (var events in instances)
        {
            Assert.That(events.Select(e => e.Name), Is.EqualTo(Enum.GetNames<LifecycleEvent>()), "every event is dispatched, in order");
            for (int i = 1; i < events.Count; i++)
                Assert.That((events[i].Start - events[i - 1].End).Milliseconds, Is.EqualTo(1100), $"{events[i - 1].Name} -> {events[i].Name}");
            foreach (var name in new[] { "BeforeBlockTraffic", "AfterBlockTraffic", "BeforeInstall", "AfterInstall", "ValidateService", "BeforeAllowTraffic", "AfterAllowTraffic" })
                Assert.That(Duration(events, name), Is.EqualTo(300), name + " runs no script");
            Assert.That(Duration(events, "ApplicationStop"), Is.EqualTo(4000), "scripted events keep their scripts' time");
            Assert.That(Duration(events, "DownloadBundle"), Is.EqualTo(3000));
        }
    }

    [Test]
    public void Gap_WithoutLoadBalancer_TheTrafficEventsStayAbsent()
    {
        var instances = EventsPerInstance(Fleet("agentEventGap: 2s", loadBalancer: false));
        foreach (var events in instances)
        {
            Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall", "ApplicationStart", "ValidateService" }));
            for (int i = 1; i < events.Count; i++) Assert.That((events[i].Start - events[i - 1].End).Milliseconds, Is.EqualTo(2000));
            Assert.That(Duration(events, "BeforeInstall"), Is.Zero, "emptyEventTime defaults to 0");
        }
    }

    [Test]
    public void Defaults_NoGap_AndEventsWithoutScriptsAreNotRun()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new DeploymentSpec().AgentEventGap.IsZero && new DeploymentSpec().EmptyEventTime.IsZero, "both default to 0");
            foreach (var events in EventsPerInstance(Fleet("")))
            {
                Assert.That(events.Select(e => e.Name), Does.Not.Contain("BeforeInstall").And.Contain("ApplicationStop"));
                for (int i = 1; i < events.Count; i++) Assert.That(events[i].Start, Is.EqualTo(events[i - 1].End));
            }
        });
    }

    [Test]
    public void Gap_LengthensTheRollout_ByTheGapsOfEveryInstance()
    {
        double without = ScenarioRunner.Run(Fleet("")).Replications[0].RolloutSeconds;
        double with = ScenarioRunner.Run(Fleet("agentEventGap: 1s")).Replications[0].RolloutSeconds;
        // 12 gaps per instance, 3 instances one at a time; the traffic events end on 5 s polls, so up to 5 s per
        // traffic event may be added or saved
        Assert.That(with - without, Is.EqualTo(36).Within(2 * 3 * 5));
    }

    [Test]
    public void Gap_InATerminationDeployment_SeparatesItsFourEvents()
    {
        var s = ScenarioLoader.LoadText("""
            name: gap-termination
            seed: 3
            replications: 1
            horizon: 30m
            opsWorks: { enabled: false }
            autoScaling:
              desiredCapacity: 4
              minSize: 2
              maxSize: 4
              healthCheckType: EC2
              scheduledActions: [{ at: 10m, desiredCapacity: 3 }]
            targetGroups:
              - name: web
                healthCheck: { interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2 }
                deregistrationDelay: 10s
            deployment:
              startAt: never
              targetGroups: [web]
              terminationHookEnabled: true
              agentEventGap: 1s
              hooks:
                ApplicationStop: [{ location: stop.sh, duration: 4s, action: stopApplication }]
            """, "gap-termination.yaml", ".");
        var (_, detail) = ScenarioRunner.RunOne(s);
        var events = detail.Timeline.Where(t => t.Lane == "CodeDeploy").OrderBy(t => t.Start).ToList();
        Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "BeforeBlockTraffic", "BlockTraffic", "AfterBlockTraffic", "ApplicationStop" }));
        for (int i = 1; i < events.Count; i++) Assert.That((events[i].Start - events[i - 1].End).Milliseconds, Is.EqualTo(1000));
    }

    [Test]
    public void Gap_IsADistribution() =>
        Assert.That(Fleet("agentEventGap: { lognormal: { median: 1s, p90: 2s } }").Fleet.Deployment.AgentEventGap.Kind, Is.EqualTo(DistributionKind.LogNormal));

    private static long Duration(List<TimelineSpan> events, string name) => events.Single(e => e.Name == name) is var e ? (e.End - e.Start).Milliseconds : -1;
}
