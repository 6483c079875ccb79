using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>EC2 instances of the group (docs/model.md#opsworks-setup-and-boot-times boot times, docs/model.md#codedeploy-agent agent).</summary>
public sealed record InstanceSpec
{
    public long MemoryMiB { get; init; } = 8192;
    /// <summary>OS, nginx, CodeDeploy agent and other daemons (docs/model.md#codedeploy-agent: the agent alone grows 45 to 100 MiB).</summary>
    public long ReservedMemoryMiB { get; init; } = 1024;
    /// <summary>Launch to OS up, in milliseconds (docs/model.md#opsworks-setup-and-boot-times: about 25 to 30 s to SSH, 1 to 2 min to first availability).</summary>
    public Distribution BootTime { get; init; } = Distribution.LogNormal(40_000, 90_000);
    /// <summary>OS up to CodeDeploy agent polling (assumption; docs/model.md#health-check-grace-period agent must start after bootstrap).</summary>
    public Distribution AgentReadyTime { get; init; } = Distribution.Constant(5_000);
    /// <summary>Rate of spontaneous instance failures per instance-hour (assumption, default none); the group replaces them.</summary>
    public double FailureRatePerHour { get; init; }
}
