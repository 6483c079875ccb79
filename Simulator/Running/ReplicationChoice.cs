using System.Globalization;
using DeploySim.Metrics;

namespace DeploySim.Running;

/// <summary>Which replication the plots and files that show one replication draw (<c>--replication N|worst|median</c>):
/// a number (1-based, as everywhere the user sees one), the worst or the median, chosen from the run's own results.</summary>
/// <remarks>
/// The replications are ordered from worst to best by <see cref="Severity"/>: lowest minimum serving capacity (of the
/// weakest target group) first; on a tie, the most requests lost (failed plus unserved); then the lowest number. "worst"
/// is the first of that order, "median" the one in the middle (rank ⌊(n − 1) / 2⌋ of n). Thread-safe (immutable).
/// </remarks>
public readonly record struct ReplicationChoice
{
    private ReplicationChoice(string text, int number) => (Text, Number) = (text, number);

    /// <summary>As the user wrote it: a number, <c>worst</c> or <c>median</c>.</summary>
    public string Text { get; }

    /// <summary>The 1-based replication number; 0 for worst or median.</summary>
    public int Number { get; }

    public static readonly ReplicationChoice Worst = new("worst", 0);
    public static readonly ReplicationChoice Median = new("median", 0);

    /// <summary>Replication <paramref name="number"/> (1-based).</summary>
    public static ReplicationChoice Of(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new(number.ToString(CultureInfo.InvariantCulture), number);
    }

    /// <summary>Reads <c>N</c> (a whole number from 1), <c>worst</c> or <c>median</c>; false for anything else.</summary>
    public static bool TryParse(string text, out ReplicationChoice choice)
    {
        string t = text.Trim();
        choice = default;
        if (t.Equals("worst", StringComparison.OrdinalIgnoreCase)) choice = Worst;
        else if (t.Equals("median", StringComparison.OrdinalIgnoreCase)) choice = Median;
        else if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1) choice = Of(n);
        else return false;
        return true;
    }

    /// <summary>The 0-based replication this choice names among <paramref name="results"/> (in replication order).
    /// A number beyond the run's replications throws <see cref="ArgumentOutOfRangeException"/> (callers check first).</summary>
    public int Pick(IReadOnlyList<ReplicationResult> results)
    {
        ArgumentOutOfRangeException.ThrowIfZero(results.Count);
        if (Number > 0)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Number, results.Count);
            return results[Number - 1].Replication;
        }
        var keys = results.Select(Key.Of).ToList();
        keys.Sort();
        return keys[this == Median ? (keys.Count - 1) / 2 : 0].Replication;
    }

    public override string ToString() => Text;

    /// <summary>Orders replications from worst to best: lower minimum serving capacity, then more requests failed or
    /// unserved, then the lower replication number.</summary>
    public static readonly IComparer<ReplicationResult> Severity = Comparer<ReplicationResult>.Create((a, b) => Key.Of(a).CompareTo(Key.Of(b)));

    /// <summary>What <see cref="Severity"/> orders by, kept per replication by a streamed run's median.</summary>
    internal readonly record struct Key(double MinServingCapacityPct, double LostRequests, int Replication) : IComparable<Key>
    {
        public static Key Of(ReplicationResult r) => new(r.MinServingCapacityPct, r.FailedRequests + r.UnservedRequests, r.Replication);

        public int CompareTo(Key other)
        {
            int c = MinServingCapacityPct.CompareTo(other.MinServingCapacityPct);
            if (c != 0) return c;
            c = other.LostRequests.CompareTo(LostRequests);
            return c != 0 ? c : Replication.CompareTo(other.Replication);
        }
    }
}

/// <summary>Picks a <see cref="ReplicationChoice"/> from replications seen one at a time (a streamed run keeps no
/// results): a number needs nothing, worst keeps the worst so far, median the ordering figures of each (24 bytes).</summary>
public sealed class ReplicationPicker(ReplicationChoice choice)
{
    private readonly List<ReplicationChoice.Key> _keys = [];
    private ReplicationChoice.Key? _worst;

    public void Add(ReplicationResult r)
    {
        if (choice.Number > 0) return;
        var key = ReplicationChoice.Key.Of(r);
        if (choice == ReplicationChoice.Median) _keys.Add(key);
        else if (_worst is not { } w || key.CompareTo(w) < 0) _worst = key;
    }

    /// <summary>The 0-based replication chosen.</summary>
    public int Picked()
    {
        if (choice.Number > 0) return choice.Number - 1;
        if (_worst is { } w) return w.Replication;
        if (_keys.Count == 0) return 0;
        _keys.Sort();
        return _keys[(_keys.Count - 1) / 2].Replication;
    }
}
