using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>Bad input: each problem is reported with file, line, column, field path and a clear message.</summary>
public sealed partial class BadInputTests
{
    [Test]
    public void Validate_TabInIndentation_PointsAtTheTabsLine()
    {
        var e = SingleError("name: t\nseed: 1\ninstances:\n\tmemory: 8GiB\n");
        Assert.That((e.Line, e.Column), Is.EqualTo((4, 1)), e.ToString());
        Assert.That(e.Message, Does.Contain("tab in the indentation"));
    }

    [Test]
    public void Validate_UnknownField_SuggestsTheClosestName()
    {
        var e = SingleError("name: t\nunicorn:\n  workerz: 4\n");
        AssertError(e, 3, 3, "unicorn.workerz", "unknown field 'workerz'; did you mean 'workers'?");
        Assert.That(e.ToString(), Is.EqualTo("test.yaml:3:3: unicorn.workerz: unknown field 'workerz'; did you mean 'workers'?"));
    }

    [Test]
    public void Validate_UnknownFieldWithNothingClose_ListsTheAllowedNames() =>
        AssertError(SingleError("name: t\ntraffic:\n  zzzzzzzzzz: 1\n"), 3, 3, "traffic.zzzzzzzzzz",
            "unknown field 'zzzzzzzzzz'; expected one of: requestsPerSecond, profile");

    [Test]
    public void Validate_UnknownTopLevelFieldInOtherCase_SuggestsTheCamelCaseName() =>
        AssertError(SingleError("name: t\nAutoscaling: {}\n"), 2, 1, "Autoscaling", "did you mean 'autoScaling'?");

    [Test]
    public void Validate_TextWhereNumberExpected_ReportsWrongType() =>
        AssertError(SingleError("name: t\nunicorn:\n  workers: many\n"), 3, 12, "unicorn.workers", "wrong type: expected a whole number, got 'many'");

    [Test]
    public void Validate_QuotedNumber_ReportsWrongType() =>
        AssertError(SingleError("name: t\nreplications: \"12\"\n"), 2, 15, "replications", "wrong type: expected a whole number, got the string \"12\"");

    [Test]
    public void Validate_MappingWhereDurationExpected_ReportsWrongType() =>
        AssertError(SingleError("name: t\nhorizon: { hours: 1 }\n"), 2, 10, "horizon", "wrong type: expected a duration such as 30s, got a mapping");

    [Test]
    public void Validate_ScalarWhereSectionExpected_ReportsWrongType() =>
        AssertError(SingleError("name: t\nunicorn: 8\n"), 2, 10, "unicorn", "wrong type: expected a mapping of unicorn fields, got '8'");

    [Test]
    public void Validate_EmptyValue_SaysThereIsNoValue() =>
        AssertError(SingleError("name: t\nhorizon:\n"), 2, 9, "horizon", "no value: expected a duration");

    [Test]
    public void Validate_BooleanFieldWithYes_ReportsWrongType() =>
        AssertError(SingleError("name: t\nopsWorks: { enabled: yes }\n"), 2, 22, "opsWorks.enabled", "wrong type: expected true or false, got 'yes'");

    [Test]
    public void Load_MissingName_NamesTheScenarioAfterItsFile() =>
        Assert.That(ScenarioLoader.LoadText("seed: 1\n", "dir/my-fleet.yaml", ".").Name, Is.EqualTo("my-fleet"));

    [Test]
    public void Validate_TargetGroupWithoutName_ReportsRequiredFieldAtTheItem() =>
        AssertError(SingleError("name: t\ntargetGroups:\n  - deregistrationDelay: 10s\n"), 3, 5, "targetGroups[0].name", "missing required field 'name'");

    [Test]
    public void Validate_DuplicateKey_ReportsTheSecondWithTheFirstLine() =>
        AssertError(SingleError("name: t\nseed: 1\nseed: 2\n"), 3, 1, "seed", "duplicate key 'seed' (first at line 2)");

    [Test]
    public void Validate_DuplicateKeyInFlowMapping_ReportsItsPath() =>
        AssertError(SingleError("name: t\nunicorn: { workers: 1, workers: 2 }\n"), 2, 24, "unicorn.workers", "duplicate key 'workers'");

    [Test]
    public void Validate_EmptyFile_SaysItIsEmpty()
    {
        foreach (var text in new[] { "", "\n\n", "# only a comment\n", "---\n" })
            AssertError(SingleError(text), 1, 1, "", "the file is empty");
    }

    [Test]
    public void Validate_RootIsAList_ReportsWrongType() =>
        AssertError(SingleError("- name: t\n"), 1, 1, "", "wrong type: expected a mapping of scenario fields, got a list");

    [Test]
    public void Validate_NotYaml_ReportsTheParserPosition()
    {
        var e = SingleError("name: t\nseed: 'unterminated\n");
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo(TestFile));
            Assert.That(e.Line, Is.EqualTo(2).Or.EqualTo(3), e.ToString());
            Assert.That(e.Message, Does.StartWith("not valid YAML: "));
        });
        AssertError(SingleError("name: t\n  bad: indentation: here\n"), 2, 6, "", "not valid YAML: ");
    }

    [Test]
    public void Validate_UnterminatedFlowList_ReportsAnErrorNotACrash()
    {
        var e = SingleError("name: t\ntargetGroups: [ { name: a }\nseed: 3\n");
        Assert.That(e.Message, Does.StartWith("not valid YAML"));
        Assert.That(e.Line, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Validate_TwoDocuments_ReportsTheSecond() =>
        AssertError(SingleError("name: t\n---\nname: u\n"), 2, 1, "", "expected one YAML document");

    [Test]
    public void Validate_UnknownAlias_ReportsIt() =>
        AssertError(SingleError("name: *nope\n"), 1, 7, "", "unknown alias '*nope'");

    [Test]
    public void Validate_NonScalarKey_ReportsIt() =>
        AssertError(SingleError("name: t\n[a, b]: 1\n"), 2, 1, "", "a key must be a plain name, got a list");

    [Test]
    public void Validate_SeveralProblems_ReportsAllInFileOrder()
    {
        var errors = Errors("name: t\nreplications: 0\nunicorn:\n  workers: 0\n  bootTime: 5\ntargetGroups:\n  - name: api\n    healthCheck: { interval: 1s }\n");
        Assert.That(errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[]
        {
            (2, "replications"), (4, "unicorn.workers"), (5, "unicorn.bootTime"), (8, "targetGroups[0].healthCheck.interval"),
        }), string.Join("\n", errors));
    }

    [Test]
    public void Load_BadFile_ThrowsScenarioExceptionListingEveryError()
    {
        var ex = Assert.Throws<ScenarioException>(() => Load("name: t\nseed: -1\nhorizon: 0s\n"));
        Assert.That(ex!.Errors, Has.Count.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("test.yaml:2:7: seed: -1 is out of range").And.Contain("test.yaml:3:10: horizon: 0s is out of range: must be more than zero"));
    }

    [Test]
    public void Load_MissingFile_ThrowsScenarioExceptionWithTheFileName()
    {
        var path = Path.Combine(FixturesDirectory, "no-such-scenario.yaml");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Errors.Single().File, Is.EqualTo(path));
        Assert.That(ex.Errors.Single().Message, Does.StartWith("file not found"));
    }
}
