namespace DeploySim.Scenarios;

/// <summary>Scenarios built into the simulator, usable with no file at hand.</summary>
/// <remarks>The texts equal the shipped files (a test checks): <c>scenarios/source-article.yaml</c> (less its leading
/// comments) and the two appspec.yml versions of the source article in <c>scenarios/appspec/</c>.</remarks>
public static class BuiltInScenarios
{
    /// <summary>Prefix of the built-in texts' names in errors.</summary>
    public const string Prefix = "built-in:";

    /// <summary>How the source article's scenario is named in errors.</summary>
    public const string SourceArticleName = Prefix + "source-article.yaml";

    /// <summary>The source article's fleet (the scenario, the simulator's default): 12 to 24 instances behind two
    /// target groups, OpsWorks setup, unicorn with 8 workers, an in-place OneAtATime deployment at 1 h with the
    /// setup-wait hook, a scale-out to 16 at 90 min.</summary>
    public const string SourceArticle = """
        name: rails-api-2018
        era: 2018
        seed: 42
        replications: 200
        horizon: 12h
        instances:
          memory: 8GiB
          reservedMemory: 1GiB
          bootTime: { lognormal: { median: 40s, p90: 90s } }
        autoScaling:
          desiredCapacity: 12
          minSize: 12
          maxSize: 24
          healthCheckType: ELB
          healthCheckGracePeriod: 300s
          scheduledActions:
            - { at: 90m, desiredCapacity: 16 }
        opsWorks:
          setupTime: { lognormal: { median: 8m, p90: 14m } }
          setupFailureRate: 0.01
        targetGroups:
          - name: api
            healthCheck: { interval: 30s, timeout: 5s, healthyThreshold: 10, unhealthyThreshold: 2 }
            deregistrationDelay: 300s
            connectionsCloseWhenIdle: true   # the article's BlockTraffic took about 10 s with 5 s / 2 checks: idle connections did not hold draining
          - name: internal-api
            healthCheck: { interval: 10s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 2 }
            deregistrationDelay: 30s
            connectionsCloseWhenIdle: true
        unicorn:
          workers: 8
          masterMemory: 250MiB
          workerMemory: 300MiB
          workerMemoryGrowthPerHour: 20MiB
          workerMemoryCap: 600MiB
          bootTime: { normal: { mean: 25s, sd: 5s } }
          requestsPerSecondPerWorker: 10
        traffic:
          requestsPerSecond: 600
        deployment:
          strategy: in-place
          startAt: 1h
          deploymentConfig: CodeDeployDefault.OneAtATime
          targetGroups: [api]
          appspec: appspec/with-setup-wait.yml
          scripts:
            codedeploy/stop-application.sh: { duration: 5s, action: stopApplication }
            codedeploy/setup-wait.sh: { action: waitForOpsWorks }
            codedeploy/start-application.sh: { duration: { normal: { mean: 30s, sd: 5s } }, action: startApplication }
          blueGreen: { terminationWait: 60m, reroute: immediately }
          gracefulRestart: { hosts: parallel, codeUpdateTime: 2m, quitOldMaster: afterNewWorkersReady, quitDelay: 2s }

        """;

    /// <summary>How the source article's final flow is named in errors.</summary>
    public const string ArticleFinalFlowName = Prefix + "article-final-flow.yaml";

    /// <summary>The source article's final, working flow (the default job): the fleet of <see cref="SourceArticle"/>,
    /// with the OpsWorks wait and the second target group handled by hook scripts (deregistered before the stop,
    /// registered again once the instance serves), ELB health checks.</summary>
    public const string ArticleFinalFlow = """
        name: article-final-flow
        era: 2018
        seed: 42
        replications: 200
        horizon: 12h
        instances:
          memory: 8GiB
          reservedMemory: 1GiB
          bootTime: { lognormal: { median: 40s, p90: 90s } }
        autoScaling:
          desiredCapacity: 12
          minSize: 12
          maxSize: 24
          healthCheckType: ELB
          healthCheckGracePeriod: 30m     # covers boot, OpsWorks setup and api's 10 x 30 s checks: Capistrano has no launch hook
          scheduledActions:
            - { at: 90m, desiredCapacity: 16 }
        opsWorks:
          setupTime: { lognormal: { median: 8m, p90: 14m } }
          setupFailureRate: 0.01
        targetGroups:
          - name: api
            healthCheck: { interval: 30s, timeout: 5s, healthyThreshold: 10, unhealthyThreshold: 2 }
            deregistrationDelay: 300s
            connectionsCloseWhenIdle: true   # the article's BlockTraffic took about 10 s with 5 s / 2 checks: idle connections did not hold draining
          - name: internal-api
            healthCheck: { interval: 10s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 2 }
            deregistrationDelay: 30s
            connectionsCloseWhenIdle: true
        unicorn:
          workers: 8
          masterMemory: 250MiB
          workerMemory: 300MiB
          workerMemoryGrowthPerHour: 20MiB
          workerMemoryCap: 600MiB
          bootTime: { normal: { mean: 25s, sd: 5s } }
          requestsPerSecondPerWorker: 10
        traffic:
          requestsPerSecond: 600
        deployment:
          strategy: in-place
          startAt: 1h
          deploymentConfig: CodeDeployDefault.OneAtATime
          targetGroups: [api]
          appspec: appspec/two-target-groups.yml
          scripts:
            codedeploy/deregister-internal-api.sh: { duration: 2s, action: deregisterTargetGroup, targetGroup: internal-api }
            codedeploy/stop-application.sh: { duration: 5s, action: stopApplication }
            codedeploy/setup-wait.sh: { action: waitForOpsWorks }
            codedeploy/start-application.sh: { duration: { normal: { mean: 30s, sd: 5s } }, action: startApplication }
            codedeploy/register-internal-api.sh: { duration: 2s, action: registerTargetGroup, targetGroup: internal-api }
          blueGreen: { terminationWait: 60m, reroute: immediately }
          gracefulRestart: { hosts: parallel, codeUpdateTime: 2m, quitOldMaster: afterNewWorkersReady, quitDelay: 2s }

        """;

