namespace DeploySim.Scenarios;

/// <summary>Suggests the allowed name closest to a misspelt one (case-insensitive Levenshtein distance).</summary>
internal static class DidYouMean
{
    private const int MaxInputLength = 100;

    /// <summary>The closest candidate within a third of its length (at least 2 edits), or null.</summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        if (input.Length > MaxInputLength) return null;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = Distance(input, c);
            if (d < bestDistance && d <= Math.Max(2, c.Length / 3))
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>"; did you mean 'x'?" when a candidate is close, otherwise "; expected one of: a, b, c".</summary>
    public static string Hint(string input, IReadOnlyCollection<string> candidates)
    {
        var s = Suggest(input, candidates);
        if (s is not null) return $"; did you mean '{s}'?";
        return candidates.Count == 0 ? "" : $"; expected one of: {string.Join(", ", candidates)}";
    }

    /// <summary>Levenshtein distance ignoring ASCII case. O(|a|·|b|) time, O(|b|) memory.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            char ca = char.ToLowerInvariant(a[i - 1]);
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = ca == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
