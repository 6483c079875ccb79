using DeploySim.Model;

namespace DeploySim.Tests.Model;

/// <summary>Same seed, same results; another seed, other results; serial and parallel agree.</summary>
public sealed class DeterminismTests
{
    private static DeploySim.Scenarios.Scenario Scenario(ulong seed) => Fleets.Article(5, 2) with { Seed = seed, Replications = 6 };

    [Test]
    public void SameSeed_GivesIdenticalResults()
    {
        var a = ScenarioRunner.Run(Scenario(7), 1).Replications;
        var b = ScenarioRunner.Run(Scenario(7), 1).Replications;
        Assert.That(b, Is.EqualTo(a).Using<DeploySim.Metrics.ReplicationResult>(SameResult));
    }

    [Test]
    public void DifferentSeed_ChangesResults()
    {
        var a = ScenarioRunner.Run(Scenario(7), 1).Replications;
        var b = ScenarioRunner.Run(Scenario(8), 1).Replications;
        Assert.That(b.Select(r => r.TraceFingerprint), Is.Not.EqualTo(a.Select(r => r.TraceFingerprint)));
    }

    [Test]
    public void ParallelReplications_MatchSerial()
    {
        var serial = ScenarioRunner.Run(Scenario(7), 1).Replications;
        var parallel = ScenarioRunner.Run(Scenario(7), 2).Replications;
        Assert.That(parallel, Is.EqualTo(serial).Using<DeploySim.Metrics.ReplicationResult>(SameResult));
    }

    private static bool SameResult(DeploySim.Metrics.ReplicationResult x, DeploySim.Metrics.ReplicationResult y) =>
        x with { PhaseSeconds = y.PhaseSeconds } == y && x.PhaseSeconds.SequenceEqual(y.PhaseSeconds);
}
