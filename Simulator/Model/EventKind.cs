namespace DeploySim.Model;

/// <summary>Every kind of event the world schedules. Each belongs to one component, which the world's dispatch routes it to.</summary>
/// <remarks>Values enter the trace fingerprint of the golden files: add new kinds at the end.</remarks>
public enum EventKind
{
    // Auto Scaling (Cloud/AutoScaling.cs)
    InstanceBooted,
    AgentReady,
    LaunchHookTimeout,
    Relaunch,
    ScheduledAction,
    InstanceTerminated,
    InstanceFailure,
    HealthCheckReplace,
    // OpsWorks (Cloud/OpsWorks.cs)
    OpsWorksSetupDone,
    // Target groups (Cloud/TargetGroups.cs)
    HealthCheck,
    DrainComplete,
    SlowStartStep,
    // unicorn (App/Unicorn.cs)
    MasterBooted,
    WorkerForked,
    OldMasterQuit,
    WorkerRespawn,
    MemoryLimit,
    // Traffic (App/Traffic.cs)
    DemandBreakpoint,
    // CodeDeploy (Cloud/CodeDeploy/*)
    DeploymentStart,
    LifecycleStep,
    ScriptDone,
    ScriptPoll,
    ScriptTimeout,
    TrafficPoll,
    // Strategies
    BlueGreenReroute,
    BlueGreenTerminate,
    GracefulRestartHost,
    GracefulRestartCodeUpdated,
    BadRevisionDetected,
    RecoveryStart,
    // Traffic, continued
    BacklogDrained,
    // CodeDeploy, continued
    TerminatedInstanceNoticed,
    // Planning: the measured window after the rollout has ended and settled
    RolloutWindowEnd,
    // Strategies, continued: a deployment alarm's period ended
    AlarmDatapoint,
    // Instance refresh (Strategies/InstanceRefresh.cs): a new instance's warm-up ended, a checkpoint's pause ended,
    // the hour of retrying failing new instances ended
    RefreshWarmedUp,
    RefreshCheckpointEnd,
    RefreshRetryTimeout,
    // Auto Scaling, continued: an Availability Zone impaired and recovered (docs/model.md#availability-zones)
    ZoneImpaired,
    ZoneRecovered,
    StatusCheckFailed,
    // CodeDeploy, continued: a zonal deployment's wait after a zone ended (docs/model.md#zonal-deployments)
    ZonalMonitorEnd,
    // Auto Scaling, continued: a terminating instance's lifecycle hooks (docs/model.md#termination-lifecycle-hooks) and
    // an instance leaving or re-entering the warm pool (docs/model.md#warm-pools)
    TerminationHookStep,
    WarmPoolStep,
    // CodeDeploy, continued: the agent's gap before an instance's next lifecycle event ended (docs/model.md#agent-event-gap)
    AgentEventGapEnd,
}
