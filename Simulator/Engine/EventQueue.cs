using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeploySim.Engine;

/// <summary>The pending-event set: a priority queue over <see cref="Event"/> values keyed by (time, insertion order).</summary>
/// <remarks>
/// <para>A monotone radix heap with 10-bit digits (a hierarchical timing wheel without a fixed resolution). An event goes to
/// level <c>L</c> = the highest 10-bit digit in which its time differs from the <em>floor</em> (a lower bound of every queued
/// time, at most the last dequeued time), in the bucket named by that digit. Lower bucket indices hold earlier times, so an
/// occupancy bitmap with a per-level word summary and a level mask finds the earliest bucket with three bit scans. Level 0
/// buckets hold one exact time each (1,024 ms of them, usually one event each, kept inline rather than in a chunk); when only
/// higher buckets remain, the earliest is redistributed ("cascaded") one level down after raising the floor to its start. A
/// lone event in the earliest bucket is returned directly. An event is moved at most 6 times and, in practice, about
/// log<sub>1024</sub> of the time span it was scheduled ahead (an event up to 17 minutes ahead moves at most twice, usually
/// once; with 8-bit digits the hold model at 1,000 pending events moved each event 1.6 times); enqueue and dequeue are O(1)
/// amortized, with no comparisons between events.</para>
/// <para>Equal times come out in enqueue order: appends and cascades preserve the order of each bucket. The queue ignores
/// <see cref="Event.Sequence"/>; the <see cref="Simulation"/> numbers events in enqueue order, so this is (time, sequence) order.</para>
/// <para>Events are stored inline in a pool of 32-event chunks (one array), linked per bucket; chunks are recycled, so once the
/// pool has grown to the peak load nothing is allocated. Times must be non-negative and, while the queue holds events, not below
/// <see cref="Floor"/> (simulated time is monotone); <see cref="Enqueue"/> throws otherwise.</para>
/// <para><c>default</c> is not usable: construct it. Not thread-safe: one queue per replication.</para>
/// </remarks>
public sealed class EventQueue
{
    private const int DigitBits = 10;
    private const int Radix = 1 << DigitBits;
    private const int DigitMask = Radix - 1;
    private const int Levels = (63 + DigitBits - 1) / DigitBits;
    private const int BucketCount = Levels * Radix;
    private const int WordCount = BucketCount / 64;
    private const int WordsPerLevel = Radix / 64;
    private const int LevelWordShift = DigitBits - 6;
    private const int ChunkShift = 5;
    private const int ChunkSize = 1 << ChunkShift;
    private const int NoChunk = -1;
    /// <summary>A level-0 bucket's <see cref="Bucket.HeadChunk"/> when its only event is stored in <see cref="_level0"/>.</summary>
    private const int Inline = -2;

    /// <summary>A FIFO of events as a chain of pool chunks. Empty: no chunks and <see cref="TailPos"/> = <see cref="ChunkSize"/>,
    /// so that the next append takes the slow path that links a chunk.</summary>
    private struct Bucket
    {
        public int HeadChunk, TailChunk, HeadPos, TailPos;
    }

    private static readonly Bucket s_empty = new() { HeadChunk = NoChunk, TailChunk = NoChunk, HeadPos = 0, TailPos = ChunkSize };

    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private readonly ulong[] _occupied = new ulong[WordCount];
    // A level-0 bucket holds one exact time, usually one event: that event is kept here, not in a pool chunk, so that the
    // common case links and frees no chunk (a second event at the same time moves both into a chunk).
    private readonly Event[] _level0 = new Event[Radix];
    // Occupancy summaries: bit w of _levelWords[L] says word w of level L's occupancy bitmap is not zero; bit L of
    // _levels says level L has an event.
    private readonly uint[] _levelWords = new uint[Levels];
    private uint _levels;
    private long _floor;
    private int _count;
    private Event[] _slab;
    private int[] _nextChunk;
    private int _freeChunk = NoChunk;

    /// <summary>Creates a queue with room for about <paramref name="capacity"/> events before its pool grows.</summary>
    public EventQueue(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Array.Fill(_buckets, s_empty);
        _slab = [];
        _nextChunk = [];
        GrowPool(ChunksFor(Math.Max(capacity, 16 * ChunkSize)));
    }

