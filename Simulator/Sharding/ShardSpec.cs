using System.Globalization;
using System.Text.Json.Serialization;

namespace DeploySim.Sharding;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (1-based): which part of a command's work one process runs.</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Most shards one command splits into.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The shard's directory under <c>--out</c>: <c>shard-K-of-N</c>.</summary>
    [JsonIgnore]
    public string DirectoryName => string.Create(CultureInfo.InvariantCulture, $"shard-{Index}-of-{Count}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>K/N</c> with 1 ≤ K ≤ N ≤ <see cref="MaxCount"/>; null with a message otherwise.</summary>
    public static ShardSpec? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !TryCount(parts[0], out int k) || !TryCount(parts[1], out int n))
        {
            error = $"'{text}' is not K/N (e.g. 2/8: the second of eight shards, counted from 1)";
            return null;
        }
        if (k > n)
        {
            error = $"'{text}': the shard index {k} is above the shard count {n} (shards are counted from 1)";
            return null;
        }
        return new ShardSpec(k, n);
    }

    /// <summary>A whole number from 1 to <see cref="MaxCount"/>.</summary>
    public static bool TryCount(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= MaxCount;

    /// <summary>Parses <c>shard-K-of-N</c>; null for any other name.</summary>
    public static ShardSpec? FromDirectoryName(string name)
    {
        var parts = name.Split('-');
        return parts.Length == 4 && parts[0] == "shard" && parts[2] == "of" && TryCount(parts[1], out int k) && TryCount(parts[3], out int n) && k <= n
            ? new ShardSpec(k, n)
            : null;
    }
}
