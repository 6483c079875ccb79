using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>Maps a parsed scenario document onto the <see cref="Scenario"/> records, collecting every problem.
/// Absent fields keep the records' defaults; a field with a problem keeps its default so that reading goes on.</summary>
internal static partial class ScenarioMapper
{
    /// <summary>Simulator limit on fleet size (arrays are sized per replication).</summary>
    public const int MaxInstances = 100_000;

    private static string DefaultName(string source)
    {
        string stem = Path.GetFileNameWithoutExtension(source);
        return stem.Length > 0 ? stem : "scenario";
    }

    /// <summary>Maps the document; returns null only when the root is not a mapping. Check ctx.Errors before using the result.</summary>
    public static Scenario? Map(ReadContext ctx, YamlNode root)
    {
        if (root is not YamlMapping map)
        {
            ctx.Error(root, "", $"wrong type: expected a mapping of scenario fields, got {root.Describe()}");
            return null;
        }
        var r = new ObjectReader(ctx, map, "", "scenario");
        var d = new Scenario { Name = "", Fleets = [] };
        // Optional: a scenario that is only `deployment: { appspec: ... }` is named after its file.
        string name = r.Text("name") ?? DefaultName(map.Source);
        var horizon = r.Duration("horizon", d.Horizon, DurationRange.Positive);
        var settings = new Scenario
        {
            Name = name,
            Seed = r.UInt64("seed", d.Seed),
            Replications = r.Int("replications", d.Replications, 1, 1_000_000),
            Horizon = horizon,
            EventBudget = r.Integer("eventBudget", d.EventBudget, 1, long.MaxValue),
            Era = r.Keyword("era", d.Era, ScenarioFormat.Era),
            Fleets = [],
        };
        return WithFleetsAndPipeline(r, settings, horizon);
    }

    private static InstanceSpec Instances(ObjectReader? r)
    {
        var d = new InstanceSpec();
        if (r is null) return d;
        long memory = r.Mebibytes("memory", d.MemoryMiB, min: 1);
        long reserved = r.Mebibytes("reservedMemory", d.ReservedMemoryMiB);
        if (reserved >= memory && r.Get("reservedMemory") is not null)
            r.Error("reservedMemory", $"{reserved}MiB leaves nothing of the instance's {memory}MiB for the application");
        return new InstanceSpec
        {
            MemoryMiB = memory,
            ReservedMemoryMiB = reserved,
            BootTime = r.Distribution("bootTime", d.BootTime),
            AgentReadyTime = r.Distribution("agentReadyTime", d.AgentReadyTime),
            FailureRatePerHour = r.Number("failureRatePerHour", d.FailureRatePerHour, 0, 1000, "must be from 0 to 1000 per instance-hour"),
        };
    }

    private static OpsWorksSpec OpsWorks(ObjectReader? r)
    {
        var d = new OpsWorksSpec();
        if (r is null) return d;
        return new OpsWorksSpec
        {
            Enabled = r.Bool("enabled", d.Enabled),
            SetupTime = r.Distribution("setupTime", d.SetupTime),
            SetupFailureRate = r.Rate("setupFailureRate", d.SetupFailureRate),
            WaitPollInterval = r.Duration("waitPollInterval", d.WaitPollInterval, DurationRange.Positive),
            WaitMaxPolls = r.Int("waitMaxPolls", d.WaitMaxPolls, 1, 1_000_000),
        };
    }

    private static UnicornSpec Unicorn(ObjectReader? r)
    {
        var d = new UnicornSpec();
        if (r is null) return d;
        long worker = r.Mebibytes("workerMemory", d.WorkerMemoryMiB, min: 1);
        long cap = r.Mebibytes("workerMemoryCap", d.WorkerMemoryCapMiB, min: 1);
        if (cap < worker)
            r.Error(r.Get("workerMemoryCap") is not null ? "workerMemoryCap" : "workerMemory",
                $"workerMemoryCap ({cap}MiB) is below workerMemory ({worker}MiB)");
        long? limit = r.Get("workerMemoryLimit") is null ? null : r.Mebibytes("workerMemoryLimit", 0, min: 1);
        if (limit <= worker)
            r.Error("workerMemoryLimit", $"workerMemoryLimit ({limit}MiB) must be above workerMemory ({worker}MiB): a fresh worker would be recycled at once");
        return new UnicornSpec
        {
            Workers = r.Int("workers", d.Workers, 1, 1024),
            MasterMemoryMiB = r.Mebibytes("masterMemory", d.MasterMemoryMiB),
            WorkerMemoryMiB = worker,
            WorkerMemoryGrowthPerHourMiB = r.Mebibytes("workerMemoryGrowthPerHour", d.WorkerMemoryGrowthPerHourMiB),
            WorkerMemoryCapMiB = cap,
            BootTime = r.Distribution("bootTime", d.BootTime),
            WorkerForkInterval = r.Duration("workerForkInterval", d.WorkerForkInterval, DurationRange.Any),
            RequestsPerSecondPerWorker = r.Number("requestsPerSecondPerWorker", d.RequestsPerSecondPerWorker, double.Epsilon, 1e9, "must be more than zero"),
            SharedMemory = r.Rate("sharedMemory", d.SharedMemory),
            UptimeAtDeploy = r.Duration("uptimeAtDeploy", d.UptimeAtDeploy, DurationRange.Any),
            WorkerMemoryLimitMiB = limit,
        };
    }

