using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>OpsWorks setup on every new instance (docs/model.md#opsworks-setup-and-boot-times).</summary>
public sealed record OpsWorksSpec
{
    public bool Enabled { get; init; } = true;
    /// <summary>Booted to online (assumption: lognormal, "several minutes", docs/model.md#opsworks-setup-and-boot-times).</summary>
    public Distribution SetupTime { get; init; } = Distribution.LogNormal(480_000, 840_000);
    /// <summary>Probability that setup ends in setup_failed.</summary>
    public double SetupFailureRate { get; init; }
    /// <summary>docs/model.md#cli-waiters: `aws opsworks wait instance-online` polls every 15 s ...</summary>
    public SimDuration WaitPollInterval { get; init; } = SimDuration.FromSeconds(15);
    /// <summary>docs/model.md#cli-waiters: ... up to 40 times.</summary>
    public int WaitMaxPolls { get; init; } = 40;
}
