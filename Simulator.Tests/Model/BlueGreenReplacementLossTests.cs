using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Model;

/// <summary>Blue/green whose copied group loses replacements before the install (docs/model.md#blue-green-deployments):
/// the copy is an Auto Scaling group of its own and launches others, which the install waits for. Before 2026-12-04
/// the deployment waited for the lost ones until the horizon.</summary>
public sealed class BlueGreenReplacementLossTests
{
    /// <summary>12 instances in zones a and b, blue/green at 60 min (OpsWorks setup 5 min); zone b is impaired from 60 min
    /// 10 s for 20 min, while the replacements are still booting.</summary>
    private static Scenario ZoneLostDuringProvisioning() => Fleets.Article(5, 2).WithFleet(f => f with
    {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(5 * 60_000) },
        AutoScaling = f.AutoScaling with { MaxSize = 30, AvailabilityZones = ["a", "b"] },
        Events = [new ZoneEvent { At = SimDuration.FromSeconds(3_610), Zone = 1, For = Fleets.M(20) }],
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Strategy = StrategyKind.BlueGreen,
            BlueGreen = new BlueGreenSpec { TerminationWait = Fleets.M(10) },
        },
    }) with { Horizon = SimDuration.FromHours(6) };

    [Test]
    public void ReplacementsLostBeforeTheInstall_AreReplacedInTheCopy_AndTheDeploymentSucceeds()
    {
        var world = new World { Invariants = { Enabled = true } };
        world.Reset(ZoneLostDuringProvisioning(), 0, false);
        var result = world.Run();
        var copy = Enumerable.Range(0, world.InstanceCount).Where(i => world[i].Group == 1).ToList();
        var lost = copy.Where(i => world[i].EndMs == 3_610_000).ToList();
        var relaunched = copy.Where(i => world[i].LaunchMs == 3_610_000).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lost, Has.Count.EqualTo(6), "zone b's six replacements were lost while booting");
            Assert.That(relaunched, Has.Count.EqualTo(6), "the copy launched six others at once");
            Assert.That(relaunched.Select(i => (int)world[i].Zone), Is.All.EqualTo(0), "outside the impaired zone");
            Assert.That(relaunched.Select(i => world[i].Revision), Is.All.EqualTo(Revision.New), "and the install waited for them");
            Assert.That(result.Outcome, Is.EqualTo(DeploymentOutcome.Succeeded));
            Assert.That(copy.Count(i => world[i].Lifecycle == LifecycleState.InService), Is.EqualTo(12), "the copy keeps the size it was copied with");
        });
    }
}
