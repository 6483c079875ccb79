using static DeploySim.Tests.Scenarios.ScenarioTestSupport;

namespace DeploySim.Tests.Scenarios;

// Values outside the ranges AWS allows, bad durations and sizes, rates, capacities and references.
public sealed partial class BadInputTests
{
    private static string HealthCheck(string body) => $"name: t\ntargetGroups:\n  - name: api\n    healthCheck: {{ {body} }}\n";

    [TestCase("interval: 4s", 30, "targetGroups[0].healthCheck.interval", "4s is out of range: AWS allows 5 to 300 seconds")]
    [TestCase("interval: 301s", 30, "targetGroups[0].healthCheck.interval", "301s is out of range: AWS allows 5 to 300 seconds")]
    [TestCase("interval: 5500ms", 30, "targetGroups[0].healthCheck.interval", "5500ms is not a whole number of seconds")]
    [TestCase("timeout: 1s", 29, "targetGroups[0].healthCheck.timeout", "1s is out of range: AWS allows 2 to 120 seconds")]
    [TestCase("interval: 300s, timeout: 121s", 45, "targetGroups[0].healthCheck.timeout", "121s is out of range: AWS allows 2 to 120 seconds")]
    [TestCase("interval: 10s, timeout: 10s", 44, "targetGroups[0].healthCheck.timeout", "timeout (10s) must be shorter than interval (10s)")]
    [TestCase("healthyThreshold: 11", 38, "targetGroups[0].healthCheck.healthyThreshold", "11 is out of range: AWS allows 2 to 10")]
    [TestCase("unhealthyThreshold: 1", 40, "targetGroups[0].healthCheck.unhealthyThreshold", "1 is out of range: AWS allows 2 to 10")]
    public void Validate_HealthCheckOutOfRange_NamesFieldValueAndRange(string body, int column, string field, string message) =>
        AssertError(SingleError(HealthCheck(body)), 4, column, field, message);

    [TestCase("deregistrationDelay: 3601s", 26, "targetGroups[0].deregistrationDelay", "3601s is out of range: AWS allows 0 to 3600 seconds")]
    [TestCase("slowStart: 10s", 16, "targetGroups[0].slowStart", "10s is out of range: AWS allows 0 (off) or 30 to 900 seconds")]
    [TestCase("slowStart: 901s", 16, "targetGroups[0].slowStart", "901s is out of range: AWS allows 0 to 900 seconds")]
    [TestCase("initialHealthyChecks: 0", 27, "targetGroups[0].initialHealthyChecks", "0 is out of range: allowed 1 to 10")]
    public void Validate_TargetGroupOutOfRange_NamesFieldValueAndRange(string line, int column, string field, string message) =>
        AssertError(SingleError($"name: t\ntargetGroups:\n  - name: api\n    {line}\n"), 4, column, field, message);

