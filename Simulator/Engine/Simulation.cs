using System.Runtime.CompilerServices;

namespace DeploySim.Engine;

/// <summary>The clock, the pending-event set and the run loop of one replication.</summary>
/// <remarks>
/// Deterministic: events run in (time, sequence) order, so the same schedule always dispatches in the same order.
/// Scheduling and dispatch are O(1) amortized (see <see cref="EventQueue"/>) and allocate nothing once the buffers have grown
/// to the peak load. Cancelling is O(1): a cancelled event stays queued (its sequence number in a skip set) and is skipped
/// when it comes up. Not thread-safe; reuse one instance per worker thread with <see cref="Reset"/>.
/// </remarks>
public sealed class Simulation
{
    private readonly EventQueue _queue;
    private readonly HashSet<long> _cancelled = [];
    // Cancelled events already taken off the queue but not yet behind the clock: they stay in _cancelled (so that
    // IsPending and Cancel keep answering false for them) until an event after them is dispatched.
    private (long Time, long Sequence)[] _skipped = new (long, long)[64];
    private int _skippedCount;
    private long _skippedMinTime = long.MaxValue;
    private long _nextSequence;
    private long _currentSequence = -1;
    private bool _stopRequested;
    private ulong _fingerprint = FingerprintSeed;
    private const ulong FingerprintSeed = 0xcbf29ce484222325UL;

    public Simulation(int capacity = 1024) => _queue = new EventQueue(capacity);

    /// <summary>The current simulated time.</summary>
    public SimTime Now { get; private set; }

    /// <summary>Events dispatched since the last <see cref="Reset"/> (cancelled events are not counted).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>Events waiting in the queue, including cancelled ones not yet skipped.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>A hash over the (time, kind, target) of every dispatched event, in order: equal runs have equal fingerprints.</summary>
    public ulong TraceFingerprint => _fingerprint;

    /// <summary>Clears the queue and the clock for the next replication, keeping the buffers.</summary>
    public void Reset()
    {
        _queue.Clear();
        _cancelled.Clear();
        _skippedCount = 0;
        _skippedMinTime = long.MaxValue;
        _nextSequence = 0;
        _currentSequence = -1;
        _stopRequested = false;
        _fingerprint = FingerprintSeed;
        Now = SimTime.Zero;
        ProcessedEvents = 0;
    }

    /// <summary>Schedules an event at an absolute time, which must not be in the past.</summary>
    public EventHandle Schedule(SimTime at, int kind, int target, long arg = 0)
    {
        if (at < Now) ThrowPast(at);
        long seq = _nextSequence++;
        _queue.Enqueue(new Event(at.Milliseconds, seq, kind, target, arg));
        return new EventHandle(at.Milliseconds, seq);
    }

    /// <summary>Schedules an event <paramref name="delay"/> after now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EventHandle ScheduleAfter(SimDuration delay, int kind, int target, long arg = 0) =>
        Schedule(Now + delay, kind, target, arg);

    /// <summary>True while the event is still to be dispatched: later than now, or now and after the current one.</summary>
    public bool IsPending(EventHandle h) =>
        !h.IsNone && (h.Time > Now.Milliseconds || (h.Time == Now.Milliseconds && h.Sequence > _currentSequence)) && !_cancelled.Contains(h.Sequence);

    /// <summary>Cancels a pending event in O(1); returns false if it already ran, was cancelled, or is <see cref="EventHandle.None"/>.</summary>
    public bool Cancel(EventHandle h) => IsPending(h) && _cancelled.Add(h.Sequence);

    /// <summary>Asks the run loop to return after the current event.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Time of the next event that will run, if any (cancelled events are skipped over).</summary>
    /// <remarks>Does not move the clock, and scheduling stays legal from <see cref="Now"/> on. O(1) in the common case;
    /// when the next event lies far ahead, O(number of events in its time bucket).</remarks>
    public bool TryPeekNextTime(out SimTime time)
    {
        while (_queue.TryPeek(out var e))
        {
            if (_cancelled.Count != 0 && _cancelled.Contains(e.Sequence))
            {
                _queue.RemoveFirst();
                NoteSkipped(in e);
                continue;
            }
            time = e.At;
            return true;
        }
        time = default;
        return false;
    }

    /// <summary>Dispatches events in order until the queue is empty, the next event lies beyond <paramref name="horizon"/>,
    /// <paramref name="eventBudget"/> events have run, or a handler calls <see cref="Stop"/>.</summary>
    /// <remarks>Events at exactly the horizon run. At <see cref="StopReason.Horizon"/> the clock is advanced to the horizon
    /// (never moved back); at <see cref="StopReason.Empty"/> it stays at the last dispatched event. Cancelled events neither run
    /// nor count against the budget. Generic over the handler so that a struct handler is dispatched without an interface call.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eventBudget"/> is negative.</exception>
    public StopReason Run<THandler>(ref THandler handler, SimTime horizon, long eventBudget = long.MaxValue, CancellationToken cancellation = default)
        where THandler : IEventHandler => Run(ref handler, horizon, eventBudget, until: null, cancellation);

