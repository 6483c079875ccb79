namespace DeploySim.Scenarios;

public enum MinimumHealthyHostsType { HostCount, FleetPercent }

/// <summary>A deployment configuration (docs/model.md#deployment-configurations): a predefined name or custom minimum healthy hosts.</summary>
public sealed record DeploymentConfig
{
    public required string Name { get; init; }
    public MinimumHealthyHostsType Type { get; init; }
    public int Value { get; init; }
    /// <summary>OneAtATime's special rules (docs/model.md#deployment-configurations: batch 1, a failure on the last instance still succeeds).</summary>
    public bool IsOneAtATime { get; init; }

    public static readonly DeploymentConfig OneAtATime = new() { Name = "CodeDeployDefault.OneAtATime", IsOneAtATime = true, Type = MinimumHealthyHostsType.FleetPercent, Value = 99 };
    public static readonly DeploymentConfig HalfAtATime = new() { Name = "CodeDeployDefault.HalfAtATime", Type = MinimumHealthyHostsType.FleetPercent, Value = 50 };
    public static readonly DeploymentConfig AllAtOnce = new() { Name = "CodeDeployDefault.AllAtOnce", Type = MinimumHealthyHostsType.HostCount, Value = 0 };
    public static DeploymentConfig Custom(MinimumHealthyHostsType type, int value) =>
        new() { Name = $"Custom({(type == MinimumHealthyHostsType.HostCount ? "HOST_COUNT" : "FLEET_PERCENT")} {value})", Type = type, Value = value };
}
