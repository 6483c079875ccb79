using System.Globalization;
using DeploySim.Cloud.CodeDeploy;
using DeploySim.Engine;

namespace DeploySim.Scenarios;

// Configurations that cannot work, found before running (docs/model.md#checks-before-running): a deployment
// configuration CodeDeploy refuses on the fleet (HEALTH_CONSTRAINTS_INVALID, an error), and, as warnings, a fleet whose
// steady-state memory exceeds its instances or whose demand exceeds its capacity before any deployment.
internal static partial class ScenarioMapper
{
    /// <summary>Checks one mapped fleet; problems point at the fleet's own fields (or its mapping when they are absent).</summary>
    private static void CheckFeasibility(ObjectReader f, FleetSpec fleet, Scenario scenario)
    {
        var start = fleet.Deployment.StartAt ?? scenario.Pipeline?.MergeAt;
        CheckHealthConstraints(f, fleet, start);
        var until = start ?? scenario.Horizon;
        CheckMemory(f, fleet, until);
        CheckDemand(f, fleet, until);
    }

    /// <summary>CodeDeploy refuses, at create-deployment, a configuration whose minimum healthy hosts the fleet cannot
    /// keep while taking one instance out (docs/model.md#minimum-healthy-hosts).</summary>
    private static void CheckHealthConstraints(ObjectReader f, FleetSpec fleet, SimDuration? start)
    {
        var d = fleet.Deployment;
        if (start is not { } at || d.Strategy is StrategyKind.GracefulRestart or StrategyKind.InstanceRefresh) return;
        int instances = DesiredAt(fleet.AutoScaling, at);
        var rules = new DeploymentRules(d.Config, instances);
        if (!rules.FailsImmediately) return;
        var (node, field) = Locate(f, "deployment", "deploymentConfig");
        f.Context.Error(node, field, Invariant($"{Metrics.FailureReasons.HealthConstraintsInvalid}: {d.Config.Name} keeps at least {rules.MinimumHealthy} of the {instances} ")
            + Invariant($"instances in service at the deployment's start ({at}) healthy, so it can never take one out: CodeDeploy refuses it at create-deployment"));
    }

    /// <summary>Memory of an instance before any deployment: reserved, the master, and every worker grown from
    /// <c>unicorn.uptimeAtDeploy</c> until <paramref name="until"/> (up to the cap and the worker-killer limit; the pages
    /// shared with the master under preload_app counted once), against the instance's memory.</summary>
    private static void CheckMemory(ObjectReader f, FleetSpec fleet, SimDuration until)
    {
        var u = fleet.Unicorn;
        double hours = (u.UptimeAtDeploy + until).Milliseconds / 3_600_000.0;
        double grown = Math.Min(u.WorkerMemoryCapMiB, u.WorkerMemoryMiB + (u.WorkerMemoryGrowthPerHourMiB * hours));
        if (u.WorkerMemoryLimitMiB is { } limit) grown = Math.Min(grown, limit);
        double worker = Math.Max(u.WorkerMemoryMiB, grown) - u.SharedMiB;
        double used = fleet.Instances.ReservedMemoryMiB + u.MasterMemoryMiB + (u.Workers * worker);
        if (used <= fleet.Instances.MemoryMiB) return;
        var (node, field) = Locate(f, "unicorn", "workers");
        f.Context.Warn(node, field, Invariant($"steady-state memory {used:0} MiB (reserved {fleet.Instances.ReservedMemoryMiB} + master {u.MasterMemoryMiB} + {u.Workers} workers x {worker:0} MiB ")
            + Invariant($"grown by {until}) exceeds the instance's {fleet.Instances.MemoryMiB} MiB: the OOM killer fires before any deployment"));
    }

