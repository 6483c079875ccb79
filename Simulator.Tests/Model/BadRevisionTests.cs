using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Bad revisions and each strategy's recovery (the source article's trade-off: revert + in-place against
/// blue/green's reroute back; Capistrano's rollback).</summary>
public sealed class BadRevisionTests
{
    private static Scenario Bad(StrategyKind strategy, double requestFailureRate = 0.2, double validateFailureRate = 0) => Fleets.Article(5, 2).WithFleet(f => f with {
        OpsWorks = new OpsWorksSpec { SetupTime = Distribution.Constant(4 * 60_000) },
        Deployment = Fleets.Article().Fleet.Deployment with
        {
            Strategy = strategy,
            BadRevision = new BadRevisionSpec
            {
                RequestFailureRate = requestFailureRate,
                ValidateServiceFailureRate = validateFailureRate,
                DetectionDelay = Distribution.Constant(300_000),
            },
            Recovery = new RecoverySpec
            {
                RevertLeadTime = Distribution.Constant(15 * 60_000),
                RerouteBackDelay = Distribution.Constant(2 * 60_000),
                RollbackDelay = Distribution.Constant(2 * 60_000),
            },
            BlueGreen = new BlueGreenSpec { TerminationWait = Fleets.M(60) },
        },
    }) with {
        Horizon = SimDuration.FromHours(6),
    };

    private static ReplicationResult Run(Scenario s) => ScenarioRunner.RunOne(s, detail: false).Result;

    [TestCase(StrategyKind.InPlace)]
    [TestCase(StrategyKind.BlueGreen)]
    [TestCase(StrategyKind.GracefulRestart)]
    public void BadRevision_EveryStrategy_DetectedAfterTheDelayAndRecovered(StrategyKind strategy)
    {
        var r = Run(Bad(strategy));
        Assert.That(r.TimeToDetectSeconds, Is.EqualTo(300).Within(0.001));
        Assert.That(r.TimeToRecoverSeconds, Is.GreaterThan(300));
        Assert.That(r.BadRevisionFailedRequests, Is.GreaterThan(0));
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack));
        Assert.That(r.StaleInstances, Is.Zero, "every instance ends on the good code");
    }

    [Test]
    public void BadRevision_BlueGreenRerouteBack_RecoversFasterThanRevertPlusInPlace()
    {
        var inPlace = Run(Bad(StrategyKind.InPlace));
        var blueGreen = Run(Bad(StrategyKind.BlueGreen));
        Assert.That(blueGreen.TimeToRecoverSeconds, Is.LessThan(inPlace.TimeToRecoverSeconds));
        Assert.That(blueGreen.BadRevisionFailedRequests, Is.GreaterThan(0));
    }

    [Test]
    public void BadRevision_BlueGreenOriginalsAlreadyTerminated_RevertsWithANewCycle()
    {
        var s = Bad(StrategyKind.BlueGreen);
        s = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { BlueGreen = new BlueGreenSpec { TerminationWait = SimDuration.Zero }, BadRevision = s.Fleet.Deployment.BadRevision! with { DetectionDelay = Distribution.Constant(3_600_000) } } });
        var r = Run(s);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack));
        Assert.That(r.PeakInstances, Is.EqualTo(24));
        Assert.That(r.Launches, Is.EqualTo(24), "a second copy of the group carries the revert");
        Assert.That(r.StaleInstances, Is.Zero);
    }

    [Test]
    public void BadRevision_FailedRequestsAreTheBadShareOfWhatItServed()
    {
        var r = Run(Bad(StrategyKind.GracefulRestart, requestFailureRate: 0.5));
        // 600 rps on 12 instances, all on the bad code from the restart until the rollback: about half of it fails.
        double badSeconds = r.TimeToRecoverSeconds;
        Assert.That(r.BadRevisionFailedRequests, Is.InRange(0.4 * 600 * badSeconds, 0.5 * 600 * badSeconds));
    }

    [Test]
    public void BadValidation_InPlaceWithAutoRollback_RollsBack()
    {
        var s = Bad(StrategyKind.InPlace, requestFailureRate: 0, validateFailureRate: 1);
        s = s.WithFleet(f => f with { Deployment = s.Fleet.Deployment with { AutoRollback = true } });
        var r = Run(s);
        Assert.That(r.Outcome, Is.EqualTo(DeploymentOutcome.RolledBack));
        Assert.That(double.IsNaN(r.TimeToDetectSeconds), Is.True, "nothing served the bad code");
        Assert.That(r.StaleInstances, Is.Zero);
    }

    [Test]
    public void GoodRevision_ReportsNoDetection()
    {
        var r = Run(Fleets.Article(5, 2));
        Assert.That(double.IsNaN(r.TimeToDetectSeconds) && double.IsNaN(r.TimeToRecoverSeconds), Is.True);
        Assert.That(r.BadRevisionFailedRequests, Is.Zero);
    }
}
