namespace DeploySim.Scenarios;

/// <summary>State of one scenario read: the problems found so far, file access and the keys the mapper asked for.</summary>
internal sealed class ReadContext(ScenarioFiles files)
{
    private string _prefix = "";

    public List<ScenarioError> Errors { get; private init; } = [];

    /// <summary>What is accepted but worth saying (an appspec key the agent ignores, a script with no <c>scripts:</c> entry).</summary>
    public List<ScenarioError> Warnings { get; private init; } = [];
    public ScenarioFiles Files { get; } = files;

    /// <summary>Every <c>shape.key</c> the mapper read (whether present or not): the schema drift test compares it.</summary>
    public HashSet<string> ReadKeys { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>The same read, with every field named under <paramref name="prefix"/> (an appspec written inline in a
    /// scenario reports <c>deployment.appspec.hooks...</c>, the field's place in the scenario).</summary>
    public ReadContext Under(string prefix) => new(Files) { Errors = Errors, Warnings = Warnings, ReadKeys = ReadKeys, _prefix = _prefix.Length == 0 ? prefix : $"{_prefix}.{prefix}" };

    /// <summary>True once the error list is full: skip costly checks (did-you-mean) from then on.</summary>
    public bool Full => Errors.Count >= ScenarioError.MaxErrors;

    public void Error(YamlNode at, string field, string message) =>
        ScenarioError.Report(Errors, new ScenarioError(at.Source, at.Line, at.Column, Prefixed(field), message));

    public void Warn(YamlNode at, string field, string message) =>
        ScenarioError.Report(Warnings, new ScenarioError(at.Source, at.Line, at.Column, Prefixed(field), message));

    private string Prefixed(string field) => _prefix.Length == 0 ? field : field.Length == 0 ? _prefix : field.StartsWith('[') ? _prefix + field : $"{_prefix}.{field}";

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
