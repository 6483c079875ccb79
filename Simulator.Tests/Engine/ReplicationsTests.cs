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

    [TestCase(1000, 256)]
    [TestCase(130, 1024)]
    public void RunOrdered_ParallelBatches_ConsumesEveryResultOnceInOrder(int count, int window)
    {
        // Batches of window/4 (at most 64) ready results, a count that is no multiple of the batch, and uneven work so
        // that results complete out of order.
        var order = new List<int>();
        var seen = new List<int>();
        Replications.RunOrdered(count, () => 0, (_, i) =>
        {
            Thread.SpinWait(i % 7 * 200);
            return i * 31;
        }, (i, r) => { order.Add(i); seen.Add(r); }, degreeOfParallelism: 2, window: window);
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, count).Select(i => i * 31)));
    }

    [Test]
    public void RunOrdered_ConsumerThrows_StopsTheWorkersAndRethrows()
    {
        int ran = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => Replications.RunOrdered(100_000, () => 0, (_, i) =>
        {
            Interlocked.Increment(ref ran);
            return i;
        }, (i, _) => { if (i == 100) throw new InvalidOperationException("consumer"); }, degreeOfParallelism: 2, window: 256));
        Assert.That(ex!.Message, Is.EqualTo("consumer"));
        Assert.That(ran, Is.LessThan(100 + 256 + 2 + 64), "workers stop within the window once the consumer fails");
    }
}
