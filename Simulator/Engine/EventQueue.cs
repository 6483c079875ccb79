using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DeploySim.Engine;

/// <summary>The pending-event set: a priority queue over <see cref="Event"/> values keyed by (time, sequence).</summary>
/// <remarks>
/// Events are stored inline (no per-event object). Times must never go below the last dequeued time
/// (simulated time is monotone), which the engine guarantees. Not thread-safe: one queue per replication.
/// This implementation is a 4-ary implicit heap: O(log n) enqueue and dequeue.
/// </remarks>
public sealed class EventQueue
{
    private Event[] _heap;
    private int _count;

    public EventQueue(int capacity = 1024) => _heap = new Event[Math.Max(4, capacity)];

    public int Count => _count;

    public void Clear() => _count = 0;

    public void EnsureCapacity(int capacity)
    {
        if (_heap.Length < capacity) Array.Resize(ref _heap, capacity);
    }

    public void Enqueue(in Event e)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        int i = _count++;
        var heap = _heap;
        unchecked
        {
            while (i > 0)
            {
                int parent = (i - 1) >> 2;
                if (!e.Precedes(heap[parent])) break;
                heap[i] = heap[parent];
                i = parent;
            }
        }
        heap[i] = e;
    }

    public bool TryPeek(out Event e)
    {
        if (_count == 0)
        {
            e = default;
            return false;
        }
        e = _heap[0];
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Event e)
    {
        if (_count == 0)
        {
            e = default;
            return false;
        }
        e = _heap[0];
        int n = --_count;
        if (n > 0) SiftDown(_heap[n], n);
        return true;
    }

    private void SiftDown(in Event last, int n)
    {
        var heap = _heap;
        int i = 0;
        unchecked
        {
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= n) break;
                int best = first;
                int end = Math.Min(first + 4, n);
                for (int c = first + 1; c < end; c++)
                    if (heap[c].Precedes(heap[best])) best = c;
                if (!heap[best].Precedes(last)) break;
                heap[i] = heap[best];
                i = best;
            }
        }
        heap[i] = last;
        Debug.Assert(_count == n);
    }
}