    private static TrafficSpec Traffic(ObjectReader? r, IReadOnlyList<TargetGroupSpec> targetGroups)
    {
        var d = new TrafficSpec();
        if (r is null) return d;
        var profile = new List<TrafficPoint>();
        if (r.Sequence("profile", "traffic points {at, requestsPerSecond}") is { } seq)
        {
            SimDuration? previous = null;
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (Item(r, "profile", seq, i, "trafficPoint") is not { } p) continue;
                var atNode = p.Get("at");
                var at = p.Duration("at", SimDuration.Zero, DurationRange.Any);
                if (atNode is null) p.Missing("at");
                if (p.Get("requestsPerSecond") is null) p.Missing("requestsPerSecond");
                double rps = p.Number("requestsPerSecond", 0, 0, 1e12, "must be zero or more");
                if (atNode is not null && previous is { } prev && at <= prev)
                    p.Error("at", $"{at} is not after the previous point's {prev}: profile times must increase");
                previous = at;
                profile.Add(new TrafficPoint(at, rps));
            }
        }
        double constant = r.Number("requestsPerSecond", d.RequestsPerSecond, 0, 1e12, "must be zero or more");
        var bursts = Bursts(r);
        return new TrafficSpec
        {
            RequestsPerSecond = constant,
            Profile = DemandBursts.Fold(profile, constant, bursts),
            Bursts = bursts,
            Share = Shares(r, targetGroups),
        };
    }

    /// <summary><c>traffic.bursts</c>: {at, for, factor, ramp (default 1 s)}; the ramps fit inside the burst.</summary>
    private static List<DemandBurst> Bursts(ObjectReader r)
    {
        var bursts = new List<DemandBurst>();
        if (r.Sequence("bursts", "demand bursts {at, for, factor, ramp}") is not { } seq) return bursts;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (Item(r, "bursts", seq, i, "burst") is not { } b) continue;
            foreach (var key in new[] { "at", "for", "factor" }) if (b.Get(key) is null) b.Missing(key);
            var at = b.Duration("at", SimDuration.Zero, DurationRange.Any);
            var length = b.Duration("for", SimDuration.FromSeconds(2), DurationRange.Positive);
            var ramp = b.Duration("ramp", SimDuration.FromSeconds(1), DurationRange.Positive);
            double factor = b.Number("factor", 1, double.Epsilon, 1e6, "must be more than zero (below 1: a dip)");
            if (b.Get("for") is not null && ramp.Milliseconds * 2 > length.Milliseconds)
                b.Error("for", $"{length} is shorter than the two ramps ({ramp} each): make the burst longer or the ramp shorter");
            bursts.Add(new DemandBurst(at, length, factor, ramp));
        }
        return bursts;
    }

    /// <summary><c>traffic.share</c>: each target group's share of the demand, naming every group, summing to 1.</summary>
    private static IReadOnlyDictionary<string, double> Shares(ObjectReader r, IReadOnlyList<TargetGroupSpec> targetGroups)
    {
        if (r.Mapping("share", "target group names to demand shares") is not { } map) return new TrafficSpec().Share;
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = targetGroups.Select(t => t.Name).ToList();
        foreach (var (key, node) in map.Entries)
        {
            string field = ReadContext.Join(r.Field("share"), key.Value);
            if (!names.Contains(key.Value))
                r.Context.Error(key, field, $"'{key.Value}' is not a target group of this fleet{DidYouMean.Hint(key.Value, names)}");
            else if (ScalarReader.Number(r.Context, node, field, 0, 1, "a share must be from 0 to 1", out double share))
                shares[key.Value] = share;
        }
        if (shares.Count != names.Count || map.Entries.Count != names.Count)
        {
            var missing = names.Where(n => !shares.ContainsKey(n)).ToList();
            if (missing.Count > 0) r.Error("share", $"no share for target group {string.Join(", ", missing.Select(n => $"'{n}'"))}: give every target group its share (or none, for equal shares)");
            return shares;
        }
        double sum = shares.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-9) r.Error("share", $"the shares add up to {sum.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture)}: they must add up to 1");
        return shares;
    }

    /// <summary>Element <paramref name="i"/> of a list of mappings of <paramref name="shape"/>, or null (reported) if not a mapping.</summary>
    private static ObjectReader? Item(ObjectReader parent, string key, YamlSequence seq, int i, string shape)
    {
        var node = seq.Items[i];
        var field = ReadContext.Join(parent.Field(key), i);
        if (node is YamlMapping m) return new ObjectReader(parent.Context, m, field, shape);
        parent.Context.Error(node, field, $"wrong type: expected a mapping of {shape} fields, got {node.Describe()}");
        return null;
    }
}
