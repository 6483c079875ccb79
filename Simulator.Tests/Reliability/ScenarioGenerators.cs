using DeploySim.Engine;
using DeploySim.Scenarios;
using FsCheck;
using FsCheck.Fluent;

namespace DeploySim.Tests.Reliability;

/// <summary>A generated scenario; prints as its replayable YAML.</summary>
public sealed class GeneratedScenario(Scenario scenario)
{
    public Scenario Scenario { get; } = scenario;

    public override string ToString() => $"{Scenario.Name}:\n{ScenarioYaml.Print(Scenario)}";
}

/// <summary>The FsCheck arbitrary of <see cref="GeneratedScenario"/> (no shrinking: a failure prints the whole YAML).</summary>
public static class GeneratedScenarioArbitrary
{
    public static Arbitrary<GeneratedScenario> Scenarios() => Arb.From(ScenarioGenerators.Scenario().Select(s => new GeneratedScenario(s)));
}

/// <summary>FsCheck generators of valid scenarios across the documented ranges (docs/model.md#deployment-configurations to docs/model.md#capistrano-flow, and the loader's
/// rules): fleets of 1 to 200 instances (mostly small, so that a case runs in milliseconds), every strategy and
/// deployment configuration, one to three target groups, failure probabilities, scheduled scale events, hook scripts
/// with every action, constant or profiled traffic; horizons of 2 to 6 h and 1 to 3 replications.</summary>
/// <remarks>Memory is sized so that two fresh unicorn generations fit the instance (a USR2 cannot start an OOM crash
/// loop); worker growth may still reach the limit, and then the OOM killer acts. Crash loops and launch loops that
/// never advance time are covered by <see cref="RunawayTests"/>, where the event budget must stop them.</remarks>
public static class ScenarioGenerators
{
    /// <summary>Events per replication the generated scenarios are allowed: far above what any of them needs.</summary>
    public const long EventBudget = 5_000_000;

    private static readonly string[] TargetGroupNames = ["api", "internal-api", "admin", "web-2018", "A1", "tg-3", "z"];

    private static readonly string[] ScenarioNames = ["generated", "rails api: \"2018\"", "fleet #7 & co", "ünïcode fleet ✓", "tab\tand\\slash", "'single' quotes"];

    private static Gen<bool> Chance(int percent) => Gen.Choose(1, 100).Select(x => x <= percent);

    private static Gen<SimDuration> Seconds(int lo, int hi) => Gen.Choose(lo, hi).Select(s => SimDuration.FromSeconds(s));

    private static Gen<SimDuration> Minutes(int lo, int hi) => Gen.Choose(lo, hi).Select(m => SimDuration.FromMinutes(m));

    private static Gen<SimDuration> Millis(int lo, int hi) => Gen.Choose(lo, hi).Select(ms => SimDuration.FromMilliseconds(ms));

    /// <summary>An integer in [lo, hi], with the bounds themselves drawn more often than chance would.</summary>
    private static Gen<int> Edgy(int lo, int hi) => Gen.Frequency((1, Gen.Constant(lo)), (1, Gen.Constant(hi)), (4, Gen.Choose(lo, hi)));

    /// <summary>0 most of the time, else up to <paramref name="maxPermille"/>/1000.</summary>
    private static Gen<double> Rate(int zeroPercent, int maxPermille) =>
        Gen.Frequency((zeroPercent, Gen.Constant(0.0)), (100 - zeroPercent, Gen.Choose(1, maxPermille).Select(x => x / 1000.0)));

    /// <summary>A duration distribution (milliseconds) around <paramref name="typicalMs"/>, of every kind.</summary>
    public static Gen<Distribution> Duration(int typicalMs) => Gen.OneOf(
        Gen.Choose(0, 2 * typicalMs).Select(v => Distribution.Constant(v)),
        from a in Gen.Choose(0, typicalMs)
        from w in Gen.Choose(0, 2 * typicalMs)
        select Distribution.Uniform(a, a + w),
        from m in Gen.Choose(0, 2 * typicalMs)
        from sd in Gen.Choose(0, typicalMs)
        select Distribution.Normal(m, sd),
        from m in Gen.Choose(1, 2 * typicalMs)
        from extra in Gen.Choose(0, 2 * typicalMs)
        select Distribution.LogNormal(m, m + extra),
        Gen.Choose(1, 2 * typicalMs).Select(m => Distribution.Exponential(m)),
        Gen.ListOf(Gen.Choose(0, 3 * typicalMs), 1).SelectMany(first => Gen.ListOf(Gen.Choose(0, 3 * typicalMs)).Select(rest => Distribution.Empirical(first.Concat(rest).Take(6).Select(v => (double)v)))));

