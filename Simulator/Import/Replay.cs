using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;
using DeploySim.Running;

namespace DeploySim.Import;

/// <summary>Observed against simulated durations (seconds) of one lifecycle event, or of the whole rollout.</summary>
internal sealed record Comparison(string Name, double[] Observed, double[] Simulated)
{
    public MetricSummary ObservedStats { get; } = MetricSummary.Of(Observed);
    public MetricSummary SimulatedStats { get; } = MetricSummary.Of(Simulated);
    /// <summary>Two-sample Kolmogorov-Smirnov distance between the two samples (NaN when one is empty).</summary>
    public double KsDistance { get; } = DurationFit.KsDistance(Observed, Simulated);
    /// <summary>The distance two samples of these sizes from one distribution stay under 95 % of the time
    /// (Kolmogorov-Smirnov, asymptotic: 1.358 √((n + m) / (n m))); NaN when one is empty.</summary>
    public double KsCritical => Observed.Length == 0 || Simulated.Length == 0 ? double.NaN
        : 1.358 * Math.Sqrt((Observed.Length + Simulated.Length) / ((double)Observed.Length * Simulated.Length));

    /// <summary>True when the KS distance is beyond the sampling error (above <see cref="KsCritical"/>).</summary>
    public bool BeyondSamplingError => KsDistance > KsCritical;

    /// <summary>(simulated p50 − observed p50) / observed p50, in percent (NaN when either is missing).</summary>
    public double P50DiffPct => Observed.Length == 0 || Simulated.Length == 0 || ObservedStats.P50 == 0 ? double.NaN
        : 100 * (SimulatedStats.P50 - ObservedStats.P50) / ObservedStats.P50;
}

/// <summary>The result of <c>deploysim replay</c>.</summary>
internal sealed record ReplayResult(
    string Scenario, ulong Seed, int Replications, int Deployments, int Instances, IReadOnlyList<Comparison> Events, Comparison Rollout,
    IReadOnlyDictionary<DeploymentOutcome, int> Outcomes, IReadOnlyList<string> Notes, Comparison? FailedRollout = null)
{
    /// <summary>The rows of the table: each event, the successful rollouts, and the failed ones when there are any.</summary>
    public IEnumerable<Comparison> Rows => Events.Append(Rollout).Concat(FailedRollout is { } f ? [f] : []);
}

/// <summary>Runs a scenario and sets its lifecycle event times beside those of past deployments.</summary>
/// <remarks>
/// Simulated durations are those of every lifecycle event that succeeded on an instance from the deployment's start
/// on, in every replication (the first replication's timeline alone would be one deployment). The rollout is measured
/// the same way on both sides: from the first lifecycle event's start to the last one's end (a blue/green
/// deployment's provisioning before its first event and its termination wait after the last are not in it); one value
/// per observed deployment and per replication, successful ones (no event failed or unfinished; the replication
/// succeeded) apart from the others ("rollout (failed)"). Failed and skipped events are left out on both sides. The
/// fleet's desired capacity is checked against each observed deployment's target count (loudly noted). Replications
/// run in parallel; results do not depend on the thread count. In a scenario with several fleets, one fleet is
/// compared (<c>--fleet</c>); the scenario runs whole, so a pipeline starts that fleet's deployment as it would.
/// </remarks>
internal static class Replay
{
    /// <summary>Replay's replications unless <c>--replications</c> says otherwise: at least this many, whatever the
    /// scenario's <c>replications</c>, so the simulated distributions are not what decides the comparison.</summary>
    public const int MinimumReplications = 200;

