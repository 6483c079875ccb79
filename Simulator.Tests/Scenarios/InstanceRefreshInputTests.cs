using DeploySim.Engine;
using DeploySim.Scenarios;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

/// <summary>deployment.instanceRefresh read and checked as StartInstanceRefresh checks it (docs/model.md#instance-refresh).</summary>
public sealed class InstanceRefreshInputTests
{
    private static string Refresh(string body) => $"name: t\ndeployment:\n  strategy: instance-refresh\n  instanceRefresh: {{ {body} }}\n";

    [Test]
    public void Reads_EveryPreference()
    {
        var s = Load(Refresh("minHealthyPercentage: 100, maxHealthyPercentage: 110, instanceWarmup: 7m, checkpointPercentages: [25, 100], "
            + "checkpointDelay: 20m, skipMatching: true, autoRollback: true, alarms: [{ threshold: 50 }], codeDeployLaunchHook: true"));
        var r = s.Fleet.Deployment.InstanceRefresh;
        Assert.Multiple(() =>
        {
            Assert.That(s.Fleet.Deployment.Strategy, Is.EqualTo(StrategyKind.InstanceRefresh));
            Assert.That((r.MinHealthyPercentage, r.MaxHealthyPercentage), Is.EqualTo((100, 110)));
            Assert.That(r.InstanceWarmup, Is.EqualTo(SimDuration.FromMinutes(7)));
            Assert.That(r.CheckpointPercentages, Is.EqualTo(new[] { 25, 100 }));
            Assert.That(r.CheckpointDelay, Is.EqualTo(SimDuration.FromMinutes(20)));
            Assert.That((r.SkipMatching, r.AutoRollback, r.CodeDeployLaunchHook), Is.EqualTo((true, true, true)));
            Assert.That(r.Alarms.Single().Threshold, Is.EqualTo(50));
        });
    }

    [Test]
    public void Defaults_AreTheApis()
    {
        var r = Load("name: t\ndeployment: { strategy: instance-refresh }\n").Fleet.Deployment.InstanceRefresh;
        Assert.Multiple(() =>
        {
            Assert.That((r.MinHealthyPercentage, r.MaxHealthyPercentage), Is.EqualTo((90, 100)));
            Assert.That(r.CheckpointDelay, Is.EqualTo(SimDuration.FromSeconds(3600)));
            Assert.That(r.InstanceWarmup, Is.Null, "the group's grace period");
            Assert.That((r.SkipMatching, r.AutoRollback), Is.EqualTo((false, false)));
        });
    }

    [TestCase("minHealthyPercentage: 101", "deployment.instanceRefresh.minHealthyPercentage", "MinHealthyPercentage allows 0 to 100")]
    [TestCase("minHealthyPercentage: 50, maxHealthyPercentage: 99", "deployment.instanceRefresh.maxHealthyPercentage", "MaxHealthyPercentage allows 100 to 200")]
    [TestCase("maxHealthyPercentage: 150", "deployment.instanceRefresh.maxHealthyPercentage", "requires minHealthyPercentage too")]
    [TestCase("minHealthyPercentage: 50, maxHealthyPercentage: 160", "deployment.instanceRefresh.maxHealthyPercentage", "by at most 100")]
    [TestCase("checkpointPercentages: [50, 20]", "deployment.instanceRefresh.checkpointPercentages[1]", "20 does not follow 50")]
    [TestCase("checkpointPercentages: [0]", "deployment.instanceRefresh.checkpointPercentages[0]", "from 1 to 100")]
    [TestCase("checkpointDelay: 172801s", "deployment.instanceRefresh.checkpointDelay", "AWS allows 0 to 172800 seconds")]
    [TestCase("alarms: [{ metric: errorRate }]", "deployment.instanceRefresh.alarms[0].threshold", "missing required field 'threshold'")]
    [TestCase("minHealthyPercantage: 80", "deployment.instanceRefresh.minHealthyPercantage", "did you mean")]
    public void Validate_BadPreference_NamesFieldAndRule(string body, string field, string message)
    {
        var e = SingleError(Refresh(body));
        Assert.Multiple(() =>
        {
            Assert.That(e.Field, Is.EqualTo(field), e.ToString());
            Assert.That(e.Message, Does.Contain(message), e.ToString());
            Assert.That(e.Line, Is.EqualTo(4), e.ToString());
        });
    }

    [Test]
    public void Validate_ElevenAlarms_IsTooMany()
    {
        string alarms = string.Join(", ", Enumerable.Repeat("{ threshold: 1 }", 11));
        Assert.That(SingleError(Refresh($"alarms: [{alarms}]")).Message, Does.Contain("at most 10"));
    }
}