    /// <summary>As <see cref="Run{THandler}(ref THandler, SimTime, long, CancellationToken)"/>, also returning
    /// <see cref="StopReason.Stopped"/> as soon as <paramref name="until"/> holds after an event.</summary>
    public StopReason Run<THandler>(ref THandler handler, SimTime horizon, long eventBudget, Func<bool>? until, CancellationToken cancellation = default)
        where THandler : IEventHandler
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventBudget);
        _stopRequested = false;
        long budgetEnd = eventBudget > long.MaxValue - ProcessedEvents ? long.MaxValue : ProcessedEvents + eventBudget;
        long horizonMs = horizon.Milliseconds;
        unchecked
        {
            while (true)
            {
                if (_stopRequested) return StopReason.Stopped;
                if (ProcessedEvents >= budgetEnd) return StopReason.Budget;
                if ((ProcessedEvents & 0xFFFF) == 0 && cancellation.IsCancellationRequested) return StopReason.Cancelled;
                Event e;
                while (true)
                {
                    // Never dequeue past the horizon: the queue may raise its floor up to the horizon, where the clock then stands.
                    if (!_queue.TryDequeueAtOrBefore(horizonMs, out e)) return Exhausted(horizon);
                    if (_cancelled.Count == 0 || !_cancelled.Contains(e.Sequence)) break;
                    NoteSkipped(in e);
                }
                if (e.Time >= _skippedMinTime) ForgetSkippedBefore(e.Time, e.Sequence);
                Now = new SimTime(e.Time);
                _currentSequence = e.Sequence;
                ProcessedEvents++;
                _fingerprint = (_fingerprint ^ (ulong)e.Time) * 0x100000001b3UL;
                _fingerprint = (_fingerprint ^ (((ulong)(uint)e.Kind << 32) | (uint)e.Target)) * 0x100000001b3UL;
                handler.Handle(in e);
                if (until is not null && until()) return StopReason.Stopped;
            }
        }
    }

    /// <summary>Moves the clock forward to <paramref name="time"/> when no event is pending before it (after a run that
    /// returned <see cref="StopReason.Empty"/>, so that time-integrated measures cover the whole horizon).</summary>
    /// <exception cref="InvalidOperationException">An event is still pending before <paramref name="time"/>.</exception>
    public void AdvanceTo(SimTime time)
    {
        if (time <= Now) return;
        if (TryPeekNextTime(out var next) && next < time)
            throw new InvalidOperationException($"cannot advance the clock to {time}: an event is pending at {next}");
        Now = time;
        if (_queue.Count == 0) _queue.ResetFloor(Now.Milliseconds);
    }

    /// <summary>Nothing left to run up to the horizon. The queue's floor may stand above the clock (skipped cancelled events,
    /// or a bucket opened up to the horizon): put it back at the clock if the queue is empty, else move the clock to the horizon,
    /// so that scheduling from <see cref="Now"/> on stays legal.</summary>
    private StopReason Exhausted(SimTime horizon)
    {
        if (_queue.Count == 0)
        {
            _queue.ResetFloor(Now.Milliseconds);
            return StopReason.Empty;
        }
        if (horizon > Now) Now = horizon;
        return StopReason.Horizon;
    }

    /// <summary>A cancelled event left the queue without running: keep it in the cancelled set until the clock is past it.</summary>
    private void NoteSkipped(in Event e)
    {
        if (_skippedCount == _skipped.Length) Array.Resize(ref _skipped, _skipped.Length * 2);
        _skipped[_skippedCount++] = (e.Time, e.Sequence);
        if (e.Time < _skippedMinTime) _skippedMinTime = e.Time;
    }

    /// <summary>Drops the skipped events that precede (time, sequence), the event being dispatched, from the cancelled set.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ForgetSkippedBefore(long time, long sequence)
    {
        int kept = 0;
        long min = long.MaxValue;
        for (int k = 0; k < _skippedCount; k++)
        {
            var s = _skipped[k];
            if (s.Time < time || (s.Time == time && s.Sequence < sequence))
            {
                _cancelled.Remove(s.Sequence);
            }
            else
            {
                _skipped[kept++] = s;
                min = Math.Min(min, s.Time);
            }
        }
        _skippedCount = kept;
        _skippedMinTime = min;
    }

    /// <summary>Runs the loop with a class handler (convenience overload).</summary>
    public StopReason Run(IEventHandler handler, SimTime horizon, long eventBudget = long.MaxValue, CancellationToken cancellation = default) =>
        Run(ref handler, horizon, eventBudget, cancellation);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowPast(SimTime at) =>
        throw new InvalidOperationException($"cannot schedule an event at {at} ({at.Milliseconds} ms): the clock is already at {Now} ({Now.Milliseconds} ms)");
}