    /// <summary>Runs <paramref name="scenario"/> through the one runner (its pipeline included) and compares fleet
    /// <paramref name="fleet"/>'s deployments with <paramref name="history"/>.</summary>
    public static ReplayResult Run(Scenario scenario, DeploymentHistory history, int threads = 0, Action<int>? onCompleted = null,
        CancellationToken cancellation = default, int fleet = 0)
    {
        bool blueGreen = scenario.Fleets[fleet].Deployment.Strategy == StrategyKind.BlueGreen;
        var runs = Runner.Observe(scenario, fleet, (detail, r) => Observe(detail, r.Fleets[fleet].Outcome, blueGreen), threads, onCompleted, cancellation);

        var observed = history.ByEvent().ToDictionary(o => o.Event, o => o.Seconds);
        var simulated = new SortedDictionary<LifecycleEvent, List<double>>();
        foreach (var run in runs)
        {
            foreach (var (ev, seconds) in run.Events)
            {
                if (!simulated.TryGetValue(ev, out var list)) simulated[ev] = list = [];
                list.Add(seconds);
            }
        }
        var notes = new List<string>(history.Notes);
        var events = new List<Comparison>();
        var instant = new List<string>();
        foreach (var ev in Enum.GetValues<LifecycleEvent>())
        {
            bool seen = observed.TryGetValue(ev, out var o) && o.Length > 0;
            bool ran = simulated.TryGetValue(ev, out var s);
            if (!seen && !ran) continue;
            if (seen && !ran && o!.Average() < 1) instant.Add(ev.ToString());
            else if (seen && !ran) notes.Add($"{ev} was observed but the scenario does not run it (no scripts, or no load balancer for the traffic events)");
            if (!seen && ran) notes.Add($"{ev} runs in the scenario but was not observed (or never succeeded)");
            events.Add(new Comparison(ev.ToString(), o ?? [], s is null ? [] : [.. s]));
        }
        if (instant.Count > 0)
            notes.Add($"observed in well under a second, and not run by the scenario (no scripts): {string.Join(", ", instant)} "
                + "(deployment.emptyEventTime and agentEventGap run them; deploysim fit sets both)");
        var gaps = new Comparison(GapRow, history.EventGaps().Seconds, [.. runs.SelectMany(r => r.Gaps)]);
        if (gaps.Observed.Length > 0 || gaps.Simulated.Length > 0) events.Add(gaps);
        // Like with like: successful rollouts against successful replications; failed or unfinished ones apart.
        bool Ok(Observation r) => r.Outcome == DeploymentOutcome.Succeeded;
        var rollout = new Comparison("rollout", history.RolloutSeconds(succeeded: true),
            [.. runs.Where(r => Ok(r) && double.IsFinite(r.RolloutSeconds)).Select(r => r.RolloutSeconds)]);
        var failedRollout = new Comparison("rollout (failed)", history.RolloutSeconds(succeeded: false),
            [.. runs.Where(r => !Ok(r) && double.IsFinite(r.RolloutSeconds)).Select(r => r.RolloutSeconds)]);
        notes.InsertRange(0, TargetCountNotes(scenario.Fleets[fleet], history));
        var outcomes = runs.GroupBy(r => r.Outcome).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new ReplayResult(scenario.Name, scenario.Seed, scenario.Replications, history.Deployments, history.Instances, events, rollout, outcomes, notes,
            failedRollout.Observed.Length > 0 || failedRollout.Simulated.Length > 0 ? failedRollout : null);
    }

    /// <summary>Loud when the simulated fleet does not deploy to as many instances as an observed deployment did.</summary>
    private static IEnumerable<string> TargetCountNotes(FleetSpec fleet, DeploymentHistory history)
    {
        int simulated = fleet.AutoScaling.DesiredCapacity;
        var differ = history.TargetCounts().Where(t => t.Targets != simulated).ToList();
        if (differ.Count == 0) yield break;
        yield return $"WARNING: target counts differ: the simulated fleet deploys to {simulated} instance(s), observed deployments to "
            + string.Join(", ", differ.Select(d => $"{d.Targets} ({d.DeploymentId})"))
            + $"; rollout times are not comparable: set autoScaling.desiredCapacity (--set) to the observed count";
    }

    /// <summary>The row of the agent's gaps between an instance's consecutive events (docs/model.md#agent-event-gap).</summary>
    public const string GapRow = "gap between events";

    private sealed record Observation(List<(LifecycleEvent Event, double Seconds)> Events, double RolloutSeconds, DeploymentOutcome Outcome, List<double> Gaps);

    private static Observation Observe(ReplicationDetail detail, DeploymentOutcome outcome, bool blueGreen)
    {
        var events = new List<(LifecycleEvent, double)>();
        var gaps = new List<double>();
        if (detail.DeploymentStart is not { } start) return new Observation(events, double.NaN, outcome, gaps);
        SimTime? first = null, last = null;
        var spans = new List<(int Instance, LifecycleEvent Event, TimelineSpan Span)>();
        foreach (var span in detail.Timeline)
        {
            if (span.Lane != "CodeDeploy" || span.Start < start || !Enum.TryParse<LifecycleEvent>(span.Name, out var ev)) continue;
            if (first is null || span.Start < first) first = span.Start;
            if (last is null || span.End > last) last = span.End;
            if (span.Status == "Succeeded") events.Add((ev, (span.End - span.Start).TotalSeconds));
            spans.Add((span.Instance, ev, span));
        }
        // Measured as DeploymentHistory.EventGaps measures the observed ones, within one job (a later deployment, such as
        // a rollback, starts the order again); a blue/green replacement's install and traffic events are two jobs, with
        // CodeDeploy's rerouting between them.
        foreach (var instance in spans.GroupBy(s => s.Instance))
        {
            var ordered = instance.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.End).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                var (before, after) = (ordered[i - 1], ordered[i]);
                if (before.Span.Status != "Succeeded" || after.Span.Start < before.Span.End || after.Event <= before.Event) continue;   // a new job
                if (blueGreen && before.Event == LifecycleEvent.ValidateService && after.Event == LifecycleEvent.BeforeAllowTraffic) continue;
                gaps.Add((after.Span.Start - before.Span.End).TotalSeconds);
            }
        }
        double rollout = first is { } f && last is { } l ? (l - f).TotalSeconds : double.NaN;
        return new Observation(events, rollout, outcome, gaps);
    }
}