    [Test]
    public void Validate_TerminationWaitOverTwoDays_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  blueGreen: { terminationWait: 2881m }\n"), 3, 33, "deployment.blueGreen.terminationWait",
            "2881m is out of range: AWS allows 0 to 2880 minutes");

    [Test]
    public void Validate_RerouteWaitOverTwoDays_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  blueGreen: { reroute: 3d }\n"), 3, 25, "deployment.blueGreen.reroute",
            "3d is out of range: AWS allows 0 to 2880 minutes");

    [Test]
    public void Validate_RerouteMisspelt_SuggestsImmediately() =>
        AssertError(SingleError("name: t\ndeployment:\n  blueGreen: { reroute: imediately }\n"), 3, 25, "deployment.blueGreen.reroute",
            "'imediately' is not 'immediately' or a wait duration; did you mean 'immediately'?");

    [Test]
    public void Validate_InlineHookTimeoutOverAnHour_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  hooks:\n    AfterInstall: [ { location: a.sh, timeout: 3601s } ]\n"), 4, 48,
            "deployment.hooks.AfterInstall[0].timeout", "3601s is out of range: CodeDeploy allows 1 to 3600 seconds");

    [Test]
    public void Validate_InlineHookTimeoutsAddingUpOverAnHour_IsAccepted() =>
        Assert.That(Errors("name: t\ndeployment:\n  hooks:\n    AfterInstall: [ { location: a.sh, timeout: 30m }, { location: b.sh, timeout: 31m } ]\n"), Is.Empty,
            "the per-event limit is enforced while the event runs (HookTimeoutTests), not when the file is read");

    [TestCase("horizon: -5s", 10, "horizon", "negative duration '-5s': durations must be zero or more")]
    [TestCase("horizon: 5 minutes", 10, "horizon", "invalid duration '5 minutes'")]
    [TestCase("horizon: 90", 10, "horizon", "the number 90 has no unit")]
    [TestCase("horizon: 1.5h", 10, "horizon", "invalid duration '1.5h'")]
    [TestCase("horizon: 99999999999999d", 10, "horizon", "duration '99999999999999d' is too large")]
    [TestCase("instances: { memory: 8GB }", 22, "instances.memory", "invalid size '8GB': write binary units, MiB or GiB")]
    [TestCase("instances: { memory: -1GiB }", 22, "instances.memory", "negative size '-1GiB': sizes must be zero or more")]
    [TestCase("instances: { memory: 8 }", 22, "instances.memory", "invalid size '8': expected a whole number followed by MiB or GiB")]
    [TestCase("instances: { memory: 99999999999999999GiB }", 22, "instances.memory", "size '99999999999999999GiB' is too large")]
    [TestCase("instances: { memory: 0MiB }", 22, "instances.memory", "0MiB is out of range: must be at least 1MiB")]
    [TestCase("instances: { memory: 1GiB, reservedMemory: 1GiB }", 44, "instances.reservedMemory", "1024MiB leaves nothing of the instance's 1024MiB")]
    [TestCase("unicorn: { workerMemory: 300MiB, workerMemoryCap: 200MiB }", 51, "unicorn.workerMemoryCap", "workerMemoryCap (200MiB) is below workerMemory (300MiB)")]
    public void Validate_BadDurationOrSize_SaysWhatIsExpected(string line, int column, string field, string message) =>
        AssertError(SingleError($"name: t\n{line}\n"), 2, column, field, message);

    [TestCase("opsWorks: { setupFailureRate: 1.5 }", 31, "opsWorks.setupFailureRate", "1.5 is out of range: a rate must be from 0 to 1")]
    [TestCase("opsWorks: { setupFailureRate: -0.1 }", 31, "opsWorks.setupFailureRate", "-0.1 is out of range: a rate must be from 0 to 1")]
    [TestCase("opsWorks: { setupFailureRate: .nan }", 31, "opsWorks.setupFailureRate", "wrong type: expected a number, got '.nan'")]
    [TestCase("opsWorks: { setupFailureRate: 1e400 }", 31, "opsWorks.setupFailureRate", "1e400 is out of range")]
    public void Validate_FailureRateOutsideZeroToOne_NamesTheRange(string line, int column, string field, string message) =>
        AssertError(SingleError($"name: t\n{line}\n"), 2, column, field, message);

    [Test]
    public void Validate_ScriptFailureRateOverOne_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  hooks: { AfterInstall: [ { location: a.sh, failureRate: 2 } ] }\n"), 3, 59,
            "deployment.hooks.AfterInstall[0].failureRate", "2 is out of range: a rate must be from 0 to 1");

    [Test]
    public void Validate_DesiredAboveMax_ReportsTheCapacityRule() =>
        AssertError(SingleError("name: t\nautoScaling: { desiredCapacity: 30, minSize: 12, maxSize: 24 }\n"), 2, 33, "autoScaling.desiredCapacity",
            "minSize (12) <= desiredCapacity (30) <= maxSize (24) does not hold");

    [Test]
    public void Validate_ScheduledActionBreakingTheCapacityRule_ReportsTheAction() =>
        AssertError(SingleError("name: t\nautoScaling:\n  desiredCapacity: 2\n  scheduledActions:\n    - { at: 1h, desiredCapacity: 9 }\n"),
            5, 7, "autoScaling.scheduledActions[0]", "after this action at 1h, minSize (2) <= desiredCapacity (9) <= maxSize (4) does not hold");

    [Test]
    public void Validate_ScheduledActionWithoutChange_SaysWhatItMustSet() =>
        AssertError(SingleError("name: t\nautoScaling:\n  scheduledActions:\n    - { at: 1h }\n"), 4, 7, "autoScaling.scheduledActions[0]",
            "must set desiredCapacity, minSize or maxSize");

    [Test]
    public void Validate_HugeInteger_ReportsRangeNotOverflow() =>
        AssertError(SingleError("name: t\nunicorn: { workers: 99999999999999999999999999 }\n"), 2, 21, "unicorn.workers",
            "99999999999999999999999999 is out of range: allowed 1 to 1024");

    [Test]
    public void Validate_HugeSeed_ReportsRange() =>
        AssertError(SingleError("name: t\nseed: 18446744073709551616\n"), 2, 7, "seed", "18446744073709551616 is out of range: allowed 0 to 18446744073709551615");

    [Test]
    public void Validate_DeploymentTargetGroupNotDeclared_SuggestsTheDeclaredOne() =>
        AssertError(SingleError("name: t\ntargetGroups: [ { name: api } ]\ndeployment: { targetGroups: [apii] }\n"), 3, 30,
            "deployment.targetGroups[0]", "target group 'apii' is not declared in targetGroups; did you mean 'api'?");

    [Test]
    public void Validate_DuplicateTargetGroupName_ReportsTheSecond() =>
        AssertError(SingleError("name: t\ntargetGroups:\n  - name: api\n  - name: api\n"), 4, 11, "targetGroups[1].name", "duplicate target group name 'api' (first at line 3)");

    [Test]
    public void Validate_InvalidTargetGroupName_SaysWhatAwsAllows() =>
        AssertError(SingleError("name: t\ntargetGroups: [ { name: -api } ]\n"), 2, 25, "targetGroups[0].name", "is not a valid target group name");

    [Test]
    public void Validate_BlueGreenWithoutTargetGroup_SaysItNeedsALoadBalancer() =>
        AssertError(SingleError("name: t\ndeployment: { strategy: blue-green }\n"), 2, 25, "deployment.strategy", "blue-green needs a load balancer");

    [Test]
    public void Validate_StrategyMisspelt_SuggestsTheWord() =>
        AssertError(SingleError("name: t\ndeployment: { strategy: inplace }\n"), 2, 25, "deployment.strategy",
            "'inplace' is not a strategy; did you mean 'in-place'?");

    [Test]
    public void Validate_StartAtAfterHorizon_SaysItWouldNeverStart() =>
        AssertError(SingleError("name: t\nhorizon: 2h\ndeployment: { startAt: 3h }\n"), 3, 24, "deployment.startAt", "3h is not before the horizon (2h)");

    [Test]
    public void Validate_DeploymentConfigPercentOver99_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  deploymentConfig: { minimumHealthyHosts: { type: FLEET_PERCENT, value: 100 } }\n"), 3, 74,
            "deployment.deploymentConfig.minimumHealthyHosts.value", "100 is out of range: FLEET_PERCENT allows 0 to 99");

    [Test]
    public void Validate_DeploymentConfigNegativeHostCount_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment:\n  deploymentConfig: { minimumHealthyHosts: { type: HOST_COUNT, value: -1 } }\n"), 3, 71,
            "deployment.deploymentConfig.minimumHealthyHosts.value", "-1 is out of range: HOST_COUNT allows 0 or more");

    [Test]
    public void Validate_DeploymentConfigUnknownName_SuggestsOne() =>
        AssertError(SingleError("name: t\ndeployment: { deploymentConfig: CodeDeployDefault.OneAtTime }\n"), 2, 33, "deployment.deploymentConfig",
            "did you mean 'CodeDeployDefault.OneAtATime'?");

    [Test]
    public void Validate_GracefulRestartGroupSizeZero_NamesTheRange() =>
        AssertError(SingleError("name: t\ndeployment: { gracefulRestart: { hosts: 0 } }\n"), 2, 41, "deployment.gracefulRestart.hosts", "0 is out of range: a group size must be from 1");

    [Test]
    public void Validate_RegisterActionWithoutTargetGroup_SaysItNeedsOne() =>
        AssertError(SingleError("name: t\ndeployment:\n  hooks:\n    AfterInstall:\n      - { location: r.sh, action: registerTargetGroup }\n"), 5, 9,
            "deployment.hooks.AfterInstall[0].targetGroup", "registerTargetGroup needs targetGroup");

    [Test]
    public void Validate_ActionTargetGroupNotDeclared_SuggestsTheDeclaredOne() =>
        AssertError(SingleError("name: t\ntargetGroups: [ { name: internal-api } ]\ndeployment:\n  hooks:\n    AfterInstall:\n"
            + "      - { location: r.sh, action: deregisterTargetGroup, targetGroup: internal } \n"), 6, 71,
            "deployment.hooks.AfterInstall[0].targetGroup", "target group 'internal' is not declared in targetGroups; did you mean 'internal-api'?");

    [Test]
    public void Validate_TargetGroupOnAnActionWithoutOne_SaysItDoesNotApply() =>
        AssertError(SingleError("name: t\ntargetGroups: [ { name: api } ]\ndeployment:\n  hooks: { AfterInstall: [ { location: r.sh, targetGroup: api } ] }\n"), 4, 59,
            "deployment.hooks.AfterInstall[0].targetGroup", "targetGroup applies only to the actions registerTargetGroup and deregisterTargetGroup");

    [Test]
    public void Validate_UnknownAction_SuggestsTheClosest() =>
        AssertError(SingleError("name: t\ndeployment:\n  hooks: { BeforeInstall: [ { location: w.sh, action: waitForOpsworks } ] }\n"), 3, 55,
            "deployment.hooks.BeforeInstall[0].action", "'waitForOpsworks' is not a script action; did you mean 'waitForOpsWorks'?");

    [Test]
    public void Validate_TrafficProfileNotIncreasing_ReportsThePoint() =>
        AssertError(SingleError("name: t\ntraffic:\n  profile:\n    - { at: 2h, requestsPerSecond: 1 }\n    - { at: 1h, requestsPerSecond: 2 }\n"), 5, 13,
            "traffic.profile[1].at", "1h is not after the previous point's 2h");
}
