using System.Globalization;
using DeploySim.Scenarios;

namespace DeploySim.Import;

/// <summary>What <c>deploysim fit</c> did with the agent's gaps between lifecycle events (docs/model.md#agent-event-gap).</summary>
/// <param name="Observed">The gaps, seconds (<see cref="DeploymentHistory.EventGaps"/>).</param>
/// <param name="Overlapping">Pairs of events that overlap, left out.</param>
/// <param name="Fit">The fitted distribution, or null when there was no gap to fit.</param>
/// <param name="Target">The scenario field that received it, or empty.</param>
/// <param name="Note">Why it was not fitted, or empty.</param>
internal sealed record GapFit(double[] Observed, int Overlapping, DurationFit? Fit, string Target, string Note);

// The agent's own time: events that run no script (deployment.emptyEventTime), the gaps between events
// (deployment.agentEventGap), and what can be said of BlockTraffic and AllowTraffic, which no parameter of their own
// carries (docs/model.md#agent-event-gap, docs/model.md#blocktraffic-and-allowtraffic-timing).
internal static partial class ScenarioFitter
{
    /// <summary>An event without scripts whose observed mean is this or more is probably missing its scripts: it is left
    /// out of the pooled no-op time, with a hint.</summary>
    private const double EmptyEventSuspectSeconds = 5;

    /// <summary>The lifecycle events that the agent runs and the scenario gives no script: CodeDeploy still dispatches
    /// them, so they take the agent's time for a no-op.</summary>
    private static bool RunsNoScript(DeploymentSpec spec, LifecycleEvent ev) =>
        ev is not (LifecycleEvent.DownloadBundle or LifecycleEvent.Install or LifecycleEvent.BlockTraffic or LifecycleEvent.AllowTraffic)
        && (!spec.Hooks.TryGetValue(ev, out var scripts) || scripts.Count == 0);

    private static bool Suspect(EventObservations obs) => obs.Seconds.Length > 0 && obs.Seconds.Average() >= EmptyEventSuspectSeconds;

    /// <summary>One distribution for every event the scenario runs without scripts, fitted to their pooled successful
    /// durations (the agent's work for a no-op is the same whatever the event's name) and written to
    /// <c>deployment.emptyEventTime</c>; null when the history has none.</summary>
    private static (DurationFit Fit, LifecycleEvent[] Events)? FitEmptyEvents(YamlEditor editor, DeploymentHistory history, DeploymentSpec spec)
    {
        var observed = history.ByEvent().Where(o => RunsNoScript(spec, o.Event) && o.Seconds.Length > 0 && !Suspect(o)).ToList();
        if (observed.Count == 0) return null;
        var fit = DurationFit.Fit([.. observed.SelectMany(o => o.Seconds)]);
        var events = observed.Select(o => o.Event).ToArray();
        editor.Set(["deployment", "emptyEventTime"], YamlText.Distribution(fit.ToDistribution()),
            $"{Comment(fit)}; events without scripts: {string.Join(", ", events)}");
        return (fit, events);
    }

    private static EventFit EmptyEvent(EventObservations obs, DurationFit fit, (DurationFit Fit, LifecycleEvent[] Events)? pooled)
    {
        if (pooled is not { } p || Suspect(obs))
        {
            return new EventFit(obs.Event, obs, fit, "", string.Create(CultureInfo.InvariantCulture,
                $"not fitted: the scenario runs no scripts in {obs.Event} (observed mean {obs.Seconds.Average():0.#} s: is the scenario missing this event's scripts?)"));
        }
        var others = p.Events.Where(e => e != obs.Event).ToList();
        string note = "runs no script in the scenario: the agent's no-op time"
            + (others.Count > 0 ? $", pooled with {string.Join(", ", others)} (n={p.Fit.N})" : "");
        return new EventFit(obs.Event, obs, p.Fit, "deployment.emptyEventTime", note);
    }

    /// <summary>Fits <c>deployment.agentEventGap</c> to the gaps between consecutive events.</summary>
    private static GapFit FitGap(YamlEditor editor, DeploymentHistory history, List<string> notes)
    {
        var (gaps, overlapping) = history.EventGaps();
        if (overlapping > 0) notes.Add($"{overlapping} pair(s) of consecutive lifecycle events overlap (the next started before the previous ended): left out of agentEventGap");
        if (gaps.Length == 0)
            return new GapFit(gaps, overlapping, null, "", "not fitted: no instance has two consecutive events with times");
        var fit = DurationFit.Fit(gaps);
        editor.Set(["deployment", "agentEventGap"], YamlText.Distribution(fit.ToDistribution()), Comment(fit) + ": gaps between an instance's events");
        return new GapFit(gaps, overlapping, fit, "deployment.agentEventGap", "");
    }

    /// <summary>BlockTraffic and AllowTraffic have no duration parameter: they come from the managed target groups'
    /// settings, which the note names with the observed median, so a difference can be traced to them.</summary>
    private static string TrafficNote(FleetSpec fleet, LifecycleEvent ev, EventObservations obs)
    {
        const string Head = "not fitted: emerges from the target groups' health checks and draining";
        var managed = fleet.TargetGroups.Where(t => fleet.Deployment.TargetGroups.Contains(t.Name, StringComparer.Ordinal)).ToList();
        if (managed.Count == 0) return $"{Head}; the scenario manages no target group, so it runs no {ev} (deployment.targetGroups)";
        var settings = managed.Select(t => ev == LifecycleEvent.BlockTraffic
            ? $"{t.Name}: deregistrationDelay {t.DeregistrationDelay}, healthCheck {t.HealthCheck.Interval} x healthyThreshold {t.HealthCheck.HealthyThreshold}"
            : $"{t.Name}: healthCheck {t.HealthCheck.Interval} x healthyThreshold {t.HealthCheck.HealthyThreshold}");
        string observed = obs.Seconds.Length == 0 ? ""
            : string.Create(CultureInfo.InvariantCulture, $"; observed median {MathNet.Numerics.Statistics.Statistics.Median(obs.Seconds):0.#} s");
        return $"{Head} ({string.Join("; ", settings)}){observed}: compare with deploysim replay, and where they differ correct those "
            + "settings from describe-target-groups and describe-target-group-attributes";
    }
}
