namespace DeploySim.Scenarios;

/// <summary>Entry points for reading scenario files. Every problem comes back as a <see cref="ScenarioException"/>
/// (or, from the Validate methods, a list) of <see cref="ScenarioError"/>s formatted <c>file:line:column: field: message</c>;
/// no other exception leaves the loader. Thread-safe.</summary>
/// <remarks>Reading is linear in the file's size: aliases are not expanded (and a document that would expand beyond
/// a million nodes is refused), nesting is limited to 64 levels, files to 16 MiB.</remarks>
public static class ScenarioLoader
{
    /// <summary>Reads the scenario at <paramref name="path"/>, applies <c>path=value</c> overrides, validates and maps it.</summary>
    public static Scenario Load(string path, IEnumerable<string>? overrides = null) =>
        ScenarioDocument.Read(path).With(overrides ?? []).ToScenario();

    /// <summary>As <see cref="Load"/>, for text; <paramref name="displayName"/> names it in errors and relative paths
    /// (appspec, empirical files) resolve against <paramref name="baseDirectory"/>.</summary>
    public static Scenario LoadText(string yaml, string displayName, string baseDirectory, IEnumerable<string>? overrides = null) =>
        ScenarioDocument.Parse(yaml, displayName, baseDirectory).With(overrides ?? []).ToScenario();

    /// <summary>Every problem in the scenario at <paramref name="path"/> with the overrides applied (empty when valid).</summary>
    public static IReadOnlyList<ScenarioError> Validate(string path, IEnumerable<string>? overrides = null) =>
        Collect(() => ScenarioDocument.Read(path).With(overrides ?? []));

    /// <summary>Every problem in scenario text (empty when valid).</summary>
    public static IReadOnlyList<ScenarioError> ValidateText(string yaml, string displayName, string baseDirectory, IEnumerable<string>? overrides = null) =>
        Collect(() => ScenarioDocument.Parse(yaml, displayName, baseDirectory).With(overrides ?? []));

    /// <summary>Every problem and every warning in the scenario at <paramref name="path"/> with the overrides applied.</summary>
    public static (IReadOnlyList<ScenarioError> Errors, IReadOnlyList<ScenarioError> Warnings) Check(string path, IEnumerable<string>? overrides = null)
    {
        try
        {
            return ScenarioDocument.Read(path).With(overrides ?? []).Check();
        }
        catch (ScenarioException ex)
        {
            return (ex.Errors, []);
        }
    }

    private static IReadOnlyList<ScenarioError> Collect(Func<ScenarioDocument> read)
    {
        try
        {
            return read().Validate();
        }
        catch (ScenarioException ex)
        {
            return ex.Errors;
        }
    }
}
