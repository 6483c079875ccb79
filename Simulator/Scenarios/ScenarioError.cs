using System.Globalization;

namespace DeploySim.Scenarios;

/// <summary>One problem found while reading a scenario: where it is (file, 1-based line and column; 0 when there is no
/// position, e.g. for a <c>--set</c> override or a missing file), which field (a path such as
/// <c>targetGroups[0].healthCheck.interval</c>, usable with <c>--set</c>) and what is wrong.</summary>
/// <remarks>Immutable and thread-safe. <see cref="ToString"/> prints <c>file:line:column: field.path: message</c>.</remarks>
public sealed record ScenarioError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Most problems reported for one read; the rest are summed up in a last line.</summary>
    public const int MaxErrors = 200;

    private const int MaxMessageLength = 500;

    /// <summary>Adds <paramref name="error"/> unless the list is full (then adds one note saying so); shortens
    /// very long messages (a hostile file can make a value megabytes long).</summary>
    internal static void Report(List<ScenarioError> errors, ScenarioError error)
    {
        if (errors.Count > MaxErrors) return;
        if (errors.Count == MaxErrors)
        {
            errors.Add(error with { Line = 0, Column = 0, Field = "", Message = $"more than {MaxErrors} problems: stopped reporting" });
            return;
        }
        if (error.Message.Length > MaxMessageLength) error = error with { Message = error.Message[..MaxMessageLength] + "..." };
        if (error.Field.Length > MaxMessageLength) error = error with { Field = error.Field[..MaxMessageLength] + "..." };
        errors.Add(error);
    }

    /// <summary><c>file:line:column: field.path: message</c>; the position and the field are left out when unknown.</summary>
    public override string ToString()
    {
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}")
            : File;
        return Field.Length > 0 ? $"{where}: {Field}: {Message}" : $"{where}: {Message}";
    }
}