    public static Gen<Scenario> Scenario() =>
        from fleet in Gen.Frequency((14, Gen.Choose(1, 12)), (4, Gen.Choose(13, 40)), (2, Gen.Choose(41, 200)))
        let big = fleet > 40
        from hours in big ? Gen.Constant(2) : Gen.Choose(2, 6)
        from replications in big ? Gen.Constant(1) : Gen.Choose(1, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        from name in Gen.Elements(ScenarioNames)
        let horizon = SimDuration.FromHours(hours)
        from instances in Instances()
        from autoScaling in AutoScaling(fleet, horizon)
        from opsWorks in OpsWorks()
        from groups in TargetGroups(fleet)
        from unicorn in Unicorn()
        let memory = FitMemory(instances, unicorn)
        from memoryExtra in Gen.Choose(0, 4096)
        from traffic in Traffic(fleet, unicorn, horizon)
        from deployment in Deployment(fleet, groups, horizon)
        select WithoutRefusedConfig(new Scenario
        {
            Name = name,
            Seed = (ulong)seed,
            Replications = replications,
            Horizon = horizon,
            EventBudget = EventBudget,
            Fleets = [new FleetSpec {
                Name = name,
                Instances = instances with { MemoryMiB = memory + memoryExtra },
                AutoScaling = autoScaling,
                OpsWorks = opsWorks,
                TargetGroups = groups,
                Unicorn = unicorn,
                Traffic = traffic,
                Deployment = deployment,
            }],
        });

    /// <summary>The loader refuses a configuration that fails at once on the fleet at the deployment's start
    /// (HEALTH_CONSTRAINTS_INVALID, docs/model.md#checks-before-running): such a scenario deploys OneAtATime instead.</summary>
    private static Scenario WithoutRefusedConfig(Scenario s)
    {
        var d = s.Fleet.Deployment;
        if (d.StartAt is not { } at || d.Strategy == StrategyKind.GracefulRestart) return s;
        int instances = ScenarioMapper.DesiredAt(s.Fleet.AutoScaling, at);
        return new DeploySim.Cloud.CodeDeploy.DeploymentRules(d.Config, instances).FailsImmediately
            ? s.WithFleet(f => f with { Deployment = d with { Config = DeploymentConfig.OneAtATime } })
            : s;
    }

    /// <summary>Instance memory in which two fresh unicorn generations fit beside the reserve.</summary>
    private static long FitMemory(InstanceSpec i, UnicornSpec u) => i.ReservedMemoryMiB + (2 * (u.MasterMemoryMiB + (u.Workers * u.WorkerMemoryMiB))) + 1;

    private static Gen<InstanceSpec> Instances() =>
        from reserved in Gen.Choose(0, 1536)
        from boot in Duration(40_000)
        from agent in Duration(5_000)
        from failures in Gen.Frequency((9, Rate(70, 200)), (1, Gen.Choose(201, 2000).Select(x => x / 1000.0)))
        select new InstanceSpec { ReservedMemoryMiB = reserved, BootTime = boot, AgentReadyTime = agent, FailureRatePerHour = failures };

    private static Gen<AutoScalingSpec> AutoScaling(int fleet, SimDuration horizon) =>
        from minRaw in Gen.Choose(0, fleet)
        from maxExtra in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, fleet + 4)))
        from elb in Chance(60)
        from grace in Edgy(0, 600).Select(x => SimDuration.FromSeconds(x))
        from actions in ScheduledActions(fleet, horizon)
        from newest in Chance(30)
        from hook in LaunchHook()
        from relaunch in Seconds(0, 60)
        from period in Seconds(1, 120)
        select new AutoScalingSpec
        {
            DesiredCapacity = fleet,
            MinSize = minRaw,
            MaxSize = fleet + maxExtra,
            HealthCheckType = elb ? HealthCheckType.ELB : HealthCheckType.EC2,
            HealthCheckGracePeriod = grace,
            ScheduledActions = Consistent(actions, minRaw, fleet, fleet + maxExtra, Math.Min(2 * fleet + 6, 240)),
            TerminationOrder = newest ? TerminationOrder.NewestInstance : TerminationOrder.OldestInstance,
            LaunchHook = hook,
            RelaunchDelay = relaunch,
            HealthCheckPeriod = period,
        };

    /// <summary>Raw scale events: (minute, desired, set min?, min, set max?, max), made consistent by <see cref="Consistent"/>.</summary>
    private static Gen<List<int[]>> ScheduledActions(int fleet, SimDuration horizon) =>
        Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Choose(2, 3))).SelectMany(n =>
            Gen.ListOf(
                from minute in Gen.Choose(0, (int)horizon.TotalMinutes - 1)
                from desired in Gen.Choose(0, 1000)
                from setMin in Gen.Choose(0, 3)
                from min in Gen.Choose(0, 1000)
                from setMax in Gen.Choose(0, 3)
                from max in Gen.Choose(0, 1000)
                select new[] { minute, desired, setMin, min, setMax, max }, n).Select(l => l.ToList()));

    /// <summary>Turns raw events into actions after each of which min ≤ desired ≤ max holds (the loader's rule), in time order.</summary>
    private static List<ScheduledAction> Consistent(List<int[]> raw, int min, int desired, int max, int limit)
    {
        var actions = new List<ScheduledAction>();
        foreach (var r in raw.OrderBy(r => r[0]))
        {
            int d = r[1] % (limit + 1);
            int? setMin = r[2] == 0 ? r[3] % (d + 1) : null;
            int? setMax = r[4] == 0 ? d + (r[5] % (limit - d + 1)) : null;
            int newMin = setMin ?? min, newMax = setMax ?? max;
            if (newMin > d) setMin = newMin = d;
            if (newMax < d) setMax = newMax = d;
            // Sometimes leave the desired capacity alone (when the action sets a bound and the old capacity still fits).
            bool keepDesired = r[2] == 1 && (setMin is not null || setMax is not null) && newMin <= desired && desired <= newMax;
            if (!keepDesired) desired = d;
            actions.Add(new ScheduledAction { At = SimDuration.FromMinutes(r[0]), DesiredCapacity = keepDesired ? null : d, MinSize = setMin, MaxSize = setMax });
            (min, max) = (newMin, newMax);
        }
        return actions;
    }

    private static Gen<LaunchHookSpec> LaunchHook() =>
        from enabled in Chance(85)
        from heartbeat in Edgy(30, 900)
        from factor in Edgy(1, 100)
        from cont in Chance(20)
        select new LaunchHookSpec
        {
            Enabled = enabled,
            HeartbeatTimeout = SimDuration.FromSeconds(heartbeat),
            GlobalTimeout = SimDuration.FromSeconds(Math.Min(172_800, heartbeat * factor)),
            DefaultResult = cont ? LifecycleHookResult.Continue : LifecycleHookResult.Abandon,
        };

    private static Gen<OpsWorksSpec> OpsWorks() =>
        from enabled in Chance(90)
        from setup in Duration(360_000)
        from failure in Rate(50, 200)
        from poll in Seconds(5, 30)
        from polls in Edgy(1, 60)
        select new OpsWorksSpec { Enabled = enabled, SetupTime = setup, SetupFailureRate = failure, WaitPollInterval = poll, WaitMaxPolls = polls };

    private static Gen<List<TargetGroupSpec>> TargetGroups(int fleet) =>
        from count in Gen.Frequency((5, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3)))
        from names in Gen.Shuffle(TargetGroupNames)
        from groups in Gen.ListOf(TargetGroup(fleet), count)
        select groups.Select((g, k) => g with { Name = names[k] }).ToList();

    private static Gen<TargetGroupSpec> TargetGroup(int fleet) =>
        from interval in Edgy(fleet > 40 ? 30 : fleet > 12 ? 15 : 5, 300)
        from timeout in Edgy(2, Math.Min(120, interval - 1))
        from healthy in Edgy(2, 10)
        from unhealthy in Edgy(2, 10)
        from deregistration in Gen.Frequency((3, Edgy(0, 300)), (1, Edgy(301, 3600)))
        from slowStart in Gen.Frequency((3, Gen.Constant(0)), (1, Edgy(30, 900)))
        from initial in Gen.Frequency((3, Gen.Constant(0)), (1, Edgy(1, 10)))
        from drainIdle in Chance(80)
        select new TargetGroupSpec
        {
            Name = "",
            HealthCheck = new HealthCheckSpec { Interval = SimDuration.FromSeconds(interval), Timeout = SimDuration.FromSeconds(timeout), HealthyThreshold = healthy, UnhealthyThreshold = unhealthy },
            DeregistrationDelay = SimDuration.FromSeconds(deregistration),
            SlowStart = SimDuration.FromSeconds(slowStart),
            InitialHealthyChecks = initial == 0 ? null : initial,
            DrainImmediatelyWhenIdle = drainIdle,
        };

    private static Gen<UnicornSpec> Unicorn() =>
        from workers in Gen.Frequency((8, Edgy(1, 12)), (1, Gen.Choose(13, 64)))
        from master in Gen.Choose(50, 300)
        from worker in Gen.Choose(50, 400)
        from growth in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 200)))
        from capExtra in Gen.Choose(0, 600)
        from boot in Duration(25_000)
        from fork in Gen.Frequency((1, Gen.Constant(SimDuration.Zero)), (4, Millis(1, 500)))
        from rps in Gen.Choose(1, 20)
        from age in Gen.Frequency((3, Minutes(0, 600)), (1, Minutes(0, 4320)))
        select new UnicornSpec
        {
            Workers = workers,
            MasterMemoryMiB = master,
            WorkerMemoryMiB = worker,
            WorkerMemoryGrowthPerHourMiB = growth,
            WorkerMemoryCapMiB = worker + capExtra,
            BootTime = boot,
            WorkerForkInterval = fork,
            RequestsPerSecondPerWorker = rps,
            UptimeAtDeploy = age,
            // Derived from values already drawn, so that the rest of the generated scenarios stay as they were.
            SharedMemory = rps % 3 == 0 ? 0 : worker % 101 / 100.0,
            WorkerMemoryLimitMiB = capExtra % 3 == 0 ? worker + 1 + (capExtra / 2) : null,
        };

    private static Gen<TrafficSpec> Traffic(int fleet, UnicornSpec u, SimDuration horizon)
    {
        double capacity = fleet * u.Workers * u.RequestsPerSecondPerWorker;
        var rps = Gen.Choose(0, 120).Select(pct => Math.Round(capacity * pct / 100.0, 1));
        return Gen.Frequency(
            (3, rps.Select(r => new TrafficSpec { RequestsPerSecond = r })),
            (2, from n in Gen.Choose(1, 5)
                from minutes in Gen.ListOf(Gen.Choose(0, (int)horizon.TotalMinutes + 60), n)
                from values in Gen.ListOf(rps, n)
                from constant in rps
                select new TrafficSpec
                {
                    RequestsPerSecond = constant,
                    Profile = minutes.Distinct().Order().Zip(values, (m, v) => new TrafficPoint(SimDuration.FromMinutes(m), v)).ToList(),
                }));
    }

    private static Gen<DeploymentConfig> Config(int fleet) => Gen.OneOf(
        Gen.Constant(DeploymentConfig.OneAtATime),
        Gen.Constant(DeploymentConfig.HalfAtATime),
        Gen.Constant(DeploymentConfig.AllAtOnce),
        Gen.Choose(0, fleet + 1).Select(v => DeploymentConfig.Custom(MinimumHealthyHostsType.HostCount, v)),
        Gen.Choose(0, 99).Select(v => DeploymentConfig.Custom(MinimumHealthyHostsType.FleetPercent, v)));

    private static Gen<DeploymentSpec> Deployment(int fleet, List<TargetGroupSpec> groups, SimDuration horizon) =>
        from strategy in Gen.Elements(StrategyKind.InPlace, StrategyKind.BlueGreen, StrategyKind.GracefulRestart, StrategyKind.InstanceRefresh)
        from never in Chance(12)
        from start in Gen.Frequency((3, Gen.Choose(0, 90)), (1, Gen.Choose(0, (int)horizon.TotalMinutes - 1)))
        from config in Config(fleet)
        from managed in Gen.SubListOf(groups.Select(g => g.Name)).Select(l => l.ToList())
        from firstManaged in Gen.Choose(0, groups.Count - 1)
        from hooks in Hooks(groups)
        from download in Duration(3_000)
        from install in Duration(2_000)
        from poll in Gen.Frequency((1, Millis(1, 999)), (3, Seconds(1, 30)))
        from flags in Gen.ListOf(Chance(30), 5).Select(l => l.ToArray())
        from trafficWait in Minutes(1, 60)
        from ignore in Chance(80)
        from blueGreen in BlueGreen()
        from graceful in GracefulRestart()
        from refresh in InstanceRefresh()
        select new DeploymentSpec
        {
            Strategy = strategy,
            StartAt = never ? null : SimDuration.FromMinutes(start),
            Config = config,
            // blue/green needs a load balancer (the loader's rule)
            TargetGroups = strategy == StrategyKind.BlueGreen && managed.Count == 0 ? [groups[firstManaged].Name] : managed,
            Hooks = hooks,
            DownloadBundleTime = download,
            InstallTime = install,
            TrafficPollInterval = poll,
            ExtraTrafficInterval = flags[0],
            BlockTrafficWaitsHealthCheckEstimate = !flags[1],
            TrafficWaitTimeout = trafficWait,
            AutoRollback = flags[2],
            IgnoreApplicationStopFailures = flags[3],
            OutdatedInstances = ignore ? OutdatedInstancesStrategy.Update : OutdatedInstancesStrategy.Ignore,
            BlueGreen = blueGreen,
            GracefulRestart = graceful,
            InstanceRefresh = refresh,
        };

    private static readonly LifecycleEvent[] ScriptableEvents =
    [
        LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.AfterBlockTraffic, LifecycleEvent.ApplicationStop, LifecycleEvent.BeforeInstall,
        LifecycleEvent.AfterInstall, LifecycleEvent.ApplicationStart, LifecycleEvent.ValidateService, LifecycleEvent.BeforeAllowTraffic,
        LifecycleEvent.AfterAllowTraffic,
    ];

    /// <summary>The source article's appspec shape (stop, optional OpsWorks wait, start; optional second-group scripts),
    /// or scripts with random actions on random events.</summary>
    private static Gen<Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>> Hooks(List<TargetGroupSpec> groups) => Gen.Frequency(
        (1, Gen.Constant(new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>())),
        (5, from stopFail in Rate(60, 300)
            from wait in Chance(60)
            from startEvent in Gen.Elements(LifecycleEvent.AfterInstall, LifecycleEvent.ApplicationStart)
            from startDuration in Duration(30_000)
            from startFail in Rate(60, 300)
            from otherGroup in Gen.Choose(-1, groups.Count - 1)
            select Article(groups, stopFail, wait, startEvent, startDuration, startFail, otherGroup)),
        (3, from count in Gen.Choose(1, 6)
            from scripts in Gen.ListOf(RandomScript(groups), count)
            select Group(scripts)));

    private static Dictionary<LifecycleEvent, IReadOnlyList<HookScript>> Article(
        List<TargetGroupSpec> groups, double stopFail, bool wait, LifecycleEvent startEvent, Distribution startDuration, double startFail, int otherGroup)
    {
        var hooks = new Dictionary<LifecycleEvent, IReadOnlyList<HookScript>>
        {
            [LifecycleEvent.ApplicationStop] = [new HookScript { Location = "codedeploy/stop-application.sh", Action = ScriptAction.StopApplication, Timeout = SimDuration.FromSeconds(30), Duration = Distribution.Constant(5_000), FailureRate = stopFail }],
            [startEvent] = [new HookScript { Location = "codedeploy/start-application.sh", Action = ScriptAction.StartApplication, Duration = startDuration, FailureRate = startFail }],
        };
        if (wait) hooks[LifecycleEvent.BeforeInstall] = [new HookScript { Location = "codedeploy/setup-wait.sh", Action = ScriptAction.WaitForOpsWorks, Timeout = SimDuration.FromSeconds(900) }];
        if (otherGroup >= 0)
        {
            string tg = groups[otherGroup].Name;
            hooks[LifecycleEvent.BeforeBlockTraffic] = [new HookScript { Location = $"codedeploy/deregister-{tg}.sh", Action = ScriptAction.DeregisterTargetGroup, TargetGroup = tg, Timeout = SimDuration.FromSeconds(600), Duration = Distribution.Constant(2_000) }];
            hooks[LifecycleEvent.AfterAllowTraffic] = [new HookScript { Location = $"codedeploy/register-{tg}.sh", Action = ScriptAction.RegisterTargetGroup, TargetGroup = tg, Timeout = SimDuration.FromSeconds(600), Duration = Distribution.Constant(2_000) }];
        }
        return hooks;
    }

    private static Gen<(LifecycleEvent Event, HookScript Script)> RandomScript(List<TargetGroupSpec> groups) =>
        from ev in Gen.Elements(ScriptableEvents)
        from action in Gen.Elements(Enum.GetValues<ScriptAction>())
        from tg in Gen.Elements(groups.Select(g => g.Name).ToArray())
        from duration in Duration(10_000)
        from failure in Rate(60, 300)
        from id in Gen.Choose(0, 999)
        from processes in Gen.Choose(1, (int)AutoScalingProcesses.All)
        select (ev, new HookScript
        {
            Location = $"scripts/{action}-{id}.sh",
            Action = action,
            TargetGroup = action is ScriptAction.RegisterTargetGroup or ScriptAction.DeregisterTargetGroup ? tg : null,
            Processes = action is ScriptAction.SuspendProcesses or ScriptAction.ResumeProcesses ? (AutoScalingProcesses)processes : AutoScalingProcesses.None,
            Duration = duration,
            FailureRate = failure,
        });

    /// <summary>Groups scripts by event, sharing the event's 3600 s between their timeouts (docs/model.md#hook-timeouts).</summary>
    private static Dictionary<LifecycleEvent, IReadOnlyList<HookScript>> Group(List<(LifecycleEvent Event, HookScript Script)> scripts) =>
        scripts.GroupBy(x => x.Event).ToDictionary(
            g => g.Key,
            g =>
            {
                var list = g.Select(x => x.Script).ToList();
                long each = 3600 / list.Count;
                return (IReadOnlyList<HookScript>)list.Select((s, k) => s with { Timeout = SimDuration.FromSeconds(Math.Max(1, each - (k * 37 % Math.Max(1, each / 2)))) }).ToList();
            });

    private static Gen<BlueGreenSpec> BlueGreen() =>
        from wait in Gen.Choose(0, 120)
        from keepAlive in Chance(20)
        from reroute in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 60)))
        select new BlueGreenSpec
        {
            TerminationWait = SimDuration.FromMinutes(wait),
            KeepAlive = keepAlive,
            RerouteWait = reroute < 0 ? null : SimDuration.FromMinutes(reroute),
        };

    /// <summary>Instance refresh preferences as the API accepts them (docs/model.md#instance-refresh).</summary>
    private static Gen<InstanceRefreshSpec> InstanceRefresh() =>
        from min in Gen.Elements(0, 50, 80, 90, 100)
        from surge in Gen.Elements(0, 0, 10, 50, 100)
        from warmup in Seconds(0, 900)
        from checkpoints in Gen.Elements<int[]>([], [50], [20, 100], [10, 40, 100])
        from delay in Seconds(0, 3600)
        from flags in Gen.ListOf(Chance(30), 3).Select(l => l.ToArray())
        select new InstanceRefreshSpec
        {
            MinHealthyPercentage = min,
            MaxHealthyPercentage = Math.Min(min + 100, 100 + surge),
            InstanceWarmup = warmup,
            CheckpointPercentages = checkpoints,
            CheckpointDelay = delay,
            SkipMatching = flags[0],
            AutoRollback = flags[1],
            CodeDeployLaunchHook = flags[2],
        };

    private static Gen<GracefulRestartSpec> GracefulRestart() =>
        from hosts in Gen.Elements(HostsMode.Parallel, HostsMode.Sequential, HostsMode.Groups)
        from size in Gen.Choose(1, 5)
        from wait in Seconds(0, 30)
        from update in Duration(120_000)
        from quit in Gen.Elements(QuitOldMaster.AfterNewWorkersReady, QuitOldMaster.AfterNewWorkersReady, QuitOldMaster.OnFirstWorkerFork, QuitOldMaster.AfterDelay, QuitOldMaster.OnLastWorkerFork)
        from quitDelay in Millis(0, 5_000)
        select new GracefulRestartSpec
        {
            Hosts = hosts,
            GroupSize = hosts == HostsMode.Groups ? size : 2,
            WaitBetweenHosts = wait,
            CodeUpdateTime = update,
            QuitOldMaster = quit,
            QuitDelay = quitDelay,
        };
}