    /// <summary>The appspec.yml of the final flow: the OpsWorks wait plus the hooks for internal-api.</summary>
    public const string AppSpecTwoTargetGroups = """
        # appspec.yml for an Auto Scaling group behind two target groups (api and internal-api).
        # CodeDeploy (2018) manages one target group per deployment group (api); these hooks take each instance out of
        # internal-api before it is stopped and put it back once it serves again, as the source article's
        # register script does (elbv2 register-targets, then wait target-in-service).
        version: 0.0
        os: linux
        files:
          - source: /
            destination: /tmp/sample
        hooks:
          BeforeBlockTraffic:
            - location: codedeploy/deregister-internal-api.sh
              timeout: 600

          ApplicationStop:
            - location: codedeploy/stop-application.sh
              timeout: 30

          BeforeInstall:
            - location: codedeploy/setup-wait.sh
              timeout: 900

          AfterInstall:
            - location: codedeploy/start-application.sh

          AfterAllowTraffic:
            - location: codedeploy/register-internal-api.sh
              timeout: 600

        """;

    /// <summary>The article's first appspec.yml: ApplicationStop and AfterInstall only (no wait for OpsWorks).</summary>
    public const string AppSpecWithoutSetupWait = """
        # appspec.yml
        # CodeDeployに対してデプロイ処理を指定するファイル。リポジトリルートに置かれる
        version: 0.0
        os: linux
        files:
          - source: /                # zipに含まれるファイル全部を
            destination: /tmp/sample # sample以下に展開
        hooks:
          ApplicationStop:
            - location: codedeploy/stop-application.sh
              timeout: 30

          # Install:
          # CodeDeployが最新のコードをデプロイターゲットに配布する

          AfterInstall:
            - location: codedeploy/start-application.sh

        """;

    /// <summary>The article's second appspec.yml: adds BeforeInstall setup-wait.sh (timeout 900 s), which waits for OpsWorks.</summary>
    public const string AppSpecWithSetupWait = """
        version: 0.0
        os: linux
        files:
          - source: /                # zipに含まれるファイル全部を
            destination: /tmp/sample # sample以下に展開
        hooks:
          ApplicationStop:
            - location: codedeploy/stop-application.sh
              timeout: 30

          # この処理を追加
          BeforeInstall:
            - location: codedeploy/setup-wait.sh
              timeout: 900

          AfterInstall:
            - location: codedeploy/start-application.sh

        """;

    /// <summary>The built-in files, by the relative path a scenario names them with.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["appspec/without-setup-wait.yml"] = AppSpecWithoutSetupWait,
        ["appspec/with-setup-wait.yml"] = AppSpecWithSetupWait,
        ["appspec/two-target-groups.yml"] = AppSpecTwoTargetGroups,
    };

    /// <summary>The source article's scenario, parsed. Its relative paths resolve to the built-in appspec files first,
    /// then against the current directory.</summary>
    public static ScenarioDocument SourceArticleDocument() =>
        ScenarioDocument.Parse(SourceArticle, SourceArticleName, new ScenarioFiles(Directory.GetCurrentDirectory(), "", Files, Prefix));

    /// <summary>The source article's final flow, parsed (relative paths as in <see cref="SourceArticleDocument"/>).</summary>
    public static ScenarioDocument ArticleFinalFlowDocument() =>
        ScenarioDocument.Parse(ArticleFinalFlow, ArticleFinalFlowName, new ScenarioFiles(Directory.GetCurrentDirectory(), "", Files, Prefix));

    /// <summary>The source article's scenario with <c>path=value</c> overrides applied. Throws <see cref="ScenarioException"/>.</summary>
    public static Scenario LoadSourceArticle(IEnumerable<string>? overrides = null) =>
        SourceArticleDocument().With(overrides ?? []).ToScenario();
}
