using DeploySim.Import;
using DeploySim.Scenarios;
using DeploySim.Tests.Architecture;
using DeploySim.Model;
using DeploySim.Metrics;

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
    public void Accepted_ImportsInlineAndTheScenarioRunsAlone(string file)
    {
        using var dir = new ScratchDirectory();
        var path = Path.Combine(AppSpecDirectory("accepted"), file);
        var plan = ScenarioImporter.Build(new ImportRequest { AppSpec = path, Out = dir.File("imported.yaml") });
        var imported = ScenarioDocument.Parse(plan.Text, "imported.yaml", dir.Path).ToScenario() with { Replications = 1 };
        var fromFile = ScenarioDocument.Parse($"deployment: {{ appspec: {file} }}\n", "real.yaml", AppSpecDirectory("accepted")).ToScenario();
        Assert.Multiple(() =>
        {
            Assert.That(plan.AppSpecCopy, Is.Null, "no side file");
            Assert.That(plan.Notes, Has.None.Contains("not written inline"));
            Assert.That(imported.Fleet.Deployment.FromAppSpec, Is.True);
            Assert.That(Hooks(imported), Is.EqualTo(Hooks(fromFile)), "the inline appspec runs the file's scripts with their timeouts");
            Assert.That(ScenarioRunner.RunOne(imported).Item1.Outcome, Is.Not.EqualTo(DeploymentOutcome.Unfinished));
        });
    }

    private static string[] Hooks(Scenario s) =>
        [.. s.Fleet.Deployment.Hooks.SelectMany(kv => kv.Value.Select(h => $"{kv.Key} {h.Location} {h.Timeout.TotalSeconds}"))];

    [TestCaseSource(nameof(Rejected))]
    public void Rejected_InlineFailsWithTheAgentsReasonAtItsPlaceInTheScenario(string file, string position, string field, string message)
    {
        // The file's lines, indented by 4 under deployment.appspec (two lines above): line + 2, column + 4.
        var lines = File.ReadAllText(Path.Combine(AppSpecDirectory("rejected"), file)).Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var text = "deployment:\n  appspec:\n" + string.Concat(lines.Select(l => l.Length == 0 ? "\n" : "    " + l + "\n"));
        var e = ScenarioDocument.Parse(text, "inline.yaml", AppSpecDirectory("rejected")).Validate().Single();
        var at = position.Split(':').Select(int.Parse).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo("inline.yaml"));
            Assert.That((e.Line, e.Column), Is.EqualTo((at[0] + 2, at[1] + 4)), e.ToString());
            Assert.That(e.Field, Is.EqualTo(field.Length == 0 ? "deployment.appspec" : "deployment.appspec." + field), e.ToString());
            Assert.That(e.Message, Does.StartWith(message), e.ToString());
        });
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
