using System.Globalization;

namespace DeploySim.Scenarios;

/// <summary>One <c>--set path=value</c> override. The path names a field the way errors do:
/// <c>unicorn.workers</c>, <c>targetGroups[0].healthCheck.interval</c>, <c>deployment.scripts[codedeploy/setup-wait.sh].action</c>,
/// <c>fleets[api].unicorn.workers</c> (a bracketed non-number is a key: of a mapping, or on a list the item with that
/// <c>name</c>; quote it, <c>["a]b"]</c>, if it holds a bracket). The value is YAML:
/// <c>5s</c>, <c>[api, internal-api]</c>, <c>{ lognormal: { median: 40s, p90: 90s } }</c>.</summary>
public readonly record struct ScenarioOverride(string Path, string Value)
{
    /// <summary>Longest path accepted, in segments.</summary>
    public const int MaxSegments = 64;

    /// <summary>Parses <c>path=value</c>; throws <see cref="ScenarioException"/> naming the problem.</summary>
    public static ScenarioOverride Parse(string text) =>
        TryParse(text, out var result, out var error) ? result : throw new ScenarioException(error!);

    public static bool TryParse(string text, out ScenarioOverride result, out ScenarioError? error)
    {
        result = default;
        int eq = SplitIndex(text);
        if (eq < 0)
        {
            error = new ScenarioError(ScenarioDocument.OverrideSource, 0, 0, "", $"'{text}' is not path=value (e.g. unicorn.workers=12)");
            return false;
        }
        result = new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..]);
        if (!TryParsePath(result.Path, out _, out var message))
        {
            error = new ScenarioError(ScenarioDocument.OverrideSource, 0, 0, result.Path, message);
            return false;
        }
        error = null;
        return true;
    }

    public override string ToString() => $"{Path}={Value}";

    /// <summary>The first '=' outside brackets and quotes.</summary>
    private static int SplitIndex(string text)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (depth > 0 && c is '"' or '\'') quote = c;
            else if (c == '[') depth++;
            else if (c == ']') depth = Math.Max(0, depth - 1);
            else if (c == '=' && depth == 0) return i;
        }
        return -1;
    }

    /// <summary>A segment of a path: a mapping key, or a list index when <see cref="Index"/> ≥ 0.</summary>
    internal readonly record struct Segment(string Key, int Index)
    {
        public bool IsIndex => Index >= 0;
    }

    internal static bool TryParsePath(string path, out List<Segment> segments, out string error)
    {
        segments = [];
        error = "";
        int pos = 0;
        if (path.Length == 0)
        {
            error = "empty path";
            return false;
        }
        while (pos < path.Length)
        {
            if (segments.Count >= MaxSegments)
            {
                error = $"path longer than {MaxSegments} segments";
                return false;
            }
            if (path[pos] == '[')
            {
                int start = ++pos;
                string content;
                if (pos < path.Length && path[pos] is '"' or '\'')
                {
                    char q = path[pos];
                    int close = path.IndexOf(q, pos + 1);
                    if (close < 0 || close + 1 >= path.Length || path[close + 1] != ']')
                    {
                        error = $"unterminated [{q}...{q}] at character {start}";
                        return false;
                    }
                    content = path[(pos + 1)..close];
                    pos = close + 2;
                    segments.Add(new Segment(content, -1));
                }
                else
                {
                    int close = path.IndexOf(']', pos);
                    if (close < 0)
                    {
                        error = $"unterminated '[' at character {start}";
                        return false;
                    }
                    content = path[pos..close];
                    pos = close + 1;
                    if (content.Length == 0)
                    {
                        error = $"empty [] at character {start}";
                        return false;
                    }
                    bool isIndex = content.All(char.IsAsciiDigit);
                    if (isIndex && !int.TryParse(content, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        error = $"index [{content}] is too large";
                        return false;
                    }
                    segments.Add(isIndex ? new Segment("", int.Parse(content, CultureInfo.InvariantCulture)) : new Segment(content, -1));
                }
            }
            else
            {
                int end = pos;
                while (end < path.Length && path[end] is not ('.' or '[' or ']')) end++;
                if (end == pos)
                {
                    error = $"empty field name at character {pos + 1}";
                    return false;
                }
                segments.Add(new Segment(path[pos..end], -1));
                pos = end;
            }
            if (pos < path.Length)
            {
                if (path[pos] == '.')
                {
                    pos++;
                    if (pos == path.Length || path[pos] == '[')
                    {
                        error = $"empty field name at character {pos + 1}";
                        return false;
                    }
                }
                else if (path[pos] != '[')
                {
                    error = $"unexpected '{path[pos]}' at character {pos + 1}";
                    return false;
                }
            }
        }
        return true;
    }
}
