using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary>The strategy names used on the command line: the same as in reports (<see cref="ReportNames"/>).</summary>
internal static class StrategyNames
{
    public static string Of(StrategyKind kind) => ReportNames.Of(kind);

    public static bool TryParse(string name, out StrategyKind kind)
    {
        foreach (var k in Enum.GetValues<StrategyKind>())
        {
            if (string.Equals(Of(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Parses <c>in-place,blue-green</c>; every strategy when the option is not given. Duplicates are dropped;
    /// an unknown name or an empty list is a usage error.</summary>
    public static IReadOnlyList<StrategyKind> ParseList(string? text, string command)
    {
        var all = Enum.GetValues<StrategyKind>();
        if (text is null) return all;
        var list = new List<StrategyKind>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(name, out var kind))
            {
                var names = all.Select(Of).ToList();
                throw new UsageException($"--strategies: unknown strategy '{name}'{DidYouMean.Hint(name, names)}", command);
            }
            if (!list.Contains(kind)) list.Add(kind);
        }
        if (list.Count == 0) throw new UsageException("--strategies: the list is empty; expected e.g. in-place,blue-green,graceful-restart", command);
        return list;
    }
}
