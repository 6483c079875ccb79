using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>OpsWorks setup on every new instance (§6).</summary>
public sealed record OpsWorksSpec
{
    public bool Enabled { get; init; } = true;
    /// <summary>Booted to online (assumption: lognormal, "several minutes", §6).</summary>
    public Distribution SetupTime { get; init; } = Distribution.LogNormal(480_000, 840_000);
    /// <summary>Probability that setup ends in setup_failed.</summary>
    public double SetupFailureRate { get; init; }
    /// <summary>§5.4: `aws opsworks wait instance-online` polls every 15 s ...</summary>
    public SimDuration WaitPollInterval { get; init; } = SimDuration.FromSeconds(15);
    /// <summary>§5.4: ... up to 40 times.</summary>
    public int WaitMaxPolls { get; init; } = 40;
}
