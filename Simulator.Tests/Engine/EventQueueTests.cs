#pragma warning disable NUnit1027 // FsCheck properties take generated arguments
using DeploySim.Engine;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace DeploySim.Tests.Engine;

public sealed class EventQueueTests
{
    [Property(MaxTest = 200)]
    public bool Dequeue_RandomTimes_ComeOutInTimeThenSequenceOrder(int[] times, byte spread)
    {
        int shift = spread % 48;
        var queue = new EventQueue(16);
        var events = times.Select((t, seq) => new Event((long)((uint)t % 1000) << shift, seq, 0, seq, 0)).ToArray();
        foreach (var e in events) queue.Enqueue(e);
        var expected = events.OrderBy(e => e.Time).ThenBy(e => e.Sequence).Select(e => e.Sequence);
        return Drain(queue).Select(e => e.Sequence).SequenceEqual(expected) && queue.Count == 0;
    }

    /// <summary>Interleaves every operation, as the simulation does, against a sorted-set model: pushes never go below the clock,
    /// a bounded dequeue that finds nothing moves the clock to its bound, removing the first event leaves the clock alone.</summary>
    [Property(MaxTest = 150)]
    public bool Operations_RandomInterleaving_MatchSortedModel(int seed, byte spread, byte mix)
    {
        var rng = new Xoshiro256((ulong)(uint)seed);
        int shift = spread % 40;
        int pushWeight = 2 + (mix % 5);
        var queue = new EventQueue(8);
        var model = new SortedSet<(long Time, long Seq)>();
        long clock = 0, seq = 0;
        for (int step = 0; step < 3000; step++)
        {
            int op = rng.Next(pushWeight + 4);
            if (op >= 4)
            {
                long t = clock + ((long)rng.Next(300) << rng.Next(shift + 1));
                queue.Enqueue(new Event(t, seq, 0, 0, 0));
                model.Add((t, seq++));
                continue;
            }
            bool any = model.Count > 0;
            var min = any ? model.Min : default;
            switch (op)
            {
                case 0:
                    if (queue.TryDequeue(out var e) != any || (any && (e.Time, e.Sequence) != min)) return false;
                    if (any)
                    {
                        model.Remove(min);
                        clock = min.Time;
                    }
                    break;
                case 1:
                    long limit = clock + ((long)rng.Next(300) << rng.Next(shift + 1));
                    bool due = any && min.Time <= limit;
                    if (queue.TryDequeueAtOrBefore(limit, out var d) != due) return false;
                    if (due)
                    {
                        if ((d.Time, d.Sequence) != min) return false;
                        model.Remove(min);
                        clock = min.Time;
                    }
                    else if (any)
                    {
                        if (queue.Floor > limit) return false;
                        clock = Math.Max(clock, limit);
                    }
                    break;
                case 2:
                    if (queue.TryPeek(out var p) != any || (any && (p.Time, p.Sequence) != min)) return false;
                    break;
                default:
                    if (any)
                    {
                        queue.RemoveFirst();
                        model.Remove(min);
                    }
                    break;
            }
            if (queue.Count != model.Count || queue.Floor > clock) return false;
        }
        return Drain(queue).Select(e => (e.Time, e.Sequence)).SequenceEqual(model);
    }

    [Test]
    public void Dequeue_EqualTimes_KeepEnqueueOrder()
    {
        var queue = new EventQueue();
        // Far ahead so that they arrive through several cascades, and many so that they span several chunks.
        long far = 5_000_000_000L;
        for (int i = 0; i < 1000; i++) queue.Enqueue(new Event(i % 2 == 0 ? far : far + 1, i, 0, i, 0));
        var order = Drain(queue).Select(e => e.Sequence).ToArray();
        var expected = Enumerable.Range(0, 1000).Where(i => i % 2 == 0).Concat(Enumerable.Range(0, 1000).Where(i => i % 2 == 1)).Select(i => (long)i);
        Assert.That(order, Is.EqualTo(expected));
    }

