namespace DeploySim.Metrics;

/// <summary>Why a rollout did not succeed, named after CodeDeploy's error codes where one exists (the API's
/// <c>ErrorInformation.code</c> and the agent's lifecycle-event diagnostics, docs/model.md#hook-timeouts, docs/model.md#failures-and-rollback, docs/model.md#minimum-healthy-hosts, docs/model.md#scaling-during-a-deployment).</summary>
public static class FailureReasons
{
    /// <summary>Too many instances failed for the minimum healthy hosts to hold (docs/model.md#minimum-healthy-hosts).</summary>
    public const string HealthConstraints = "HEALTH_CONSTRAINTS";
    /// <summary>The configuration can never succeed on this fleet (95 % healthy of 10 instances, docs/model.md#minimum-healthy-hosts).</summary>
    public const string HealthConstraintsInvalid = "HEALTH_CONSTRAINTS_INVALID";
    /// <summary>A hook script exited non-zero (docs/model.md#failures-and-rollback).</summary>
    public const string ScriptFailed = "SCRIPT_FAILED";
    /// <summary>A lifecycle event outlived its hook timeout (docs/model.md#hook-timeouts).</summary>
    public const string ScriptTimedOut = "SCRIPT_TIMED_OUT";
    /// <summary>The instance was terminated (Auto Scaling replaced it or scaled in) during its deployment (docs/model.md#scaling-during-a-deployment).</summary>
    public const string InstanceTerminated = "INSTANCE_TERMINATED";
    /// <summary>`aws opsworks wait instance-online` saw setup_failed (docs/model.md#cli-waiters, docs/model.md#opsworks-setup-and-boot-times).</summary>
    public const string OpsWorksSetupFailed = "OPSWORKS_SETUP_FAILED";
    /// <summary>A CLI waiter (OpsWorks online, target in service or deregistered) gave up after its attempts (docs/model.md#cli-waiters).</summary>
    public const string WaiterTimedOut = "WAITER_TIMED_OUT";
    /// <summary>BlockTraffic or AllowTraffic waited the hour CodeDeploy allows for the load balancer (docs/model.md#failures-and-rollback).</summary>
    public const string Timeout = "TIMEOUT";
    /// <summary>An alarm stopped the deployment or started its rollback (docs/model.md#alarms).</summary>
    public const string Alarm = "ALARM";
    /// <summary>The deployment was stopped (a revert replaced it).</summary>
    public const string ManualStop = "MANUAL_STOP";
    /// <summary>Blue/green: no healthy original instance to copy.</summary>
    public const string NoInstances = "NO_INSTANCES";
    /// <summary>An instance refresh's new instances kept failing for an hour (docs/model.md#instance-refresh).</summary>
    public const string InstanceRefreshFailed = "INSTANCE_REFRESH_FAILED";
    /// <summary>A failure the model does not classify further.</summary>
    public const string Unknown = "UNKNOWN_ERROR";
}
