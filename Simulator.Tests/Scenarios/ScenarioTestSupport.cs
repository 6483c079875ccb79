using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;

namespace DeploySim.Tests.Scenarios;

/// <summary>Paths and assertions shared by the scenario tests.</summary>
internal static class ScenarioTestSupport
{
    public const string TestFile = "test.yaml";

    public static string ScenariosDirectory => Path.Combine(LayeringTests.RepositoryRoot(), "scenarios");
    public static string FixturesDirectory => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Scenarios", "Fixtures");

    /// <summary>Every problem in <paramref name="yaml"/>, read as test.yaml in the fixtures folder.</summary>
    public static IReadOnlyList<ScenarioError> Errors(string yaml, params string[] overrides) =>
        ScenarioLoader.ValidateText(yaml, TestFile, FixturesDirectory, overrides);

    public static Scenario Load(string yaml, params string[] overrides) =>
        ScenarioLoader.LoadText(yaml, TestFile, FixturesDirectory, overrides);

    /// <summary>The only problem in <paramref name="yaml"/>.</summary>
    public static ScenarioError SingleError(string yaml, params string[] overrides)
    {
        var errors = Errors(yaml, overrides);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    public static void AssertError(ScenarioError error, int line, int column, string field, string message, string file = TestFile)
    {
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(file), error.ToString());
            Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.ToString());
            Assert.That(error.Field, Is.EqualTo(field), error.ToString());
            Assert.That(error.Message, Does.Contain(message), error.ToString());
        });
    }
}
