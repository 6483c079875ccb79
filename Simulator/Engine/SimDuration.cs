using System.Globalization;
using System.Text;

namespace DeploySim.Engine;

/// <summary>A length of simulated time in whole milliseconds. <c>default</c> is zero.</summary>
/// <remarks>Immutable and thread-safe. Parses and prints the compact form operators write:
/// <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>.</remarks>
public readonly record struct SimDuration(long Milliseconds) : IComparable<SimDuration>
{
    public static readonly SimDuration Zero;
    public static readonly SimDuration MaxValue = new(long.MaxValue / 4);

    public static SimDuration FromMilliseconds(long ms) => new(ms);
    public static SimDuration FromSeconds(long s) => new(checked(s * 1000));
    public static SimDuration FromMinutes(long m) => new(checked(m * 60_000));
    public static SimDuration FromHours(long h) => new(checked(h * 3_600_000));
    public static SimDuration FromDays(long d) => new(checked(d * 86_400_000));

    /// <summary>Rounds a non-negative number of seconds to the nearest millisecond.</summary>
    public static SimDuration FromSecondsRounded(double seconds) => new((long)Math.Round(seconds * 1000.0, MidpointRounding.AwayFromZero));

    public double TotalSeconds => Milliseconds / 1000.0;
    public double TotalMinutes => Milliseconds / 60_000.0;
    public double TotalHours => Milliseconds / 3_600_000.0;

    public int CompareTo(SimDuration other) => Milliseconds.CompareTo(other.Milliseconds);

    public static SimDuration operator +(SimDuration a, SimDuration b) => new(a.Milliseconds + b.Milliseconds);
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(a.Milliseconds - b.Milliseconds);
    public static SimDuration operator *(SimDuration a, long k) => new(a.Milliseconds * k);
    public static bool operator <(SimDuration a, SimDuration b) => a.Milliseconds < b.Milliseconds;
    public static bool operator >(SimDuration a, SimDuration b) => a.Milliseconds > b.Milliseconds;
    public static bool operator <=(SimDuration a, SimDuration b) => a.Milliseconds <= b.Milliseconds;
    public static bool operator >=(SimDuration a, SimDuration b) => a.Milliseconds >= b.Milliseconds;

    public static SimDuration Max(SimDuration a, SimDuration b) => a >= b ? a : b;
    public static SimDuration Min(SimDuration a, SimDuration b) => a <= b ? a : b;

    private static readonly (string Unit, long Ms)[] s_units =
        [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)];

    public const string ExpectedFormat =
        "a whole number followed by a unit (ms, s, m, h, d), largest unit first, e.g. 250ms, 30s, 5m, 1h30m, 2d";

    /// <summary>Parses <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>; throws <see cref="FormatException"/> with a message saying what is expected.</summary>
    public static SimDuration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    public static bool TryParse(string? text, out SimDuration duration) => TryParse(text, out duration, out _);

    public static bool TryParse(string? text, out SimDuration duration, out string error)
    {
        duration = Zero;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = $"empty duration: expected {ExpectedFormat}";
            return false;
        }
        if (s[0] == '-')
        {
            error = $"negative duration '{s}': durations must be zero or more";
            return false;
        }
        long total = 0;
        int pos = 0, lastUnit = -1;
        while (pos < s.Length)
        {
            int start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
            if (pos == start || pos - start > 15)
            {
                error = $"invalid duration '{s}': expected {ExpectedFormat}";
                return false;
            }
            long value = long.Parse(s.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
            int unitStart = pos;
            while (pos < s.Length && char.IsAsciiLetterLower(s[pos])) pos++;
            int unit = Array.FindIndex(s_units, u => s.AsSpan(unitStart, pos - unitStart).SequenceEqual(u.Unit));
            if (unit < 0 || unit <= lastUnit)
            {
                error = pos == unitStart
                    ? $"invalid duration '{s}': the number {value} has no unit; expected {ExpectedFormat}"
                    : $"invalid duration '{s}': expected {ExpectedFormat}";
                return false;
            }
            lastUnit = unit;
            try
            {
                total = checked(total + checked(value * s_units[unit].Ms));
            }
            catch (OverflowException)
            {
                error = $"duration '{s}' is too large";
                return false;
            }
        }
        if (total > MaxValue.Milliseconds)
        {
            error = $"duration '{s}' is too large";
            return false;
        }
        duration = new SimDuration(total);
        error = "";
        return true;
    }

    /// <summary>Prints the compact form, largest unit first: 90000 ms is <c>1m30s</c>, zero is <c>0s</c>.</summary>
    public override string ToString()
    {
        if (Milliseconds == 0) return "0s";
        var sb = new StringBuilder();
        long rest = Milliseconds;
        if (rest < 0)
        {
            sb.Append('-');
            rest = -rest;
        }
        foreach (var (unit, ms) in s_units)
        {
            if (rest >= ms)
            {
                sb.Append((rest / ms).ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest %= ms;
            }
        }
        return sb.ToString();
    }
}
