using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Scenarios;
using DeploySim.Sharding;
using DeploySim.Model;
using DeploySim.Running;

namespace DeploySim.Tests.Sharding;

/// <summary>Rows read back are the results written, bit for bit: what makes a merged summary exact.</summary>
public sealed class RowFormatTests
{
    [Test]
    public void Line_ReplicationResultWithAwkwardNumbers_RoundTripsExactly()
    {
        var r = new ReplicationResult
        {
            Replication = 41,
            Outcome = DeploymentOutcome.RolledBack,
            RolloutSeconds = 0.1 + 0.2,
            MinServingCapacityPct = -0.0,
            UnservedRequests = double.Epsilon,
            FailedRequests = 1e308,
            TimeToDetectSeconds = double.NaN,
            TimeToRecoverSeconds = double.PositiveInfinity,
            PhaseSeconds = new Dictionary<LifecycleEvent, double> { [LifecycleEvent.AllowTraffic] = 1.0 / 3, [LifecycleEvent.BlockTraffic] = 2 },
            EventsProcessed = long.MaxValue,
            TraceFingerprint = ulong.MaxValue,
            StopReason = DeploySim.Engine.StopReason.Budget,
        };
        var back = RowFormat.Parse<ReplicationResult>(RowFormat.Line(3, 41, r));
        Assert.That((back.Point, back.Replication), Is.EqualTo((3, 41)));
        var b = back.Result;
        Assert.That(BitConverter.DoubleToInt64Bits(b.RolloutSeconds), Is.EqualTo(BitConverter.DoubleToInt64Bits(r.RolloutSeconds)));
        Assert.That(BitConverter.DoubleToInt64Bits(b.MinServingCapacityPct), Is.EqualTo(BitConverter.DoubleToInt64Bits(-0.0)));
        Assert.That(b.UnservedRequests, Is.EqualTo(double.Epsilon));
        Assert.That(b.TimeToDetectSeconds, Is.NaN);
        Assert.That(b.TimeToRecoverSeconds, Is.EqualTo(double.PositiveInfinity));
        Assert.That(b.PhaseSeconds, Is.EqualTo(r.PhaseSeconds));
        Assert.That(b with { PhaseSeconds = r.PhaseSeconds }, Is.EqualTo(r));
    }

    [Test]
    public void Line_RealReplicationsAndDetail_ReadBackEqual()
    {
        var s = ScenarioLoader.Load(Cli.CliRun.Small);
        var (result, detail) = ScenarioRunner.RunOne(s, 0);
        var back = RowFormat.Parse<ReplicationResult>(RowFormat.Line(0, 0, result)).Result;
        Assert.That(back with { PhaseSeconds = result.PhaseSeconds }, Is.EqualTo(result));
        Assert.That(back.PhaseSeconds, Is.EqualTo(result.PhaseSeconds));
        var d = RowFormat.Parse<ReplicationDetail>(RowFormat.Line(0, 0, detail)).Result;
        Assert.That(d.Timeline, Is.EqualTo(detail.Timeline));
        Assert.That(d.Series, Is.EqualTo(detail.Series));
        Assert.That(d.Memory, Is.EqualTo(detail.Memory));
        Assert.That((d.DeploymentStart, d.DeploymentEnd, d.InstanceMemoryMiB), Is.EqualTo((detail.DeploymentStart, detail.DeploymentEnd, detail.InstanceMemoryMiB)));
    }

    [Test]
    public void Line_PipelineReplication_ReadsBackItsStagesAndFleets()
    {
        var s = ScenarioLoader.Load(Path.Combine(Cli.CliRun.ScenariosDirectory, "pipeline-article.yaml"));
        var r = Runner.RunOne(s, 1);
        var b = RowFormat.Parse<ScenarioReplication>(RowFormat.Line(0, 1, r)).Result;
        Assert.That(b.MergeToLiveSeconds, Is.EqualTo(r.MergeToLiveSeconds));
        Assert.That(b.CriticalFleet, Is.EqualTo(r.CriticalFleet));
        Assert.That(b.Fleets.Select(f => f.TraceFingerprint), Is.EqualTo(r.Fleets.Select(f => f.TraceFingerprint)));
        Assert.That(b.Stages.SelectMany(x => x.Actions), Is.EqualTo(r.Stages.SelectMany(x => x.Actions)));
        Assert.That(b.Stages.Select(x => (x.Name, x.Start, x.End)), Is.EqualTo(r.Stages.Select(x => (x.Name, x.Start, x.End))));
    }

    [Test]
    public void Line_OneFleetReplication_StoresItsResultOnceAndReadsBackAsItsOneFleet()
    {
        var s = ScenarioLoader.Load(Cli.CliRun.Small);
        var r = Runner.RunOne(s, 1);
        string line = RowFormat.Line(0, 1, r);
        var b = RowFormat.Parse<ScenarioReplication>(line).Result;
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Not.Contain("\"fleets\""), "the combined result is the fleet's: not stored twice");
            Assert.That(b.Fleets, Has.Count.EqualTo(1));
            Assert.That(b.Fleets[0], Is.SameAs(b.Combined));
            Assert.That(b.Combined.TraceFingerprint, Is.EqualTo(r.Combined.TraceFingerprint));
        });
    }
}
