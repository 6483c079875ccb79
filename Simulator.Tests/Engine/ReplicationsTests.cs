using DeploySim.Engine;

namespace DeploySim.Tests.Engine;

public sealed class ReplicationsTests
{
    private sealed class Worker
    {
        public Worker()
        {
            Sim = new Simulation();
            World = new ChurnWorld(Sim, 100);
        }

        public Simulation Sim { get; }
        public ChurnWorld World { get; }
    }

    private static (int Replication, long Events, ulong Fingerprint) RunOne(Worker w, int replication)
    {
        w.World.Start(seed: 77, replication);
        w.Sim.Run(w.World, SimTime.FromSeconds(120));
        return (replication, w.Sim.ProcessedEvents, w.Sim.TraceFingerprint);
    }

    [Test]
    public void Run_ParallelAndSerial_GiveIdenticalResultsInReplicationOrder()
    {
        var serial = Replications.Run(12, () => new Worker(), RunOne, degreeOfParallelism: 1);
        var parallel = Replications.Run(12, () => new Worker(), RunOne, degreeOfParallelism: 2);
        var allCores = Replications.Run(12, () => new Worker(), RunOne);
        Assert.That(parallel, Is.EqualTo(serial));
        Assert.That(allCores, Is.EqualTo(serial));
        Assert.That(serial.Select(r => r.Replication), Is.EqualTo(Enumerable.Range(0, 12)));
        Assert.That(serial.Select(r => r.Fingerprint).Distinct().Count(), Is.EqualTo(12), "replications draw from different streams");
    }

    [Test]
    public void Run_Parallel_ReportsEveryReplicationOnce()
    {
        var done = new System.Collections.Concurrent.ConcurrentBag<int>();
        Replications.Run(20, () => 0, (_, i) => i, degreeOfParallelism: 2, onCompleted: done.Add);
        Assert.That(done.Order(), Is.EqualTo(Enumerable.Range(0, 20)));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Run_ReplicationThrows_RethrowsItsException(int degree)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Replications.Run(10, () => 0, (_, i) => i == 3 ? throw new InvalidOperationException("boom 3") : i, degree));
        Assert.That(ex!.Message, Is.EqualTo("boom 3"));
    }

    [Test]
    public void Run_ZeroReplications_ReturnsEmptyWithoutCreatingAWorker()
    {
        int created = 0;
        var results = Replications.Run(0, () => ++created, (_, i) => i);
        Assert.That(results, Is.Empty);
        Assert.That(created, Is.Zero);
    }

    [Test]
    public void Run_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => Replications.Run(4, () => 0, (_, i) => i, 2, cancellation: cts.Token));
    }
}
