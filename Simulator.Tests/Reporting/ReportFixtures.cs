using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Reporting;

/// <summary>Hand-made results and traces shaped like the model's, for reporting tests (the model does not exist yet).</summary>
internal static class ReportFixtures
{
    public static readonly LifecycleEvent[] InPlaceEvents =
    [
        LifecycleEvent.BeforeBlockTraffic, LifecycleEvent.BlockTraffic, LifecycleEvent.AfterBlockTraffic,
        LifecycleEvent.ApplicationStop, LifecycleEvent.DownloadBundle, LifecycleEvent.BeforeInstall, LifecycleEvent.Install,
        LifecycleEvent.AfterInstall, LifecycleEvent.ApplicationStart, LifecycleEvent.ValidateService,
        LifecycleEvent.BeforeAllowTraffic, LifecycleEvent.AllowTraffic, LifecycleEvent.AfterAllowTraffic,
    ];

    private static readonly double[] s_eventSeconds = [1, 305, 1, 8, 3, 2, 2, 4, 45, 20, 1, 95, 1];

    public static Scenario Scenario(string name = "web-fleet", StrategyKind strategy = StrategyKind.InPlace) =>
        new() { Name = name, Fleets = [new FleetSpec { Name = name, Deployment = new DeploymentSpec { Strategy = strategy } }] };

    /// <summary><paramref name="count"/> replications with varied, exactly representable figures; every fifth fails.</summary>
    public static List<ReplicationResult> Results(int count, double scale = 1.0) =>
        Enumerable.Range(0, count).Select(i => new ReplicationResult
        {
            Replication = i,
            Outcome = i % 5 == 4 ? DeploymentOutcome.Failed : DeploymentOutcome.Succeeded,
            RolloutSeconds = scale * (1800 + 37.25 * i),
            FailureReason = i % 5 == 4 ? (i % 10 == 4 ? FailureReasons.ScriptFailed : FailureReasons.InstanceTerminated) : null,
            TimeToFailureSeconds = i % 5 == 4 ? scale * (600 + 10.5 * i) : double.NaN,
            PhaseSeconds = InPlaceEvents.Select((e, k) => (e, v: s_eventSeconds[k] + 0.5 * (i % 3)))
                .Where(x => x.e != LifecycleEvent.AfterBlockTraffic || i % 2 == 0)
                .ToDictionary(x => x.e, x => x.v),
            MinServingCapacityPct = 75 - (i % 4) * 12.5,
            UnservedRequests = 1234.5 * i,
            FailedRequests = 17 * i,
            ServedRequests = 1_000_000 + i,
            DemandRequests = 1_001_234.5 + i,
            PeakInstances = 4 + i % 2,
            InstanceHours = 12.25 + 0.5 * i,
            PeakMemoryPct = 61.5 + i,
            OomKills = i % 3 == 2 ? 1 : 0,
            Launches = i % 2,
            AbandonedLaunches = 0,
            StaleInstances = i % 5 == 4 ? 1 : 0,
            EventsProcessed = 25_000 + 100 * i,
            TraceFingerprint = 0x0123_4567_89ab_cdefUL + (ulong)i,
            StopReason = StopReason.Horizon,
        }).ToList();

    public static RunSummary Summary(string name = "web-fleet", StrategyKind strategy = StrategyKind.InPlace, int replications = 10, double scale = 1.0) =>
        RunSummary.From(Scenario(name, strategy), Results(replications, scale));

    /// <summary>An in-place OneAtATime rollout over <paramref name="instances"/> instances starting at 1 h: each instance
    /// leaves the load balancer, restarts and comes back; instance 2's ValidateService fails once when
    /// <paramref name="withFailure"/>. Capacity steps down by one instance's share while an instance is out.</summary>
    public static ReplicationDetail Detail(int instances = 4, bool withFailure = true, double stretch = 1.0)
    {
        const double perInstanceRps = 50, demandRps = 140;
        var start = SimTime.FromSeconds(3600);
        var timeline = new List<TimelineSpan>();
        var series = new List<SeriesPoint> { new(SimTime.Zero, instances * perInstanceRps, demandRps, instances, instances, 40, 38) };
        var memory = new List<MemoryPoint>();
        for (int i = 0; i < instances; i++)
        {
            memory.Add(new MemoryPoint(SimTime.Zero, i, 3000 + 37 * (i % 20)));
            memory.Add(new MemoryPoint(SimTime.FromSeconds(1800), i, 3400 + 41 * (i % 20)));
        }
        var t = start;
        for (int i = 0; i < instances; i++)
        {
            var instanceStart = t;
            for (int k = 0; k < InPlaceEvents.Length; k++)
            {
                var e = InPlaceEvents[k];
                var end = t + SimDuration.FromSecondsRounded(s_eventSeconds[k] * stretch);
                bool failed = withFailure && i == 2 && e == LifecycleEvent.ValidateService;
                timeline.Add(new TimelineSpan(i, "deployment", e.ToString(), t, end, failed ? "Failed" : "Succeeded"));
                if (e == LifecycleEvent.BlockTraffic)
                    series.Add(new SeriesPoint(end, (instances - 1) * perInstanceRps, demandRps + i % 10, instances, instances - 1, 45, 39));
                if (e == LifecycleEvent.ApplicationStart)
                {
                    memory.Add(new MemoryPoint(t, i, 900));
                    memory.Add(new MemoryPoint(end, i, 5200 + 13 * (i % 20)));
                }
                t = end;
                if (failed) break;
            }
            series.Add(new SeriesPoint(t, instances * perInstanceRps, demandRps + i % 10, instances, instances, 64 + i % 10, 41));
            timeline.Add(new TimelineSpan(i, "state", "InService", SimTime.Zero, instanceStart, "Succeeded"));
            timeline.Add(new TimelineSpan(i, "state", "OutOfService", instanceStart, t, "Succeeded"));
        }
        series.Add(new SeriesPoint(t + SimDuration.FromMinutes(30), instances * perInstanceRps, demandRps, instances, instances, 45, 40));
        return new ReplicationDetail
        {
            Timeline = timeline,
            Series = series,
            Memory = memory,
            DeploymentStart = start,
            DeploymentEnd = t,
            InstanceMemoryMiB = 8192,
        };
    }

    public static IReadOnlyList<SweepRow> Sweep(params string[][] parameterSets) =>
        parameterSets.Select((set, i) => new SweepRow(
            set.Select(p => p.Split('=', 2)).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1])).ToList(),
            Summary(replications: 5, scale: 1 + 0.25 * i))).ToList();

    public static IReadOnlyList<PlanRow> Plan()
    {
        var rows = new List<PlanRow>();
        foreach (var strategy in Enum.GetValues<StrategyKind>())
            foreach (var mib in new long[] { 4096, 8192, 16384 })
            {
                int workers = (int)(mib / 1024) - 1 - (int)strategy;
                int needed = (int)Math.Ceiling(140.0 / (workers * 3.0)) + (strategy == StrategyKind.BlueGreen ? 0 : 1);
                rows.Add(new PlanRow(strategy, mib, workers, needed,
                    MetricSummary.Of([needed, needed + 1.0]), MetricSummary.Of([needed * 1.5, needed * 1.75]),
                    MetricSummary.Of([1800, 2000]), MetricSummary.Of([80.5, 87.25]), 1, "safe"));
            }
        return rows;
    }
}
