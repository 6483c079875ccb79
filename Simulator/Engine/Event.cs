using System.Runtime.InteropServices;

namespace DeploySim.Engine;

/// <summary>A scheduled event: a small value stored inline in the queue, dispatched by a <c>switch</c> on <see cref="Kind"/>.</summary>
/// <remarks>Ordered by (<see cref="Time"/>, <see cref="Sequence"/>): events at the same time run in the order they were scheduled.
/// The engine gives no meaning to <see cref="Kind"/>, <see cref="Target"/> or <see cref="Arg"/>: the world does.</remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Event(long time, long sequence, int kind, int target, long arg)
{
    /// <summary>Simulated time in milliseconds.</summary>
    public readonly long Time = time;
    /// <summary>Insertion order, unique within a run: the tie-breaker.</summary>
    public readonly long Sequence = sequence;
    public readonly int Kind = kind;
    /// <summary>Usually an entity index (an instance, a target group).</summary>
    public readonly int Target = target;
    /// <summary>One argument: a generation counter, an index, a packed pair.</summary>
    public readonly long Arg = arg;

    public SimTime At => new(Time);

    /// <summary>True when this event runs before <paramref name="other"/>.</summary>
    public bool Precedes(in Event other) => Time < other.Time || (Time == other.Time && Sequence < other.Sequence);

    public override string ToString() => $"{At} #{Sequence} kind={Kind} target={Target} arg={Arg}";
}

/// <summary>Identifies a scheduled event so that it can be cancelled.</summary>
public readonly record struct EventHandle(long Time, long Sequence)
{
    public static readonly EventHandle None = new(-1, -1);
    public bool IsNone => Sequence < 0;
}
