namespace DeploySim.Scenarios;

/// <summary>State of one scenario read: the problems found so far, file access and the keys the mapper asked for.</summary>
internal sealed class ReadContext(ScenarioFiles files)
{
    public List<ScenarioError> Errors { get; } = [];

    /// <summary>What is accepted but worth saying (an appspec key the agent ignores, a script with no <c>scripts:</c> entry).</summary>
    public List<ScenarioError> Warnings { get; } = [];
    public ScenarioFiles Files { get; } = files;

    /// <summary>Every <c>shape.key</c> the mapper read (whether present or not): the schema drift test compares it.</summary>
    public HashSet<string> ReadKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>True once the error list is full: skip costly checks (did-you-mean) from then on.</summary>
    public bool Full => Errors.Count >= ScenarioError.MaxErrors;

    public void Error(YamlNode at, string field, string message) =>
        ScenarioError.Report(Errors, new ScenarioError(at.Source, at.Line, at.Column, field, message));

    public void Warn(YamlNode at, string field, string message) =>
        ScenarioError.Report(Warnings, new ScenarioError(at.Source, at.Line, at.Column, field, message));

    /// <summary>Field path of <paramref name="key"/> under <paramref name="path"/>: <c>a.b</c>, or <c>a[key.with.dots]</c>.</summary>
    public static string Join(string path, string key)
    {
        if (key.AsSpan().IndexOfAny(".[]=\"' ") < 0 && key.Length > 0) return path.Length == 0 ? key : $"{path}.{key}";
        string bracket = !key.Contains(']', StringComparison.Ordinal) && !key.StartsWith('"') && !key.StartsWith('\'') ? $"[{key}]"
            : !key.Contains('"', StringComparison.Ordinal) ? $"[\"{key}\"]"
            : $"['{key}']";
        return path + bracket;
    }

    public static string Join(string path, int index) => $"{path}[{index}]";
}
