using System.Text;
using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Tests.Reliability;

/// <summary>A scenario broke a reliability property; the message carries the problems and the scenario's YAML to replay.</summary>
public sealed class ReliabilityFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What every valid scenario must do: run to its horizon (or until nothing is left to happen) without
/// reaching the event budget, hold every model invariant, give finite results, give identical results when run again,
/// when its printed YAML is loaded and run, and when its replications run in parallel.</summary>
internal static class ReliabilityChecks
{
    /// <summary>Checks <paramref name="scenario"/>; throws <see cref="ReliabilityFailure"/> listing every problem with the
    /// scenario's YAML (paste it into <see cref="RegressionTests"/> to keep the case).</summary>
    public static void Check(Scenario scenario) => Check(scenario, out _);

    /// <summary>As <see cref="Check(Scenario)"/>, also returning the serial run's results (null when it threw).</summary>
    public static void Check(Scenario scenario, out IReadOnlyList<ReplicationResult>? results)
    {
        string yaml = ScenarioYaml.Print(scenario);
        var problems = new List<string>();
        Exception? first = null;

        var serial = Run(scenario, 1, "serial run", problems, ref first);
        results = serial;
        if (serial is not null)
        {
            foreach (var r in serial)
            {
                if (r.StopReason is not (StopReason.Horizon or StopReason.Empty))
                    problems.Add($"replication {r.Replication} stopped by {r.StopReason} after {r.EventsProcessed} events (budget {scenario.EventBudget})");
                // Rounding leaves request integrals a hair below zero (UnservedRequests down to -7e-10 seen; see
                // RegressionTests): tolerate a millionth of the demand.
                double tolerance = 1e-6 * Math.Max(1, r.DemandRequests);
                foreach (var (field, value) in Numbers(r))
                    if (!double.IsFinite(value) || value < -tolerance) problems.Add($"replication {r.Replication}: {field} is {value}");
                problems.AddRange(Sanity(scenario, r).Select(p => $"replication {r.Replication}: {p}"));
            }
        }

        Scenario? loaded = null;
        try
        {
            loaded = ScenarioLoader.LoadText(yaml, "generated.yaml", Path.GetTempPath());
        }
        catch (ScenarioException ex)
        {
            problems.Add("the printed YAML does not load:\n  " + string.Join("\n  ", ex.Errors));
        }
        if (loaded is not null)
        {
            string again = ScenarioYaml.Print(loaded);
            if (again != yaml) problems.Add("the loaded YAML is another scenario: " + FirstDifference(yaml, again));
            var replayed = Run(loaded, 1, "run of the loaded YAML", problems, ref first);
            if (serial is not null && replayed is not null) Compare(serial, replayed, "run of the loaded YAML", problems);
        }

        var parallel = Run(scenario, 2, "parallel run", problems, ref first);
        if (serial is not null && parallel is not null) Compare(serial, parallel, "parallel run", problems);

        if (problems.Count > 0)
            throw new ReliabilityFailure($"{problems.Count} problem(s):\n- {string.Join("\n- ", problems)}\n--- scenario YAML (replay) ---\n{yaml}", first);
    }

    private static IReadOnlyList<ReplicationResult>? Run(Scenario s, int threads, string what, List<string> problems, ref Exception? first)
    {
        try
        {
            return ScenarioRunner.Run(s, threads, checkInvariants: true).Replications;
        }
        catch (Exception ex)
        {
            var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : ex;
            problems.Add($"{what} threw {inner.GetType().Name}: {inner.Message}");
            first ??= inner;
            return null;
        }
    }

    /// <summary>Replication results equal field by field (PhaseSeconds by content).</summary>
    public static bool Same(ReplicationResult x, ReplicationResult y) =>
        x with { PhaseSeconds = y.PhaseSeconds } == y && x.PhaseSeconds.OrderBy(p => p.Key).SequenceEqual(y.PhaseSeconds.OrderBy(p => p.Key));

