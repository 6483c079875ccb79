using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Reporting;

/// <summary>The stable names that reports print for enum values: scripts and CI jobs match on them.</summary>
public static class ReportNames
{
    /// <summary><c>in-place</c>, <c>blue-green</c>, <c>graceful-restart</c>.</summary>
    /// <summary>A run's name in titles: "scenario, strategy", or the scenario alone when it is named after its strategy.</summary>
    public static string RunTitle(string scenario, StrategyKind strategy) =>
        scenario == Of(strategy) ? scenario : $"{scenario}, {Of(strategy)}";

    public static string Of(StrategyKind kind) => kind switch
    {
        StrategyKind.InPlace => "in-place",
        StrategyKind.BlueGreen => "blue-green",
        StrategyKind.GracefulRestart => "graceful-restart",
        StrategyKind.InstanceRefresh => "instance-refresh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown strategy"),
    };

    /// <summary>The outcome's key in the JSON <c>outcome</c> object: <c>succeeded</c>, <c>failed</c>, <c>stopped</c>,
    /// <c>rolledBack</c>, <c>unfinished</c>; <c>none</c> when there was no deployment.</summary>
    public static string Of(DeploymentOutcome outcome) => outcome switch
    {
        DeploymentOutcome.Succeeded => "succeeded",
        DeploymentOutcome.Failed => "failed",
        DeploymentOutcome.Stopped => "stopped",
        DeploymentOutcome.RolledBack => "rolledBack",
        DeploymentOutcome.Unfinished => "unfinished",
        DeploymentOutcome.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
    };

    /// <summary><c>empty</c>, <c>horizon</c>, <c>budget</c>, <c>stopped</c>, <c>cancelled</c>.</summary>
    public static string Of(StopReason reason) => reason switch
    {
        StopReason.Empty => "empty",
        StopReason.Horizon => "horizon",
        StopReason.Budget => "budget",
        StopReason.Stopped => "stopped",
        StopReason.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown stop reason"),
    };

    /// <summary>A lifecycle event's key under <c>phaseSeconds</c>: its CodeDeploy name, e.g. <c>AllowTraffic</c>.</summary>
    public static string Of(LifecycleEvent e) => e.ToString();

    /// <summary>The key of the phase statistics in JSON and the prefix of phase rows and columns in CSV.</summary>
    public const string PhaseSeconds = "phaseSeconds";

    /// <summary>A scenario path as words: <c>targetGroups[0].healthCheck.interval</c> → <c>health check interval
    /// (target group 1)</c>, <c>unicorn.workers</c> → <c>unicorn workers</c>.</summary>
    public static string ParameterLabel(string path)
    {
        var parts = path.Split('.');
        string owner = "";
        var words = new List<string>();
        foreach (var part in parts)
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && int.TryParse(part.AsSpan(bracket + 1, part.Length - bracket - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i))
            {
                owner = $" ({Words(part[..bracket]).TrimEnd('s')} {i + 1})";
                continue;
            }
            words.Add(Words(part));
        }
        if (words.Count > 2) words.RemoveRange(0, words.Count - 2);
        return string.Join(' ', words) + owner;
    }

    private static string Words(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Human labels with units for the metric keys, for console tables and plots.</summary>
    public static string MetricLabel(string metric) => metric switch
    {
        "rolloutSeconds" => "rollout time of successes (s)",
        "timeToFailureSeconds" => "time to failure (s)",
        "minServingCapacityPct" => "min serving capacity (%)",
        "unservedRequests" => "unserved requests",
        "failedRequests" => "failed requests",
        "peakInstances" => "peak instances",
        "instanceHours" => "instance-hours",
        "peakMemoryPct" => "peak memory (% of instance)",
        "oomKills" => "OOM kills",
        "launches" => "launches",
        "abandonedLaunches" => "abandoned launches",
        "staleInstances" => "stale instances",
        "eventsProcessed" => "events processed",
        "timeToDetectSeconds" => "time to detect the bad revision (s)",
        "timeToRecoverSeconds" => "time to recover from it (s)",
        "badRevisionFailedRequests" => "requests failed by the bad revision",
        "peakBacklog" => "peak backlog (jobs)",
        "jobWaitP50Seconds" => "job wait p50 (s)",
        "jobWaitP99Seconds" => "job wait p99 (s)",
        "maxJobWaitSeconds" => "longest job wait (s)",
        "scaleOutToServingP50Seconds" => "scale-out to serving p50 (s)",
        "maxScaleOutToServingSeconds" => "longest scale-out to serving (s)",
        "warmPoolInstanceHours" => "warm pool instance-hours",
        "mergeToLiveSeconds" => "merge to live (s)",
        "latency.p50Ms" => "latency p50, deployment (ms)",
        "latency.p90Ms" => "latency p90, deployment (ms)",
        "latency.p99Ms" => "latency p99, deployment (ms)",
        "latency.p999Ms" => "latency p99.9, deployment (ms)",
        "latency.steady.p50Ms" => "latency p50, steady (ms)",
        "latency.steady.p90Ms" => "latency p90, steady (ms)",
        "latency.steady.p99Ms" => "latency p99, steady (ms)",
        "latency.steady.p999Ms" => "latency p99.9, steady (ms)",
        "latency.peakQueuedRequests" => "peak queued requests",
        "errors.http502" => "HTTP 502 errors",
        "errors.http504" => "HTTP 504 errors",
        "slo.budgetBurnedPct" => "SLO error budget burned (%)",
        "slo.violatedMinutes" => "SLO violated (min)",
        _ => metric,
    };
}