    [Test]
    public void Dequeue_PushAtCurrentTimeWhileDraining_ComesAfterEarlierOnes()
    {
        var queue = new EventQueue();
        for (int i = 0; i < 3; i++) queue.Enqueue(new Event(700_000, i, 0, 0, 0));
        Assert.That(queue.TryDequeue(out var first), Is.True);
        queue.Enqueue(new Event(700_000, 3, 0, 0, 0));
        var rest = Drain(queue).Select(e => e.Sequence);
        Assert.That(rest.Prepend(first.Sequence), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Dequeue_TimesAcrossWholeRange_Ordered()
    {
        var queue = new EventQueue();
        long[] times = [long.MaxValue, 0, 1L << 62, 255, 256, (1L << 56) - 1, 1L << 56, long.MaxValue - 1, 65_536, 3];
        for (int i = 0; i < times.Length; i++) queue.Enqueue(new Event(times[i], i, 0, 0, 0));
        Assert.That(Drain(queue).Select(e => e.Time), Is.EqualTo(times.Order()));
    }

    [Test]
    public void Enqueue_BelowLastDequeuedTime_Throws()
    {
        var queue = new EventQueue();
        queue.Enqueue(new Event(100, 0, 0, 0, 0));
        queue.Enqueue(new Event(200, 1, 0, 0, 0));
        queue.TryDequeue(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(new Event(99, 2, 0, 0, 0)));
    }

    [Test]
    public void Enqueue_NegativeTime_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventQueue().Enqueue(new Event(-1, 0, 0, 0, 0)));

    [Test]
    public void Enqueue_BelowFloorIntoEmptyQueue_IsAccepted()
    {
        var queue = new EventQueue();
        queue.Enqueue(new Event(1000, 0, 0, 0, 0));
        queue.TryDequeue(out _);
        queue.Enqueue(new Event(10, 1, 0, 0, 0));
        Assert.That(queue.TryDequeue(out var e) && e.Time == 10, Is.True);
    }

    [Test]
    public void TryDequeueAtOrBefore_NothingDue_ReturnsFalseAndKeepsFloorAtMostLimit()
    {
        var queue = new EventQueue();
        queue.Enqueue(new Event(10_000_000, 0, 0, 0, 0));
        queue.Enqueue(new Event(10_000_001, 1, 0, 0, 0));
        Assert.That(queue.TryDequeueAtOrBefore(9_999_999, out _), Is.False);
        Assert.That(queue.Floor, Is.LessThanOrEqualTo(9_999_999));
        queue.Enqueue(new Event(9_999_999, 2, 0, 0, 0));
        Assert.That(Drain(queue).Select(e => e.Sequence), Is.EqualTo(new long[] { 2, 0, 1 }));
    }

    [Test]
    public void RemoveFirst_EarliestInsideCrowdedBucket_KeepsOthersInOrderAndFloor()
    {
        var queue = new EventQueue();
        long[] times = [70_000, 69_000, 69_500, 69_000, 71_000];
        for (int i = 0; i < times.Length; i++) queue.Enqueue(new Event(times[i], i, 0, 0, 0));
        Assert.That(queue.TryPeek(out var first) && first.Sequence == 1, Is.True);
        queue.RemoveFirst();
        Assert.That(queue.Floor, Is.Zero);
        queue.Enqueue(new Event(5, 5, 0, 0, 0));
        Assert.That(Drain(queue).Select(e => e.Sequence), Is.EqualTo(new long[] { 5, 3, 2, 0, 4 }));
    }

    [Test]
    public void LoneEventsNearTheFloor_SecondAtSameTimeAndPeek_KeepOrder()
    {
        // Times within a second of the floor sit alone in their level-0 bucket (kept inline); a second event at one of
        // those times moves both into a chunk, in enqueue order. Peek and RemoveFirst see the inline event too.
        var queue = new EventQueue();
        queue.Enqueue(new Event(10, 0, 0, 0, 0));
        queue.Enqueue(new Event(20, 1, 0, 0, 0));
        queue.Enqueue(new Event(10, 2, 0, 0, 0));
        queue.Enqueue(new Event(30, 3, 0, 0, 0));
        Assert.That(queue.TryPeek(out var peeked) && peeked.Sequence == 0, Is.True);
        queue.RemoveFirst();
        Assert.That(queue.TryDequeue(out var e) && e.Sequence == 2, Is.True);
        Assert.That(queue.TryPeek(out peeked) && peeked.Sequence == 1, Is.True);
        queue.RemoveFirst();
        queue.Enqueue(new Event(30, 4, 0, 0, 0));
        Assert.That(Drain(queue).Select(x => x.Sequence), Is.EqualTo(new long[] { 3, 4 }));
    }

    [Test]
    public void Clear_ThenReuse_StartsOver()
    {
        var queue = new EventQueue();
        for (int i = 0; i < 5000; i++) queue.Enqueue(new Event(i * 977L, i, 0, 0, 0));
        for (int i = 0; i < 100; i++) queue.TryDequeue(out _);
        queue.Enqueue(new Event(99 * 977L + 5, 5000, 0, 0, 0));   // an inline level-0 event at Clear
        queue.Clear();
        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.TryPeek(out _), Is.False);
        queue.Enqueue(new Event(3, 0, 0, 0, 0));
        queue.Enqueue(new Event(1, 1, 0, 0, 0));
        Assert.That(Drain(queue).Select(e => e.Time), Is.EqualTo(new long[] { 1, 3 }));
    }

    [Test]
    public void Enqueue_ManyMoreThanCapacity_GrowsAndKeepsOrder()
    {
        var queue = new EventQueue(0);
        var rng = new Xoshiro256(7);
        var times = Enumerable.Range(0, 200_000).Select(_ => (long)rng.Next(1_000_000)).ToArray();
        for (int i = 0; i < times.Length; i++) queue.Enqueue(new Event(times[i], i, 0, 0, 0));
        var drained = Drain(queue);
        Assert.That(drained.Count, Is.EqualTo(times.Length));
        Assert.That(drained.Zip(drained.Skip(1)).All(p => p.First.Precedes(p.Second)), Is.True);
    }

    private static List<Event> Drain(EventQueue queue)
    {
        var list = new List<Event>(queue.Count);
        while (queue.TryDequeue(out var e)) list.Add(e);
        return list;
    }
}
