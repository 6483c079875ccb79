using DeploySim.Import;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using DeploySim.Model;

namespace DeploySim.Tests.Import;

/// <summary>The real-input corpus (Simulator.Tests/Import/Real, see its README): every appspec the CodeDeploy agent
/// accepts imports, validates and runs; every one it rejects fails with the agent's reason at file:line:column.</summary>
public sealed class RealAppSpecTests
{
    private static string AppSpecDirectory(string kind) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Real", "appspec", kind);

    public static IEnumerable<string> Accepted() =>
        Directory.GetFiles(AppSpecDirectory("accepted"), "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IEnumerable<TestCaseData> Rejected() =>
        File.ReadAllLines(Path.Combine(AppSpecDirectory("rejected"), "expected.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new TestCaseData(f[0], f[1], f[2], f[4]).SetName($"Rejected_{f[0]}"));

    [Test]
    public void Corpus_HasEveryAcceptedAndRejectedFileListed()
    {
        Assert.That(Accepted().Count(), Is.GreaterThanOrEqualTo(18));
        var listed = Rejected().Select(t => (string)t.Arguments[0]!).ToHashSet();
        Assert.That(Directory.GetFiles(AppSpecDirectory("rejected"), "*.yml").Select(Path.GetFileName), Is.EquivalentTo(listed));
    }

    [TestCaseSource(nameof(Accepted))]
    public void Accepted_ValidatesAndRunsAsTheOnlyDeploymentInput(string file)
    {
        var document = ScenarioDocument.Parse($"deployment: {{ appspec: {file} }}\n", "real.yaml", AppSpecDirectory("accepted"));
        var (errors, _) = document.Check();
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        var scenario = document.ToScenario() with { Replications = 2 };
        var (result, _) = ScenarioRunner.RunOne(scenario);
        Assert.That(result.RolloutSeconds, Is.GreaterThan(0), "the deployment ran");
    }

    [TestCaseSource(nameof(Accepted))]
    public void Accepted_Imports(string file)
    {
        using var dir = new ScratchDirectory();
        var plan = ScenarioImporter.Build(new ImportRequest { AppSpec = Path.Combine(AppSpecDirectory("accepted"), file), Out = dir.File("imported.yaml") });
        Assert.That(plan.Text, Does.Contain("appspec"));
    }

    [TestCaseSource(nameof(Rejected))]
    public void Rejected_FailsWithTheAgentsReasonAtItsPosition(string file, string position, string field, string message)
    {
        var errors = ScenarioDocument.Parse($"deployment: {{ appspec: {file} }}\n", "real.yaml", AppSpecDirectory("rejected")).Validate();
        var e = errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo(file));
            Assert.That($"{e.Line}:{e.Column}", Is.EqualTo(position), e.ToString());
            Assert.That(e.Field, Is.EqualTo(field), e.ToString());
            Assert.That(e.Message, Does.StartWith(message), e.ToString());
        });
    }

    [TestCaseSource(nameof(Rejected))]
    public void Rejected_ImportFailsWithTheAgentsReason(string file, string position, string field, string message)
    {
        using var dir = new ScratchDirectory();
        var ex = Assert.Throws<ScenarioException>(() =>
            ScenarioImporter.Build(new ImportRequest { AppSpec = Path.Combine(AppSpecDirectory("rejected"), file), Out = dir.File("imported.yaml") }));
        Assert.That(ex!.Errors.Select(e => e.Message), Has.Some.StartsWith(message));
    }
}
