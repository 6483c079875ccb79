using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum HealthCheckType { EC2, ELB }

/// <summary>Which instance a scale-in terminates (assumption: the ASG's OldestInstance/NewestInstance policies).</summary>
public enum TerminationOrder { OldestInstance, NewestInstance }

/// <summary>The Auto Scaling group (docs/model.md#auto-scaling-group).</summary>
public sealed record AutoScalingSpec
{
    public int DesiredCapacity { get; init; } = 2;
    public int MinSize { get; init; } = 2;
    public int MaxSize { get; init; } = 4;
    public HealthCheckType HealthCheckType { get; init; } = HealthCheckType.EC2;
    /// <summary>docs/model.md#health-check-grace-period: 300 s from the console, 0 from the API; starts at InService.</summary>
    public SimDuration HealthCheckGracePeriod { get; init; } = SimDuration.FromSeconds(300);
    public IReadOnlyList<ScheduledAction> ScheduledActions { get; init; } = [];
    public TerminationOrder TerminationOrder { get; init; } = TerminationOrder.OldestInstance;
    /// <summary>The launch lifecycle hook CodeDeploy installs (docs/model.md#launch-hook-and-launch-loop).</summary>
    public LaunchHookSpec LaunchHook { get; init; } = new();
    /// <summary>Delay before the group launches a replacement after the first abandoned launch of a streak; it doubles
    /// with each further abandoned launch up to <see cref="RelaunchDelayMax"/> (assumption: docs/model.md#launch-hook-and-launch-loop
    /// says launches are rate-limited when hooks keep failing, with no figure).</summary>
    public SimDuration RelaunchDelay { get; init; } = SimDuration.FromSeconds(10);
    /// <summary>Longest delay of the relaunch back-off (assumption, docs/model.md#launch-hook-and-launch-loop).</summary>
    public SimDuration RelaunchDelayMax { get; init; } = SimDuration.FromMinutes(5);
    /// <summary>Period of the group's own health check, which acts on a target group's unhealthy verdict (assumption:
    /// the check falls at a random point of the period).</summary>
    public SimDuration HealthCheckPeriod { get; init; } = SimDuration.FromSeconds(60);
    /// <summary>The group's Availability Zones (docs/model.md#availability-zones); empty: one zone.</summary>
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];
    /// <summary>The group's own termination lifecycle hooks (docs/model.md#termination-lifecycle-hooks); CodeDeploy's
    /// is <see cref="DeploymentSpec.TerminationHookEnabled"/>.</summary>
    public IReadOnlyList<TerminationHookSpec> TerminationHooks { get; init; } = [];
    /// <summary>The warm pool (docs/model.md#warm-pools); null: none.</summary>
    public WarmPoolSpec? WarmPool { get; init; }
    /// <summary>Zones the group spans: at least one.</summary>
    public int ZoneCount => Math.Max(1, AvailabilityZones.Count);
}