    private static void Compare(IReadOnlyList<ReplicationResult> expected, IReadOnlyList<ReplicationResult> actual, string what, List<string> problems)
    {
        if (expected.Count != actual.Count)
        {
            problems.Add($"{what}: {actual.Count} replications instead of {expected.Count}");
            return;
        }
        for (int k = 0; k < expected.Count; k++)
            if (!Same(expected[k], actual[k]))
                problems.Add($"{what}: replication {k} differs from the serial run:\n  serial: {expected[k]}\n  {what}: {actual[k]}");
    }

    /// <summary>Relations every result must satisfy, whatever the scenario.</summary>
    private static IEnumerable<string> Sanity(Scenario s, ReplicationResult r)
    {
        const double eps = 1e-6;
        double hours = s.Horizon.TotalHours;
        if (r.ServedRequests > r.DemandRequests * (1 + eps) + eps) yield return $"served {r.ServedRequests} exceeds demand {r.DemandRequests}";
        if (r.MinServingCapacityPct > 100 + eps) yield return $"minimum serving capacity {r.MinServingCapacityPct} % is above the capacity before the rollout";
        if (r.InstanceHours > (r.PeakInstances * hours) + eps) yield return $"{r.InstanceHours} instance-hours with at most {r.PeakInstances} instances over {hours} h";
        if (r.RolloutInstanceHours > r.InstanceHours + eps) yield return $"rollout instance-hours {r.RolloutInstanceHours} exceed the run's {r.InstanceHours}";
        if (r.AbandonedLaunches > r.Launches) yield return $"{r.AbandonedLaunches} abandoned launches of {r.Launches}";
        if (r.StaleInstances > r.PeakInstances || r.UnfinishedInstances > r.Launches + r.PeakInstances) yield return $"stale {r.StaleInstances} / unfinished {r.UnfinishedInstances} instances with peak {r.PeakInstances}";
        // A steady fleet with nothing scheduled needs no event (its health checks cross no threshold:
        // docs/model.md#health-check-scheduling); a deployment always does.
        if (r.EventsProcessed <= 0 && s.Fleet.Deployment.StartAt is not null) yield return "no event was processed";
        if (s.Fleet.Deployment.StartAt is { } start)
        {
            if (r.Outcome == DeploymentOutcome.None) yield return "the deployment never started";
            if (r.RolloutSeconds > (s.Horizon - start).TotalSeconds + eps) yield return $"rollout {r.RolloutSeconds} s is longer than the time from its start to the horizon";
        }
        else if (r.Outcome != DeploymentOutcome.None || r.RolloutSeconds != 0)
        {
            yield return $"no deployment, yet outcome {r.Outcome} after {r.RolloutSeconds} s";
        }
        foreach (var (ev, sec) in r.PhaseSeconds)
            if (sec > s.Horizon.TotalSeconds + eps) yield return $"{ev} took {sec} s on average, longer than the horizon";
    }

    private static IEnumerable<(string, double)> Numbers(ReplicationResult r)
    {
        yield return (nameof(r.RolloutSeconds), r.RolloutSeconds);
        yield return (nameof(r.MinServingCapacityPct), r.MinServingCapacityPct);
        yield return (nameof(r.UnservedRequests), r.UnservedRequests);
        yield return (nameof(r.FailedRequests), r.FailedRequests);
        yield return (nameof(r.ServedRequests), r.ServedRequests);
        yield return (nameof(r.DemandRequests), r.DemandRequests);
        yield return (nameof(r.InstanceHours), r.InstanceHours);
        yield return (nameof(r.RolloutInstanceHours), r.RolloutInstanceHours);
        yield return (nameof(r.PeakMemoryPct), r.PeakMemoryPct);
        foreach (var (ev, s) in r.PhaseSeconds) yield return ($"PhaseSeconds[{ev}]", s);
    }

    private static string FirstDifference(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        for (int i = 0; i < Math.Max(la.Length, lb.Length); i++)
        {
            string x = i < la.Length ? la[i] : "<end>", y = i < lb.Length ? lb[i] : "<end>";
            if (x != y) return new StringBuilder().Append("line ").Append(i + 1).Append(":\n  printed: ").Append(x).Append("\n  loaded:  ").Append(y).ToString();
        }
        return "(no line differs)";
    }
}
