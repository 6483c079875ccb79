using DeploySim.Engine;

namespace DeploySim.Scenarios;

public enum LifecycleHookResult { Abandon, Continue }

/// <summary>docs/model.md#launch-hook-and-launch-loop: CodeDeploy's hook: heartbeat 600 s, default result ABANDON; CodeDeploy heartbeats every 5 minutes.</summary>
public sealed record LaunchHookSpec
{
    public bool Enabled { get; init; } = true;
    public SimDuration HeartbeatTimeout { get; init; } = SimDuration.FromSeconds(600);
    public LifecycleHookResult DefaultResult { get; init; } = LifecycleHookResult.Abandon;
    /// <summary>docs/model.md#launch-hook-and-launch-loop observed: 60000 s = 100 × heartbeat.</summary>
    public SimDuration GlobalTimeout { get; init; } = SimDuration.FromSeconds(60_000);
}
