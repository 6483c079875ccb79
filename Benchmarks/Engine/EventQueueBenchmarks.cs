using BenchmarkDotNet.Attributes;
using DeploySim.Engine;

namespace DeploySim.Benchmarks.Engine;

/// <summary>The classic hold model: take the earliest event and put it back at its time plus an exponential increment
/// (mean one minute, pre-drawn), with <see cref="Pending"/> events in the queue. One invocation is <see cref="Holds"/> hold
/// operations, so the reported time is per hold (one dequeue plus one enqueue). The baseline is the BCL's
/// <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (time, sequence), which is what deterministic ordering needs from it.</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
[MinColumn, MedianColumn]
public class EventQueueBenchmarks
{
    public const int Holds = 100_000;

    private long[] _increments = [];
    private int _next;
    private long _sequence;
    private EventQueue _queue = new();
    private PriorityQueueHold? _baseline;

    [Params(1_000, 100_000, 1_000_000)]
    public int Pending { get; set; }

    [GlobalSetup(Target = nameof(Hold_PriorityQueue))]
    public void SetUpBaseline() => _baseline = new PriorityQueueHold(Pending);

    [GlobalSetup(Target = nameof(Hold_EventQueue))]
    public void SetUpEventQueue()
    {
        _increments = HoldIncrements.Create();
        _queue = new EventQueue(Pending);
        _next = 0;
        _sequence = 0;
        for (int i = 0; i < Pending; i++) _queue.Enqueue(new Event(_increments[_next++ & (HoldIncrements.Count - 1)], _sequence++, 1, i, 0));
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _baseline = null;
        _queue = new();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Holds)]
    public long Hold_PriorityQueue() => _baseline!.Hold(Holds);

    [Benchmark(OperationsPerInvoke = Holds)]
    public long Hold_EventQueue()
    {
        var queue = _queue;
        var increments = _increments;
        int next = _next;
        long seq = _sequence;
        for (int i = 0; i < Holds; i++)
        {
            queue.TryDequeue(out var e);
            queue.Enqueue(new Event(e.Time + increments[next++ & (HoldIncrements.Count - 1)], seq++, e.Kind, e.Target, e.Arg));
        }
        _next = next;
        _sequence = seq;
        return seq;
    }
}
