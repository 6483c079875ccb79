namespace DeploySim.Scenarios;

/// <summary>The only exception the scenario loader throws: it carries every problem found, in file order.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Describe(errors)) => Errors = errors;

    public ScenarioException(ScenarioError error)
        : this([error])
    {
    }

    /// <summary>Every problem found (at least one).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(IReadOnlyList<ScenarioError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
