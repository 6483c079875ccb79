using DeploySim.Engine;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>Distributions: constants, the five shapes, empirical lists and files; durations in milliseconds.</summary>
public sealed class DistributionTests
{
    private static Distribution BootTime(string value) => Load($"name: t\ninstances:\n  bootTime: {value}\n").Fleet.Instances.BootTime;

    [Test]
    public void Load_PlainDuration_IsAConstantInMilliseconds()
    {
        var d = BootTime("1m30s");
        Assert.That((d.Kind, d.ParameterA), Is.EqualTo((DistributionKind.Constant, 90_000.0)));
    }

    [Test]
    public void Load_EachShape_BuildsItInMilliseconds()
    {
        Assert.Multiple(() =>
        {
            var u = BootTime("{ uniform: [20s, 1m] }");
            Assert.That((u.Kind, u.ParameterA, u.ParameterB), Is.EqualTo((DistributionKind.Uniform, 20_000.0, 60_000.0)));
            var n = BootTime("{ normal: { mean: 25s, sd: 500ms } }");
            Assert.That((n.Kind, n.ParameterA, n.ParameterB), Is.EqualTo((DistributionKind.Normal, 25_000.0, 500.0)));
            var l = BootTime("{ lognormal: { median: 40s, p90: 90s } }");
            Assert.That(l.Kind, Is.EqualTo(DistributionKind.LogNormal));
            Assert.That(l.ParameterB, Is.EqualTo(90_000).Within(1e-6));
            var e = BootTime("{ exponential: { mean: 8s } }");
            Assert.That((e.Kind, e.ParameterA), Is.EqualTo((DistributionKind.Exponential, 8_000.0)));
            var m = BootTime("{ empirical: [1s, 2s, 3s] }");
            Assert.That(m.Values, Is.EqualTo(new[] { 1_000.0, 2_000.0, 3_000.0 }));
        });
    }

    [Test]
    public void Load_EmpiricalFile_ReadsValuesSkippingHeaderAndComments()
    {
        var d = BootTime("{ empirical: durations.csv }");
        Assert.That(d.Values, Is.EqualTo(new[] { 300_000.0, 390_000.0, 420_000.0, 495_000.0 }));
    }

    [Test]
    public void Validate_EmpiricalFileWithBadValues_ReportsEachAtItsCsvPosition()
    {
        var errors = Errors("name: t\ninstances:\n  bootTime: { empirical: bad-durations.csv }\n");
        Assert.That(errors, Has.Count.EqualTo(2), string.Join("\n", errors));
        AssertError(errors[0], 2, 1, "instances.bootTime.empirical", "invalid duration '6 minutes'", "bad-durations.csv");
        AssertError(errors[1], 3, 5, "instances.bootTime.empirical", "negative duration '-1s'", "bad-durations.csv");
    }

    [Test]
    public void Validate_MissingEmpiricalFile_ReportsTheResolvedPath()
    {
        var e = SingleError("name: t\ninstances:\n  bootTime: { empirical: data/missing.csv }\n");
        AssertError(e, 3, 26, "instances.bootTime.empirical", "file not found");
        Assert.That(e.Message, Does.Contain(Path.Combine(FixturesDirectory, "data", "missing.csv")));
    }

    [TestCase("{ normal: { mean: 1s } }", 3, 23, "instances.bootTime.normal.sd", "missing required field 'sd'")]
    [TestCase("{ lognormal: { median: 2s, p90: 1s } }", 3, 26, "instances.bootTime.lognormal", "p90 (1000) must be at least the median (2000)")]
    [TestCase("{ uniform: [1s] }", 3, 24, "instances.bootTime.uniform", "expected a list of two values [low, high], got a list of 1")]
    [TestCase("{ uniform: [2s, 1s] }", 3, 24, "instances.bootTime.uniform", "upper bound 1000 is below lower bound 2000")]
    [TestCase("{ exponential: { mean: 0s } }", 3, 28, "instances.bootTime.exponential", "mean must be greater than zero")]
    [TestCase("{ normal: { mean: 1s, sd: 1s }, uniform: [1s, 2s] }", 3, 13, "instances.bootTime", "expected exactly one of uniform, normal, lognormal, exponential, empirical, got uniform and normal")]
    [TestCase("{ logNormal: { median: 2s, p90: 3s } }", 3, 15, "instances.bootTime.logNormal", "unknown field 'logNormal'; did you mean 'lognormal'?")]
    [TestCase("{ normal: { mean: 1s, sd: 1s, p90: 2s } }", 3, 43, "instances.bootTime.normal.p90", "unknown field 'p90'")]
    [TestCase("{ empirical: [] }", 3, 26, "instances.bootTime.empirical", "needs at least one value")]
    [TestCase("[1s, 2s]", 3, 13, "instances.bootTime", "wrong type: expected a duration such as 30s or a distribution")]
    [TestCase("{ normal: { mean: 30, sd: 1s } }", 3, 31, "instances.bootTime.normal.mean", "the number 30 has no unit")]
    public void Validate_BadDistribution_SaysWhatIsWrong(string value, int line, int column, string field, string message) =>
        AssertError(SingleError($"name: t\ninstances:\n  bootTime: {value}\n"), line, column, field, message);

    [Test]
    public void Read_NumberUnit_TakesPlainNumbers()
    {
        var errors = new List<ScenarioError>();
        var node = YamlTreeBuilder.Parse("{ normal: { mean: 2.5, sd: 0.5 } }", "n", errors)!;
        var ctx = new ReadContext(new ScenarioFiles(FixturesDirectory, ""));
        Assert.That(DistributionReader.Read(ctx, node, "x", DistributionUnit.Number, out var d), Is.True, string.Join("\n", ctx.Errors));
        Assert.That((d.ParameterA, d.ParameterB), Is.EqualTo((2.5, 0.5)));
        Assert.That(DistributionReader.Read(ctx, YamlTreeBuilder.Parse("-1", "n", errors, allowEmpty: true)!, "x", DistributionUnit.Number, out _), Is.False);
        Assert.That(ctx.Errors.Single().Message, Does.Contain("-1 is out of range: must be zero or more"));
    }
}
