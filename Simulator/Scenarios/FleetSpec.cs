namespace DeploySim.Scenarios;

/// <summary>Web fleets serve requests (excess is unserved); worker fleets take jobs from a queue (excess waits in a backlog).</summary>
public enum FleetKind { Web, Worker }

/// <summary>One fleet: its Auto Scaling group, target groups (or none), processes, demand and deployment group. The
/// short form's top-level sections are its one fleet.</summary>
public sealed record FleetSpec
{
    public required string Name { get; init; }
    /// <summary>What the fleet serves: web requests behind load balancers, or queued jobs (a worker fleet).</summary>
    public FleetKind Kind { get; init; } = FleetKind.Web;
    public InstanceSpec Instances { get; init; } = new();
    public AutoScalingSpec AutoScaling { get; init; } = new();
    public OpsWorksSpec OpsWorks { get; init; } = new();
    public IReadOnlyList<TargetGroupSpec> TargetGroups { get; init; } = [];
    public UnicornSpec Unicorn { get; init; } = new();
    public TrafficSpec Traffic { get; init; } = new();
    public DeploymentSpec Deployment { get; init; } = new();
    /// <summary>Zone impairments (docs/model.md#availability-zones), in time order.</summary>
    public IReadOnlyList<ZoneEvent> Events { get; init; } = [];
}
