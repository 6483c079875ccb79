using System.Diagnostics;
using System.Text;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>Hostile input ends quickly in a clear error: never a hang, a stack overflow or a foreign exception.</summary>
/// <remarks>The work is bounded by counts, and each test asserts the error that shows the count was hit (more than a
/// million alias nodes, nesting deeper than 64, <see cref="ScenarioError.MaxErrors"/> errors). The clock is only a hang
/// guard (<see cref="HangGuard"/>), not a speed limit: the suite runs in parallel on shared machines.</remarks>
public sealed class HostileInputTests
{
    /// <summary>Wall-clock time after which a load counts as hung.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static (IReadOnlyList<ScenarioError> Errors, TimeSpan Elapsed) Timed(string yaml)
    {
        var sw = Stopwatch.StartNew();
        var errors = Errors(yaml);
        return (errors, sw.Elapsed);
    }

    [Test]
    public void Validate_BillionLaughs_StopsQuicklyWithAliasError()
    {
        var sb = new StringBuilder("name: t\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++)
            sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        var (errors, elapsed) = Timed(sb.ToString());
        Assert.That(elapsed, Is.LessThan(HangGuard));
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        Assert.That(errors[0].Message, Does.Contain("expands to more than 1000000 nodes").And.Contain("alias bomb"));
        Assert.That(errors[0].Line, Is.GreaterThan(2));
    }

    [Test]
    public void Validate_AliasesUnderKnownFields_AreResolved()
    {
        var s = Load("name: t\ntargetGroups:\n  - name: a\n    healthCheck: &hc { interval: 10s, timeout: 5s }\n  - name: b\n    healthCheck: *hc\n");
        Assert.That(s.Fleet.TargetGroups[1].HealthCheck.Interval, Is.EqualTo(DeploySim.Engine.SimDuration.FromSeconds(10)));
    }

    [Test]
    public void Validate_SelfReferencingAnchor_IsAnUnknownAlias()
    {
        var e = SingleError("name: t\nx: &a [ *a ]\n");
        AssertError(e, 2, 9, "", "unknown alias '*a'");
    }

    [TestCase(100_000)]
    [TestCase(65)]
    public void Validate_DeepFlowNesting_StopsWithDepthError(int depth)
    {
        var (errors, elapsed) = Timed("name: t\nx: " + new string('[', depth) + new string(']', depth) + "\n");
        Assert.That(elapsed, Is.LessThan(HangGuard));
        AssertError(errors.Single(), 2, 3 + YamlTreeBuilder.MaxDepth, "", "nesting deeper than 64 levels");
    }

    [Test]
    public void Validate_DeepBlockNesting_StopsWithDepthError()
    {
        var sb = new StringBuilder("name: t\n");
        for (int i = 0; i < 5000; i++) sb.Append(' ', i).Append("k:\n");
        sb.Append(' ', 5000).Append("v\n");
        var (errors, elapsed) = Timed(sb.ToString());
        Assert.That(elapsed, Is.LessThan(HangGuard));
        Assert.That(errors.Single().Message, Is.EqualTo("nesting deeper than 64 levels"));
    }

    [Test]
    public void Validate_NestingWithinTheLimit_IsOnlyAnUnknownField()
    {
        var e = SingleError("name: t\nx: " + new string('[', 60) + new string(']', 60) + "\n");
        AssertError(e, 2, 1, "x", "unknown field 'x'");
    }

    [Test]
    public void Validate_HugeNumbersEverywhere_GiveRangeErrors()
    {
        const string big = "123456789012345678901234567890";
        var errors = Errors($"name: t\nreplications: {big}\neventBudget: {big}\ntraffic: {{ requestsPerSecond: 1e999 }}\n"
            + $"autoScaling: {{ desiredCapacity: {big} }}\nhorizon: {big}d\n");
        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "replications", "eventBudget", "traffic.requestsPerSecond", "autoScaling.desiredCapacity", "horizon" }),
            string.Join("\n", errors));
        Assert.That(errors.Where(e => e.Field != "horizon").Select(e => e.Message), Has.All.Contain("is out of range"));
    }

    [Test]
    public void Validate_ThousandsOfUnknownKeys_StopsReportingAtTheLimit()
    {
        var sb = new StringBuilder("name: t\n");
        for (int i = 0; i < 20_000; i++) sb.Append("key").Append(i).Append(": 1\n");
        var (errors, elapsed) = Timed(sb.ToString());
        Assert.That(elapsed, Is.LessThan(HangGuard));
        Assert.That(errors, Has.Count.EqualTo(ScenarioError.MaxErrors + 1));
        Assert.That(errors[^1].Message, Is.EqualTo($"more than {ScenarioError.MaxErrors} problems: stopped reporting"));
        Assert.That(errors[0].Line, Is.EqualTo(2));
    }

    [Test]
    public void Validate_MegabyteValue_GivesAShortMessage()
    {
        var e = SingleError("name: t\nhorizon: " + new string('x', 1_000_000) + "\n");
        Assert.That(e.Message.Length, Is.LessThan(600));
        Assert.That(e.Field, Is.EqualTo("horizon"));
    }

    [Test]
    public void Validate_HugeSizeNumber_IsTooLarge() =>
        AssertError(SingleError("name: t\ninstances: { memory: 1234567890123456789012345MiB }\n"), 2, 22, "instances.memory", "is too large");

    /// <summary>Every prefix of the source article (cut anywhere) is read without any exception but ours.</summary>
    [Test]
    public void Validate_EveryTruncationOfTheArticle_NeverThrows()
    {
        var text = BuiltInScenarios.SourceArticle;
        for (int n = 0; n <= text.Length; n += 3)
        {
            var doc = text[..n];
            Assert.DoesNotThrow(() => ScenarioLoader.ValidateText(doc, "cut.yaml", ScenarioTestSupport.ScenariosDirectory), $"cut at {n}");
        }
    }

    /// <summary>Every single-character corruption at a few hundred positions is read without any exception but ours
    /// (about 7,000 documents: the characters run in parallel, so the test does not end the suite alone on one core).</summary>
    [Test]
    public void Validate_CorruptedCharacters_NeverThrow()
    {
        var text = BuiltInScenarios.SourceArticle;
        var thrown = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.ForEach("[]{}:-&*!|>'\"#%@`,?\t", c =>
        {
            for (int i = 0; i < text.Length; i += 11)
            {
                var doc = text[..i] + c + text[(i + 1)..];
                try
                {
                    ScenarioLoader.ValidateText(doc, "bad.yaml", ScenarioTestSupport.ScenariosDirectory);
                }
                catch (Exception ex)
                {
                    thrown.Enqueue($"'{c}' at {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        });
        Assert.That(thrown, Is.Empty);
    }
}
