using DeploySim.Scenarios;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>How many instances a deployment may take out at once, and when it has succeeded or failed
/// (docs/model.md#deployment-configurations, the rule set consistent with every documented example).</summary>
/// <remarks>
/// minH = HOST_COUNT value, or ceil(FLEET_PERCENT × N / 100) (docs/model.md#minimum-healthy-hosts, rounding up). Instances are kept in progress as
/// the minimum allows: another starts while the healthy count (not failed, not in progress) exceeds minH. A custom or
/// half/all configuration fails at once when minH ≥ N (95 % of 10), and succeeds when at least max(minH, 1) instances
/// succeeded (docs/model.md#minimum-healthy-hosts: at least one must succeed even when minH is 0). OneAtATime (docs/model.md#deployment-configurations) deploys one at a time and
/// succeeds only if every instance succeeded, except that a failure on the last instance still counts as success.
/// </remarks>
public readonly record struct DeploymentRules(DeploymentConfig Config, int Instances)
{
    public int MinimumHealthy => Config.IsOneAtATime
        ? Math.Max(0, Instances - 1)
        : Config.Type == MinimumHealthyHostsType.HostCount
            ? Config.Value
            : (int)Math.Ceiling(Config.Value * (long)Instances / 100.0 - 1e-9);

    /// <summary>True when the configuration cannot deploy this fleet at all.</summary>
    public bool FailsImmediately => !Config.IsOneAtATime && Instances > 0 && MinimumHealthy >= Instances;

    /// <summary>Whether another instance may start, given those failed and in progress.</summary>
    public bool CanStartAnother(int failed, int inProgress) => Config.IsOneAtATime
        ? inProgress == 0
        : Instances - failed - inProgress > MinimumHealthy;

    /// <summary>Successes required at the end.</summary>
    public int RequiredSuccesses => Config.IsOneAtATime ? Math.Max(1, Instances - 1) : Math.Max(MinimumHealthy, 1);

    /// <summary>True when the deployment can no longer succeed. <paramref name="lastFailed"/>: the failure was on the last instance.</summary>
    public bool HasFailed(int succeeded, int failed, int remaining, bool lastFailed)
    {
        if (Config.IsOneAtATime)
            return failed > 1 || (failed == 1 && (!lastFailed || Instances == 1));
        return succeeded + remaining < RequiredSuccesses;
    }
}
