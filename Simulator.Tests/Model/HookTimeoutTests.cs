using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Metrics;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Hook timeouts at run time (docs/model.md#hook-timeouts): each script stops at its own timeout, and an event whose scripts
/// together run past 3600 s fails then, however the timeouts add up (the agent accepts any sum when it reads the file).</summary>
public sealed class HookTimeoutTests
{
    private static Scenario WithAfterInstall(params HookScript[] scripts) => Fleets.Article(instances: 1).WithFleet(f => f with {
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            StartAt = Fleets.M(1),
            Hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>> { [LifecycleEvent.AfterInstall] = scripts },
        },
    }) with {
        Horizon = SimDuration.FromHours(6),
    };

    private static TimelineSpan AfterInstall(Scenario s) =>
        ScenarioRunner.RunOne(s).Item2.Timeline.Single(t => t.Lane == "CodeDeploy" && t.Name == nameof(LifecycleEvent.AfterInstall));

    [Test]
    public void Event_ScriptsRunningPastAnHourTogether_FailAt3600s()
    {
        // Two scripts of 40 min each, each within its own 45 min timeout: the second is stopped when the event reaches 3600 s.
        var span = AfterInstall(WithAfterInstall(
            Fleets.Script("a.sh", timeoutS: 2700, durationMs: 2_400_000), Fleets.Script("b.sh", timeoutS: 2700, durationMs: 2_400_000)));
        Assert.That((span.End - span.Start).TotalSeconds, Is.EqualTo(3600));
        Assert.That(span.Status, Is.EqualTo("Failed (event ran past 3600 s)"));
    }

    [Test]
    public void Event_TimeoutsAddingUpPastAnHourButScriptsQuick_Succeeds()
    {
        var span = AfterInstall(WithAfterInstall(Fleets.Script("a.sh", timeoutS: 3600, durationMs: 60_000), Fleets.Script("b.sh", timeoutS: 3600, durationMs: 60_000)));
        Assert.That((span.Status, (span.End - span.Start).TotalSeconds), Is.EqualTo(("Succeeded", 120.0)));
    }

    [Test]
    public void Script_PastItsOwnTimeout_FailsAtItsTimeout()
    {
        var span = AfterInstall(WithAfterInstall(Fleets.Script("a.sh", timeoutS: 60, durationMs: 120_000)));
        Assert.That((span.Status, (span.End - span.Start).TotalSeconds), Is.EqualTo(("Failed (script timed out)", 60.0)));
    }
}
