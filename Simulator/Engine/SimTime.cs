namespace DeploySim.Engine;

/// <summary>A point in simulated time: whole milliseconds since the start of the run. <c>default</c> is the start.</summary>
/// <remarks>Immutable and thread-safe. Only meaningful operators exist: time + duration, time − time = duration.</remarks>
public readonly record struct SimTime(long Milliseconds) : IComparable<SimTime>
{
    public static readonly SimTime Zero;
    public static readonly SimTime MaxValue = new(long.MaxValue / 4);

    public static SimTime FromSeconds(long s) => new(checked(s * 1000));
    public static SimTime At(SimDuration sinceStart) => new(sinceStart.Milliseconds);

    public double TotalSeconds => Milliseconds / 1000.0;
    public double TotalHours => Milliseconds / 3_600_000.0;
    public SimDuration SinceStart => new(Milliseconds);

    public int CompareTo(SimTime other) => Milliseconds.CompareTo(other.Milliseconds);

    public static SimTime operator +(SimTime t, SimDuration d) => new(t.Milliseconds + d.Milliseconds);
    public static SimTime operator -(SimTime t, SimDuration d) => new(t.Milliseconds - d.Milliseconds);
    public static SimDuration operator -(SimTime a, SimTime b) => new(a.Milliseconds - b.Milliseconds);
    public static bool operator <(SimTime a, SimTime b) => a.Milliseconds < b.Milliseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Milliseconds > b.Milliseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Milliseconds <= b.Milliseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Milliseconds >= b.Milliseconds;

    public static SimTime Max(SimTime a, SimTime b) => a >= b ? a : b;
    public static SimTime Min(SimTime a, SimTime b) => a <= b ? a : b;

    /// <summary>Prints the time since the start in the duration format, e.g. <c>1h30m</c>.</summary>
    public override string ToString() => SinceStart.ToString();
}