    /// <summary>Events in the queue.</summary>
    public int Count => _count;

    /// <summary>The earliest time <see cref="Enqueue"/> accepts while the queue is not empty. Never above the later of the last
    /// dequeued time and the bound of a <see cref="TryDequeueAtOrBefore"/> call that found nothing due; an empty queue accepts any time.</summary>
    public long Floor => _floor;

    /// <summary>Empties the queue, keeping its pool.</summary>
    public void Clear()
    {
        // Only occupied buckets differ from empty ones: reset those (the bucket array is 112 KB).
        for (int w = 0; w < WordCount; w++)
        {
            for (ulong bits = _occupied[w]; bits != 0; bits &= bits - 1) _buckets[(w << 6) | BitOperations.TrailingZeroCount(bits)] = s_empty;
            _occupied[w] = 0;
        }
        Array.Clear(_levelWords);
        _levels = 0;
        _floor = 0;
        _count = 0;
        _freeChunk = NoChunk;
        for (int c = _nextChunk.Length - 1; c >= 0; c--)
        {
            _nextChunk[c] = _freeChunk;
            _freeChunk = c;
        }
    }

    /// <summary>Grows the pool to hold at least <paramref name="capacity"/> events.</summary>
    public void EnsureCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        int chunks = ChunksFor(capacity);
        if (chunks > _nextChunk.Length) GrowPool(chunks);
    }

    /// <summary>Adds an event. O(1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative, or below <see cref="Floor"/> while the queue is not empty.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(in Event e)
    {
        if (e.Time < _floor) EnqueueBelowFloor(e.Time);
        Append(BucketOf(e.Time, _floor), in e);
        unchecked { _count++; }
    }

    /// <summary>Removes the earliest event. O(1) amortized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Event e) => TryDequeueAtOrBefore(long.MaxValue, out e);

    /// <summary>Removes the earliest event if its time is at most <paramref name="maxTime"/>. O(1) amortized.</summary>
    /// <remarks>When it returns false the queue may have raised <see cref="Floor"/>, but never above <paramref name="maxTime"/>
    /// nor above the earliest queued time: a caller that moves its clock to <paramref name="maxTime"/> keeps scheduling legal.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeueAtOrBefore(long maxTime, out Event e)
    {
        unchecked
        {
            while (_levels != 0)
            {
                int i = FirstBucket();
                ref Bucket b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), i);
                // Level 0 holds one exact time per bucket, and a lone event in the earliest bucket is the earliest event:
                // in both cases the head is the minimum.
                if (b.HeadChunk == Inline)
                {
                    ref Event only = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_level0), i);
                    if (only.Time > maxTime) break;
                    e = only;
                    b = s_empty;
                    ClearOccupied(i);
                    _floor = e.Time;
                    _count--;
                    return true;
                }
                if (i < Radix || (b.HeadChunk == b.TailChunk && b.HeadPos + 1 == b.TailPos))
                {
                    ref Event head = ref Slot(b.HeadChunk, b.HeadPos);
                    if (head.Time > maxTime) break;
                    e = head;
                    if (++b.HeadPos == ChunkSize || (b.HeadChunk == b.TailChunk && b.HeadPos == b.TailPos)) ReleaseHead(ref b, i);
                    _floor = e.Time;
                    _count--;
                    return true;
                }
                if (BucketStart(i) > maxTime) break;
                Cascade(ref b, i);
            }
            e = default;
            return false;
        }
    }

    /// <summary>Reads the earliest event without removing it. O(1) when it lies within 256 ms of the floor or is alone in its
    /// bucket; otherwise O(size of its bucket), since the queue keeps the floor where it is.</summary>
    public bool TryPeek(out Event e)
    {
        if (_levels == 0)
        {
            e = default;
            return false;
        }
        int i = FirstBucket();
        ref Bucket b = ref _buckets[i];
        if (i < Radix)
        {
            e = b.HeadChunk == Inline ? _level0[i] : Slot(b.HeadChunk, b.HeadPos);
        }
        else
        {
            FindMin(in b, out int chunk, out int pos);
            e = Slot(chunk, pos);
        }
        return true;
    }

    /// <summary>Removes the earliest event (the one <see cref="TryPeek"/> returns) without raising <see cref="Floor"/>,
    /// so that events may still be enqueued at any time from the floor on. Same cost as <see cref="TryPeek"/>.</summary>
    internal void RemoveFirst()
    {
        if (_levels == 0) throw new InvalidOperationException("the event queue is empty");
        int i = FirstBucket();
        ref Bucket b = ref _buckets[i];
        int k = i < Radix ? 0 : FindMin(in b, out _, out _);
        if (b.HeadChunk == Inline)
        {
            b = s_empty;
            ClearOccupied(i);
        }
        else if (k == 0)
        {
            if (++b.HeadPos == ChunkSize || (b.HeadChunk == b.TailChunk && b.HeadPos == b.TailPos)) ReleaseHead(ref b, i);
        }
        else
        {
            // Rebuild the bucket without its k-th event, keeping the order of the others.
            var old = b;
            b = s_empty;
            ClearOccupied(i);
            int c = old.HeadChunk, pos = old.HeadPos, index = 0;
            while (true)
            {
                int end = c == old.TailChunk ? old.TailPos : ChunkSize;
                for (; pos < end; pos++, index++)
                {
                    if (index == k) continue;
                    Event x = Slot(c, pos);
                    Append(i, in x);
                }
                int next = _nextChunk[c];
                FreeChunk(c);
                if (c == old.TailChunk) break;
                c = next;
                pos = 0;
            }
        }
        _count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BucketOf(long time, long floor)
    {
        unchecked
        {
            int level = (63 - BitOperations.LeadingZeroCount((ulong)(time ^ floor) | 1)) / DigitBits;
            return (level << DigitBits) | (int)(((ulong)time >> (level * DigitBits)) & DigitMask);
        }
    }

    /// <summary>The earliest time bucket <paramref name="i"/> can hold: the floor's higher digits, then the bucket's digit, then zeros.</summary>
    private long BucketStart(int i)
    {
        unchecked
        {
            int shift = (i >> DigitBits) * DigitBits;
            ulong higher = (ulong)_floor >> shift >> DigitBits;
            return (long)(((higher << DigitBits) | (uint)(i & DigitMask)) << shift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Event Slot(int chunk, int pos) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slab), unchecked((chunk << ChunkShift) + pos));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int i, in Event e)
    {
        ref Bucket b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), i);
        if (b.TailPos != ChunkSize)
        {
            Slot(b.TailChunk, unchecked(b.TailPos++)) = e;
        }
        else if (b.HeadChunk == NoChunk && i < Radix)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_level0), i) = e;
            b.HeadChunk = Inline;
            SetOccupied(i);
        }
        else
        {
            AppendSlow(ref b, i, in e);
        }
    }

    /// <summary>Appends to a bucket whose tail chunk is full or that has none (other than an empty level-0 bucket): a second
    /// event in a level-0 bucket moves the inline one into a chunk first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AppendSlow(ref Bucket b, int i, in Event e)
    {
        if (b.HeadChunk == Inline)
        {
            b = s_empty;
            LinkTailChunk(ref b, i);
            Slot(b.TailChunk, b.TailPos++) = _level0[i];
        }
        if (b.TailPos == ChunkSize) LinkTailChunk(ref b, i);
        Slot(b.TailChunk, b.TailPos++) = e;
    }

    /// <summary>The earliest non-empty bucket (the queue must not be empty): three bit scans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstBucket()
    {
        int level = BitOperations.TrailingZeroCount(_levels);
        int word = (level << LevelWordShift) | BitOperations.TrailingZeroCount(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_levelWords), level));
        return (word << 6) | BitOperations.TrailingZeroCount(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_occupied), word));
    }

    /// <summary>The first event with the least time in bucket <paramref name="b"/>: its index from the head, and its slot.</summary>
    private int FindMin(in Bucket b, out int minChunk, out int minPos)
    {
        long min = long.MaxValue;
        int best = 0, index = 0, c = b.HeadChunk, pos = b.HeadPos;
        minChunk = c;
        minPos = pos;
        while (true)
        {
            int end = c == b.TailChunk ? b.TailPos : ChunkSize;
            for (; pos < end; pos++, index++)
            {
                long t = Slot(c, pos).Time;
                if (t < min)
                {
                    min = t;
                    best = index;
                    minChunk = c;
                    minPos = pos;
                }
            }
            if (c == b.TailChunk) return best;
            c = _nextChunk[c];
            pos = 0;
        }
    }

    /// <summary>Raises the floor to the start of bucket <paramref name="i"/> (the earliest, above level 0) and moves its events down.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Cascade(ref Bucket b, int i)
    {
        long floor = BucketStart(i);
        Debug.Assert(floor >= _floor);
        _floor = floor;
        var old = b;
        b = s_empty;
        ClearOccupied(i);
        int c = old.HeadChunk, pos = old.HeadPos;
        while (true)
        {
            int end = c == old.TailChunk ? old.TailPos : ChunkSize;
            for (; pos < end; pos++)
            {
                Event x = Slot(c, pos);
                int to = BucketOf(x.Time, floor);
                Debug.Assert(to < i);
                Append(to, in x);
            }
            int next = _nextChunk[c];
            FreeChunk(c);
            if (c == old.TailChunk) return;
            c = next;
            pos = 0;
        }
    }

    /// <summary>The head chunk is used up: unlink and free it (the bucket may become empty).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReleaseHead(ref Bucket b, int i)
    {
        int c = b.HeadChunk;
        if (c == b.TailChunk)
        {
            b = s_empty;
            ClearOccupied(i);
        }
        else
        {
            b.HeadChunk = _nextChunk[c];
            b.HeadPos = 0;
        }
        FreeChunk(c);
    }

    private void LinkTailChunk(ref Bucket b, int i)
    {
        if (_freeChunk == NoChunk) GrowPool(_nextChunk.Length * 2);
        int c = _freeChunk;
        _freeChunk = _nextChunk[c];
        if (b.HeadChunk == NoChunk)
        {
            b.HeadChunk = c;
            b.HeadPos = 0;
            SetOccupied(i);
        }
        else
        {
            _nextChunk[b.TailChunk] = c;
        }
        b.TailChunk = c;
        b.TailPos = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetOccupied(int i)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_occupied), i >> 6) |= 1UL << i;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_levelWords), i >> DigitBits) |= 1U << ((i >> 6) & (WordsPerLevel - 1));
        _levels |= 1U << (i >> DigitBits);
    }

    private void ClearOccupied(int i)
    {
        ref ulong word = ref _occupied[i >> 6];
        word &= ~(1UL << i);
        if (word != 0) return;
        ref uint words = ref _levelWords[i >> DigitBits];
        words &= ~(1U << ((i >> 6) & (WordsPerLevel - 1)));
        if (words == 0) _levels &= ~(1U << (i >> DigitBits));
    }

    private void FreeChunk(int c)
    {
        _nextChunk[c] = _freeChunk;
        _freeChunk = c;
    }

    private void GrowPool(int chunks)
    {
        int old = _nextChunk.Length;
        Debug.Assert(chunks > old);
        Array.Resize(ref _slab, checked(chunks * ChunkSize));
        Array.Resize(ref _nextChunk, chunks);
        for (int c = chunks - 1; c >= old; c--) FreeChunk(c);
    }

    private static int ChunksFor(int events) => (int)(((long)events + ChunkSize - 1) / ChunkSize);

    /// <summary>Lets an empty queue accept events from <paramref name="time"/> on (a queue emptied by dequeuing keeps the
    /// last dequeued time as its floor; a caller whose clock stands earlier resets it).</summary>
    internal void ResetFloor(long time)
    {
        if (_count != 0) throw new InvalidOperationException("only an empty event queue can move its floor");
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        _floor = time;
    }

    /// <summary>An event below the floor is legal only in an empty queue (and never at a negative time).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnqueueBelowFloor(long time)
    {
        if (time < 0) throw new ArgumentOutOfRangeException(nameof(time), time, "event times must be zero or more");
        if (_count != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"cannot enqueue an event at {time} ms: events up to {_floor} ms have already been dequeued (time is monotone)");
        }
        _floor = time;
    }
}
