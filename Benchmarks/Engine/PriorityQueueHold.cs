using DeploySim.Engine;

namespace DeploySim.Benchmarks.Engine;

/// <summary>The hold model on the BCL's <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (time, sequence): take the
/// earliest event and put it back at its time plus a pre-drawn exponential increment. It is the queue benchmarks' baseline
/// and, at <see cref="ReferenceWorkload.Pending"/> events, the reference workload every other benchmark is measured against.</summary>
/// <remarks>Not thread-safe. Allocates nothing after construction.</remarks>
public sealed class PriorityQueueHold
{
    private readonly PriorityQueue<Event, (long Time, long Sequence)> _queue;
    private readonly long[] _increments;
    private int _next;
    private long _sequence;

    /// <summary>Fills a queue with <paramref name="pending"/> events at exponential times.</summary>
    public PriorityQueueHold(int pending)
    {
        _increments = HoldIncrements.Create();
        _queue = new PriorityQueue<Event, (long, long)>(pending);
        for (int i = 0; i < pending; i++)
        {
            long t = _increments[_next++ & (HoldIncrements.Count - 1)];
            _queue.Enqueue(new Event(t, _sequence, 1, i, 0), (t, _sequence));
            _sequence++;
        }
    }

    public int Count => _queue.Count;

    /// <summary>Performs <paramref name="holds"/> hold operations (one dequeue plus one enqueue each); returns the next sequence number.</summary>
    public long Hold(int holds)
    {
        var queue = _queue;
        var increments = _increments;
        int next = _next;
        long seq = _sequence;
        for (int i = 0; i < holds; i++)
        {
            queue.TryDequeue(out var e, out _);
            long t = e.Time + increments[next++ & (HoldIncrements.Count - 1)];
            queue.Enqueue(new Event(t, seq, e.Kind, e.Target, e.Arg), (t, seq));
            seq++;
        }
        _next = next;
        _sequence = seq;
        return seq;
    }
}
