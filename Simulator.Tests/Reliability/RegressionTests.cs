using DeploySim.Scenarios;

namespace DeploySim.Tests.Reliability;

/// <summary>Scenarios that once broke a reliability property (found by <see cref="GeneratedScenarioTests"/>), kept as
/// YAML so that they replay exactly, and run through the same checks.</summary>
public sealed class RegressionTests
{
    /// <summary>UnservedRequests came out slightly negative (-5.3e-15 here; -4.3e-11 in the generated case below, down
    /// to -7.1e-10 in others): Traffic.Integrate adds <c>load - served</c>, and below capacity the two are the same
    /// integral computed in two roundings. The checks tolerate a millionth of the demand; strictly, the value is still
    /// negative today (reported to the model's owner).</summary>
    private const string NegativeUnservedMinimal = """
            name: negative-unserved
            seed: 1
            replications: 5
            horizon: 6h
            autoScaling: { desiredCapacity: 3, minSize: 3, maxSize: 3 }
            targetGroups:
              - name: api
                healthCheck: { interval: 5s, timeout: 2s, healthyThreshold: 2, unhealthyThreshold: 2 }
            unicorn: { workers: 4, requestsPerSecondPerWorker: 10 }
            traffic:
              requestsPerSecond: 0
              profile:
                - { at: 0s, requestsPerSecond: 7.3 }
                - { at: 6h, requestsPerSecond: 99.1 }
            deployment: { strategy: graceful-restart, startAt: 1h }
            """;

    /// <summary>Generated (<see cref="GeneratedScenarioTests.Explore"/> with RELIABILITY_SEED=3, the case drawn from
    /// <c>new Rnd(3, 441)</c>): graceful
    /// restart, two target groups with slow start, a traffic profile; UnservedRequests -4.3e-11.</summary>
    private const string NegativeUnservedGenerated = """
            name: "generated"
            seed: 1734284666
            replications: 3
            horizon: 5h
            eventBudget: 5000000
            instances:
              memory: 4440MiB
              reservedMemory: 313MiB
              bootTime: { normal: { mean: 1m3s892ms, sd: 3s827ms } }
              agentReadyTime: { normal: { mean: 3s654ms, sd: 2s873ms } }
              failureRatePerHour: 0
            autoScaling:
              desiredCapacity: 3
              minSize: 2
              maxSize: 3
              healthCheckType: EC2
              healthCheckGracePeriod: 7m23s
              scheduledActions: []
              terminationOrder: NewestInstance
              launchHook: { enabled: true, heartbeatTimeout: 10m24s, defaultResult: ABANDON, globalTimeout: 3h28m }
              relaunchDelay: 46s
              healthCheckPeriod: 40s
            opsWorks:
              enabled: true
              setupTime: { exponential: { mean: 7m49s746ms } }
              setupFailureRate: 0
              waitPollInterval: 18s
              waitMaxPolls: 26
            targetGroups:
              - name: "internal-api"
                healthCheck: { interval: 5m, timeout: 1m19s, healthyThreshold: 6, unhealthyThreshold: 2 }
                deregistrationDelay: 4m50s
                slowStart: 15m
                drainImmediatelyWhenIdle: true
              - name: "tg-3"
                healthCheck: { interval: 3m25s, timeout: 56s, healthyThreshold: 2, unhealthyThreshold: 4 }
                deregistrationDelay: 0s
                slowStart: 8m32s
                initialHealthyChecks: 2
                drainImmediatelyWhenIdle: true
            unicorn:
              workers: 7
              masterMemory: 76MiB
              workerMemory: 281MiB
              workerMemoryGrowthPerHour: 136MiB
              workerMemoryCap: 873MiB
              bootTime: 777ms
              workerForkInterval: 231ms
              requestsPerSecondPerWorker: 19
              uptimeAtDeploy: 1h22m
            traffic:
              requestsPerSecond: 99.8
              profile:
                - { at: 2h19m, requestsPerSecond: 63.8 }
                - { at: 5h37m, requestsPerSecond: 315.2 }
                - { at: 6h, requestsPerSecond: 207.5 }
            deployment:
              strategy: graceful-restart
              startAt: 50m
              deploymentConfig: CodeDeployDefault.HalfAtATime
              targetGroups: ["internal-api", "tg-3"]
              hooks: {}
              downloadBundleTime: { uniform: [2s882ms, 4s751ms] }
              installTime: { uniform: [404ms, 492ms] }
              trafficPollInterval: 9s
              extraTrafficInterval: false
              blockTrafficWaitsHealthCheckEstimate: true
              trafficWaitTimeout: 28m
              autoRollback: false
              ignoreApplicationStopFailures: true
              outdatedInstances: UPDATE
              blueGreen: { terminationWait: 1h38m, keepAlive: false, reroute: immediately }
              gracefulRestart: { hosts: sequential, waitBetweenHosts: 19s, codeUpdateTime: { exponential: { mean: 3m51s367ms } }, quitOldMaster: afterNewWorkersReady, quitDelay: 1s936ms }
            """;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(NegativeUnservedMinimal).SetName("Regression_NegativeUnservedRequests_Minimal");
        yield return new TestCaseData(NegativeUnservedGenerated).SetName("Regression_NegativeUnservedRequests_Generated441");
    }

    [TestCaseSource(nameof(Cases))]
    public void Regression_RunsCleanlyAndReproducibly(string yaml) =>
        ReliabilityChecks.Check(ScenarioLoader.LoadText(yaml, "regression.yaml", Path.GetTempPath()));
}
