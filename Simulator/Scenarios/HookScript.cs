using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>The CodeDeploy lifecycle events in documented order (docs/model.md#lifecycle-events). Start and End are not timed.</summary>
public enum LifecycleEvent
{
    BeforeBlockTraffic, BlockTraffic, AfterBlockTraffic,
    ApplicationStop, DownloadBundle, BeforeInstall, Install, AfterInstall, ApplicationStart, ValidateService,
    BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic,
}

/// <summary>What a hook script does to the simulated world, besides taking time.</summary>
public enum ScriptAction { None, WaitForOpsWorks, StartApplication, StopApplication, RegisterTargetGroup, DeregisterTargetGroup, SuspendProcesses, ResumeProcesses }

/// <summary>Auto Scaling processes a script can suspend or resume (docs/model.md#suspended-processes).</summary>
[Flags]
public enum AutoScalingProcesses
{
    None = 0,
    Launch = 1,
    Terminate = 2,
    AddToLoadBalancer = 4,
    AlarmNotification = 8,
    AZRebalance = 16,
    HealthCheck = 32,
    InstanceRefresh = 64,
    ReplaceUnhealthy = 128,
    ScheduledActions = 256,
    All = 511,
}

/// <summary>One script of a hook (appspec `location` and `timeout`, plus the simulator's knowledge of it). Never executed.</summary>
public sealed record HookScript
{
    public required string Location { get; init; }
    /// <summary>docs/model.md#hook-timeouts: default 3600 s; a timeout fails the instance.</summary>
    public SimDuration Timeout { get; init; } = SimDuration.FromSeconds(3600);
    /// <summary>Own running time (for waiting actions, extra time on top of the wait).</summary>
    public Distribution Duration { get; init; } = Distribution.Constant(0);
    public double FailureRate { get; init; }
    public ScriptAction Action { get; init; }
    /// <summary>Target group of a register/deregister action.</summary>
    public string? TargetGroup { get; init; }
    /// <summary>Processes of a suspendProcesses/resumeProcesses action (all of them when the script names none, as the API).</summary>
    public AutoScalingProcesses Processes { get; init; }

    /// <summary>How long an appspec script with no <c>scripts:</c> entry takes unless <c>deployment.defaultScriptDuration</c>
    /// says otherwise (assumption: a short script that does nothing the simulator models).</summary>
    public static Distribution UnmappedDuration => Distribution.Constant(1_000);
}
