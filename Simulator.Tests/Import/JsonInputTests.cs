using System.Text;
using DeploySim.Import;
using DeploySim.Scenarios;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary>Malformed, truncated and wrong-shaped AWS CLI outputs get errors naming the file, the position and the JSON path.</summary>
public sealed class JsonInputTests
{
    private static ScenarioError SingleError(Action read)
    {
        var ex = Assert.Throws<ScenarioException>(() => read())!;
        Assert.That(ex.Errors, Has.Count.EqualTo(1), string.Join("\n", ex.Errors));
        return ex.Errors[0];
    }

    [Test]
    public void Read_TruncatedFile_SaysTruncatedWithThePositionWhereItStops()
    {
        var path = Fixture("malformed/targets-truncated.json");
        var e = SingleError(() => DeploymentHistory.Read([path]));
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo(path));
            Assert.That(e.Line, Is.EqualTo(File.ReadAllText(path).Split('\n').Length), e.ToString());
            Assert.That(e.Message, Does.StartWith("not valid JSON (is the file truncated?)"), e.ToString());
            Assert.That(e.Message, Does.Not.Contain("BytePositionInLine"), "the position is in the error's fields, not repeated in its text");
        });
    }

    [Test]
    public void Read_CliErrorTextInsteadOfJson_NamesLineAndColumn()
    {
        var path = Fixture("malformed/asg-expired-token.json");
        var e = SingleError(() => AwsOutputs.AutoScalingGroups(JsonInput.Read(path)));
        Assert.Multiple(() =>
        {
            Assert.That((e.Line, e.Column), Is.EqualTo((2, 1)), e.ToString());
            Assert.That(e.Message, Does.StartWith("not valid JSON"), e.ToString());
            Assert.That(e.ToString(), Does.StartWith($"{path}:2:1: not valid JSON"));
            Assert.That(e.Message, Does.EndWith("(save the AWS CLI's output as JSON: --output json)"));
        });
    }

    [Test]
    public void Read_EmptyFile_SaysEmpty()
    {
        using var dir = new ScratchDirectory();
        var e = SingleError(() => JsonInput.Read(dir.Write("empty.json", "  \n")));
        Assert.That(e.Message, Does.Contain("the file is empty"));
    }

    [Test]
    public void Read_MissingFile_SaysNotFound()
    {
        var e = SingleError(() => JsonInput.Read(Fixture("no-such-file.json")));
        Assert.That(e.Message, Does.StartWith("file not found"));
    }

    [Test]
    public void Read_TwoDocuments_PointsAtTheSecond()
    {
        using var dir = new ScratchDirectory();
        var e = SingleError(() => JsonInput.Read(dir.Write("two.json", "{}\n{}\n")));
        Assert.Multiple(() =>
        {
            Assert.That((e.Line, e.Column), Is.EqualTo((2, 1)));
            Assert.That(e.Message, Does.Contain("more than one JSON value"));
        });
    }

    [Test]
    public void Read_Utf16WithByteOrderMark_ReadsLikeUtf8()
    {
        using var dir = new ScratchDirectory();
        var path = dir.File("powershell.json");
        File.WriteAllText(path, File.ReadAllText(Fixture("deployment-config-custom.json")), Encoding.Unicode);
        var config = AwsOutputs.DeploymentConfig(JsonInput.Read(path));
        Assert.That((config.Name, config.Type, config.Value), Is.EqualTo(("ElevenOfTwelve", "HOST_COUNT", (int?)11)));
    }

    [Test]
    public void Read_QueryFilteredArray_AsksForTheWholeOutput()
    {
        var e = SingleError(() => AwsOutputs.TargetGroups(JsonInput.Read(Fixture("malformed/target-groups-query.json"))));
        Assert.Multiple(() =>
        {
            Assert.That((e.Line, e.Column), Is.EqualTo((1, 1)));
            Assert.That(e.Message, Does.Contain("expected the output of 'aws elbv2 describe-target-groups'").And.Contain("--query"));
        });
    }

    [TestCase("asg.json", "aws autoscaling describe-auto-scaling-groups", "import --asg")]
    [TestCase("deployment-group-in-place.json", "aws deploy get-deployment-group", "import --deployment-group")]
    [TestCase("targets-in-place-cli-v1.json", "aws deploy batch-get-deployment-targets", "fit --targets")]
    [TestCase("tg-attributes-api.json", "aws elbv2 describe-target-group-attributes", "NAME=FILE")]
    public void Read_OutputOfAnotherCommand_NamesThatCommand(string file, string command, string use)
    {
        var e = SingleError(() => AwsOutputs.LifecycleHooks(JsonInput.Read(Fixture(file))));
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("expected the output of 'aws autoscaling describe-lifecycle-hooks'"));
            Assert.That(e.Message, Does.Contain($"this is the output of '{command}'").And.Contain(use));
            Assert.That((e.Line, e.Column), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public void Read_WrongTypesAndValues_ReportsEachWithItsJsonPath()
    {
        var path = Fixture("malformed/targets-wrong-types.json");
        var ex = Assert.Throws<ScenarioException>(() => DeploymentHistory.Read([path]))!;
        var byField = ex.Errors.ToDictionary(e => e.Field);
        Assert.Multiple(() =>
        {
            var start = byField["deploymentTargets[0].instanceTarget.lifecycleEvents[0].startTime"];
            Assert.That((start.File, start.Line, start.Column), Is.EqualTo((path, 13, 38)), start.ToString());
            Assert.That(start.Message, Does.Contain("expected a time: epoch seconds (AWS CLI v1").And.Contain("ISO 8601"));
            Assert.That(byField["deploymentTargets[0].instanceTarget.lifecycleEvents[1].status"].Message, Does.Contain("'Done' is not a lifecycle event status"));
            Assert.That(byField["deploymentTargets[0].instanceTarget.lifecycleEvents[2]"].Message, Does.Contain("expected an object, got the string \"BeforeInstall\""));
            Assert.That(byField["deploymentTargets[1].instanceTarget.targetId"].Message, Is.EqualTo("missing \"targetId\""));
            Assert.That(byField["deploymentTargets[1].instanceTarget.lifecycleEvents"].Message, Does.Contain("expected an array, got an object"));
            Assert.That(ex.Errors, Has.Count.EqualTo(5), string.Join("\n", ex.Errors));
        });
    }

    [Test]
    public void Read_OutOfRangeAndUnknownValues_ReportsAwsRanges()
    {
        var ex = Assert.Throws<ScenarioException>(() => AwsOutputs.LifecycleHooks(JsonInput.Read(Fixture("malformed/lifecycle-hooks-out-of-range.json"))))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "LifecycleHooks[0].HeartbeatTimeout", "LifecycleHooks[0].DefaultResult" }));
            Assert.That(ex.Errors[0].Message, Is.EqualTo("10 is out of range: expected 30 to 7200"));
            Assert.That(ex.Errors[0].Line, Is.EqualTo(7));
            Assert.That(ex.Errors[1].Message, Is.EqualTo("'RETRY' is not one of ABANDON, CONTINUE"));
        });
    }

    [Test]
    public void Timestamp_EpochAndIsoWithOffset_AreTheSameInstant()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("t.json", """{ "a": 1532009876.123, "b": "2018-07-19T23:17:56.123000+09:00", "c": "2018-07-19T14:17:56.123Z", "d": "1532009876.123" }""");
        var input = JsonInput.Read(path);
        var root = input.Root;
        Assert.Multiple(() =>
        {
            Assert.That(input.Timestamp(root, "a"), Is.EqualTo(1532009876.123).Within(1e-6));
            Assert.That(input.Timestamp(root, "b"), Is.EqualTo(1532009876.123).Within(1e-6));
            Assert.That(input.Timestamp(root, "c"), Is.EqualTo(1532009876.123).Within(1e-6));
            Assert.That(input.Timestamp(root, "d"), Is.EqualTo(1532009876.123).Within(1e-6));
            Assert.That(input.Errors, Is.Empty);
        });
    }
}
