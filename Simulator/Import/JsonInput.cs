using System.Globalization;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>Typed reads from one parsed AWS CLI output file. Every problem is collected with the file, the position
/// and the JSON path (<c>file:line:column: AutoScalingGroups[0].MinSize: message</c>); <see cref="ThrowIfErrors"/>
/// turns them into one <see cref="ScenarioException"/> (exit code 1 on the command line).</summary>
/// <remarks>Not thread-safe: one per file read.</remarks>
internal sealed class JsonInput(string file, JsonValue root)
{
    public string File { get; } = file;
    public JsonValue Root { get; } = root;
    public List<ScenarioError> Errors { get; } = [];

    public static JsonInput Read(string path) => new(path, JsonTree.ReadFile(path));

    public void Error(JsonValue at, string message, string? field = null) =>
        ScenarioError.Report(Errors, new ScenarioError(File, at.Line, at.Column, field ?? at.Path, message));

    public void ThrowIfErrors()
    {
        if (Errors.Count > 0) throw new ScenarioException(Errors);
    }

    private JsonValue? Member(JsonValue obj, string name, bool required)
    {
        var v = obj.Get(name);
        if (v is null && required) Error(obj, $"missing \"{name}\"", JsonValue.Join(obj.Path, name));
        return v is { Kind: JsonKind.Null } && !required ? null : v;
    }

    /// <summary>The member <paramref name="name"/> when it is an object (an error when it is something else).</summary>
    public JsonValue? Object(JsonValue obj, string name, bool required = false)
    {
        var v = Member(obj, name, required);
        if (v is null) return null;
        if (v.Kind == JsonKind.Object) return v;
        Error(v, $"wrong type: expected an object, got {v.Describe()}");
        return null;
    }

    /// <summary>The items of the array member <paramref name="name"/> (empty when absent or wrong).</summary>
    public IReadOnlyList<JsonValue> Array(JsonValue obj, string name, bool required = false)
    {
        var v = Member(obj, name, required);
        if (v is null) return [];
        if (v.Kind == JsonKind.Array) return v.Items;
        Error(v, $"wrong type: expected an array, got {v.Describe()}");
        return [];
    }

    public string? String(JsonValue obj, string name, bool required = false)
    {
        var v = Member(obj, name, required);
        if (v is null) return null;
        if (v.Kind == JsonKind.String) return v.Text;
        Error(v, $"wrong type: expected a string, got {v.Describe()}");
        return null;
    }

    /// <summary>An array of strings (items of another type are reported).</summary>
    public IReadOnlyList<string> Strings(JsonValue obj, string name)
    {
        var list = new List<string>();
        foreach (var item in Array(obj, name))
        {
            if (item.Kind == JsonKind.String) list.Add(item.Text);
            else Error(item, $"wrong type: expected a string, got {item.Describe()}");
        }
        return list;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>. AWS writes numbers as JSON
    /// numbers; a string holding one (as target group attributes do) is accepted too.</summary>
    public long? Integer(JsonValue obj, string name, long min, long max, bool required = false) =>
        Member(obj, name, required) is { } v ? Integer(v, min, max) : null;

    public long? Integer(JsonValue v, long min, long max)
    {
        if (v.Kind is not (JsonKind.Number or JsonKind.String)
            || !long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            Error(v, $"wrong type: expected a whole number, got {v.Describe()}");
            return null;
        }
        if (n < min || n > max)
        {
            Error(v, string.Create(CultureInfo.InvariantCulture, $"{n} is out of range: expected {min} to {max}"));
            return null;
        }
        return n;
    }

    /// <summary>A finite number (a JSON number, or a string holding one).</summary>
    public double? Number(JsonValue v)
    {
        if (v.Kind is (JsonKind.Number or JsonKind.String)
            && double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n))
            return n;
        Error(v, $"wrong type: expected a number, got {v.Describe()}");
        return null;
    }

    public bool? Bool(JsonValue obj, string name, bool required = false)
    {
        var v = Member(obj, name, required);
        if (v is null) return null;
        if (v.Kind is JsonKind.True or JsonKind.False) return v.Kind == JsonKind.True;
        Error(v, $"wrong type: expected true or false, got {v.Describe()}");
        return null;
    }

    /// <summary>A time stamp as seconds since 1970-01-01 UTC: the AWS CLI version 1 prints epoch seconds
    /// (<c>1532009876.123</c>), version 2 ISO 8601 text with an offset (<c>2018-07-19T14:17:56.123000+09:00</c>).
    /// Text without an offset is read as UTC.</summary>
    public double? Timestamp(JsonValue obj, string name)
    {
        var v = Member(obj, name, required: false);
        if (v is null) return null;
        if (v.Kind == JsonKind.Number && double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double epoch) && double.IsFinite(epoch))
            return epoch;
        if (v.Kind == JsonKind.String)
        {
            if (double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out epoch) && double.IsFinite(epoch)) return epoch;
            if (DateTimeOffset.TryParse(v.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
                return (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
        }
        Error(v, $"expected a time: epoch seconds (AWS CLI v1, e.g. 1532009876.123) or ISO 8601 (v2, e.g. 2018-07-19T14:17:56.123+09:00), got {v.Describe()}");
        return null;
    }
}