    /// <summary>Demand against the serving capacity of the desired instances (workers x requests per second each)
    /// before the deployment. Between two moments where either changes, capacity is constant and demand linear, so
    /// checking both ends of each interval against the interval's capacity is exact.</summary>
    private static void CheckDemand(ObjectReader f, FleetSpec fleet, SimDuration until)
    {
        var t = fleet.Traffic;
        var moments = new List<SimDuration> { SimDuration.Zero, until };
        moments.AddRange(t.Profile.Select(p => p.At));
        moments.AddRange(fleet.AutoScaling.ScheduledActions.Select(a => a.At));
        var sorted = moments.Where(m => m >= SimDuration.Zero && m <= until).Distinct().Order().ToList();
        double perInstance = fleet.Unicorn.Workers * fleet.Unicorn.RequestsPerSecondPerWorker;
        var desired = new DesiredCapacityWalk(fleet.AutoScaling);   // one pass over the actions, not one per moment
        for (int i = 0; i < sorted.Count; i++)
        {
            int instances = desired.At(sorted[i]);
            double capacity = instances * perInstance;
            var at = sorted[i];
            double demand = DemandAt(t, at);
            if (demand <= capacity && i + 1 < sorted.Count) (at, demand) = (sorted[i + 1], DemandAt(t, sorted[i + 1]));
            if (demand <= capacity) continue;
            var (node, field) = Locate(f, "traffic", t.Profile.Count > 0 ? "profile" : "requestsPerSecond");
            string unit = fleet.Kind == FleetKind.Worker ? "jobs/s" : "requests/s";
            f.Context.Warn(node, field, Invariant($"demand {demand:0.##} {unit} at {at} exceeds the fleet's capacity {capacity:0.##} {unit} ")
                + Invariant($"({instances} instances x {fleet.Unicorn.Workers} workers x {fleet.Unicorn.RequestsPerSecondPerWorker:0.##}) before any deployment"));
            return;
        }
    }

    private static double DemandAt(TrafficSpec t, SimDuration at)
    {
        var p = t.Profile;
        if (p.Count == 0) return t.RequestsPerSecond;
        if (at <= p[0].At) return p[0].RequestsPerSecond;
        for (int k = 0; k + 1 < p.Count; k++)
        {
            if (at > p[k + 1].At) continue;
            double share = (at - p[k].At).Milliseconds / (double)(p[k + 1].At - p[k].At).Milliseconds;
            return p[k].RequestsPerSecond + (share * (p[k + 1].RequestsPerSecond - p[k].RequestsPerSecond));
        }
        return p[^1].RequestsPerSecond;
    }

    /// <summary>The desired capacity once the scheduled actions up to <paramref name="at"/> have run.</summary>
    internal static int DesiredAt(AutoScalingSpec asg, SimDuration at) => new DesiredCapacityWalk(asg).At(at);

    /// <summary>The desired capacity at moments asked in increasing order: the scheduled actions (in time order, ties
    /// in file order) are applied once each, so a fleet with thousands of actions is checked in O(n log n).</summary>
    private sealed class DesiredCapacityWalk(AutoScalingSpec asg)
    {
        private readonly ScheduledAction[] _actions = [.. asg.ScheduledActions.OrderBy(a => a.At)];
        private int _next, _desired = asg.DesiredCapacity, _min = asg.MinSize, _max = asg.MaxSize;

        public int At(SimDuration at)
        {
            for (; _next < _actions.Length && _actions[_next].At <= at; _next++)
            {
                var a = _actions[_next];
                _min = a.MinSize ?? _min;
                _max = a.MaxSize ?? _max;
                _desired = Math.Clamp(a.DesiredCapacity ?? _desired, _min, _max);
            }
            return _desired;
        }
    }

    /// <summary>The node and field path of <c>section.key</c> under the fleet: the value, else the section, else the fleet.</summary>
    private static (YamlNode Node, string Field) Locate(ObjectReader f, string section, string key)
    {
        string field = ReadContext.Join(f.Field(section), key);
        if (!f.Node.TryGet(section, out var s)) return (f.Node, field);
        if (s.Value is YamlMapping m && m.TryGet(key, out var k)) return (k.Value, field);
        return (s.Value, field);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
