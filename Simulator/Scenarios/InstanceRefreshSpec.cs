using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>EC2 Auto Scaling instance refresh preferences (<c>StartInstanceRefresh</c>'s <c>RefreshPreferences</c>,
/// fields named as in the API; docs/model.md#instance-refresh).</summary>
public sealed record InstanceRefreshSpec
{
    /// <summary>Percentage of the desired capacity kept in service and healthy (0–100, default 90).</summary>
    public int MinHealthyPercentage { get; init; } = 90;
    /// <summary>Percentage of the desired capacity that may be in service, healthy or pending (100–200, default 100);
    /// above 100 the refresh launches new instances before terminating old ones.</summary>
    public int MaxHealthyPercentage { get; init; } = 100;
    /// <summary>From InService until a new instance counts as replaced; null: the group's health-check grace period.</summary>
    public SimDuration? InstanceWarmup { get; init; }
    /// <summary>Ascending, unique percentages (1–100) at which the refresh pauses for <see cref="CheckpointDelay"/>.</summary>
    public IReadOnlyList<int> CheckpointPercentages { get; init; } = [];
    /// <summary>The pause at each checkpoint (0–172 800 s, default 3600 s).</summary>
    public SimDuration CheckpointDelay { get; init; } = SimDuration.FromSeconds(3600);
    /// <summary>Skip instances already on the desired configuration (API default false; the console's true).</summary>
    public bool SkipMatching { get; init; }
    /// <summary>Roll back to the configuration saved before the refresh when it fails or an alarm fires.</summary>
    public bool AutoRollback { get; init; }
    /// <summary>The refresh's alarm specification (up to 10 alarms): one in ALARM fails the refresh.</summary>
    public IReadOnlyList<AlarmSpec> Alarms { get; init; } = [];
    /// <summary>DeploySim's choice (not an API field): whether a CodeDeploy deployment group stays on the Auto Scaling
    /// group, so that its launch hook deploys the group's last successful revision to each new instance.</summary>
    public bool CodeDeployLaunchHook { get; init; }

    /// <summary>How long a new instance warms up: <see cref="InstanceWarmup"/>, or the group's grace period.</summary>
    public SimDuration WarmupFor(AutoScalingSpec group) => InstanceWarmup ?? group.HealthCheckGracePeriod;
}

/// <summary>The instance refresh's batch rules (docs/model.md#instance-refresh): the healthy floor is the minimum
/// percentage of desired capacity rounded up, the ceiling the maximum percentage rounded down (never below desired).</summary>
public static class RefreshBatches
{
    public static int MinHealthy(int desired, int minHealthyPercentage) => (int)Math.Ceiling(desired * minHealthyPercentage / 100.0 - 1e-9);

    public static int MaxInstances(int desired, int maxHealthyPercentage) => Math.Max(desired, (int)Math.Floor(desired * maxHealthyPercentage / 100.0 + 1e-9));

    /// <summary>Instances replaced at a time on a steady fleet: terminated first up to desired minus the floor (at
    /// least one), plus launched first up to the ceiling minus desired.</summary>
    public static int InFlight(int desired, int minHealthyPercentage, int maxHealthyPercentage)
    {
        int terminateFirst = desired - MinHealthy(desired, minHealthyPercentage);
        int launchFirst = MaxInstances(desired, maxHealthyPercentage) - desired;
        return Math.Min(desired, Math.Max(1, terminateFirst + launchFirst));
    }
}
