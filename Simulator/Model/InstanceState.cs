using System.Runtime.InteropServices;

namespace DeploySim.Model;

/// <summary>Auto Scaling lifecycle state of an instance (docs/model.md#launch-hook-and-launch-loop, docs/model.md#health-check-grace-period).</summary>
public enum LifecycleState : byte
{
    /// <summary>Launched, booting (Pending).</summary>
    Pending,
    /// <summary>Booted, held by the launch lifecycle hook while CodeDeploy deploys (Pending:Wait).</summary>
    PendingWait,
    InService,
    /// <summary>Leaving: deregistering from target groups, draining.</summary>
    Terminating,
    Terminated,
    /// <summary>In the warm pool, not ready yet: booting and being set up (Warmed:Pending), or returning from the group
    /// on scale-in (docs/model.md#warm-pools).</summary>
    Warming,
    /// <summary>In the warm pool, ready: Warmed:Stopped, Warmed:Running or Warmed:Hibernated (docs/model.md#warm-pools).</summary>
    Warmed,
}

/// <summary>OpsWorks instance state (docs/model.md#opsworks-setup-and-boot-times): booting → running_setup → online, or setup_failed.</summary>
public enum OpsWorksState : byte { Booting, RunningSetup, Online, SetupFailed }

/// <summary>ALB target state (docs/model.md#health-checks). <see cref="Unused"/> means not registered.</summary>
public enum TargetState : byte { Unused, Initial, Healthy, Unhealthy, Draining }

/// <summary>State of one unicorn generation (a master and its workers) on an instance (docs/model.md#unicorn-usr2).</summary>
public enum UnicornState : byte { Stopped, Booting, Running }

/// <summary>One unicorn generation: a master and its workers. Workers are kept as two cohorts (originals, and
/// respawned ones approximated as forked at the latest respawn) so that memory growth by age stays O(1) per instance.
/// Auto layout: the runtime packs the fields without padding (48 bytes instead of 56).</summary>
[StructLayout(LayoutKind.Auto)]
public struct Generation
{
    public UnicornState State;
    public int Target;          // worker_processes
    public int Forked;          // original cohort: workers forked so far
    public long FirstForkMs;    // fork time of the original cohort
    public int Respawned;       // respawned cohort
    public long RespawnMs;      // latest respawn
    public int Dead;            // workers killed and not yet respawned
    public int Epoch;           // bumps on every stop, so that stale events are ignored
    public Revision Revision;   // the revision this generation's code came from
    public readonly int Serving => State == UnicornState.Running ? Forked + Respawned : 0;
}

/// <summary>The state of one instance, stored in an array indexed by instance number. Auto layout: the runtime packs
/// the fields without padding (160 bytes instead of 200, issue 13's memory per instance).</summary>
[StructLayout(LayoutKind.Auto)]
public struct Instance
{
    public LifecycleState Lifecycle;
    /// <summary>0 for the original group, 1 for a blue/green replacement group.</summary>
    public byte Group;
    public long LaunchMs;
    public long InServiceMs;
    public long EndMs;
    public bool AgentReady;
    public long BootedMs;
    public OpsWorksState OpsWorks;
    public long OpsWorksDoneMs;
    /// <summary>Drawn when setup starts: setup will end in setup_failed.</summary>
    public bool OpsWorksFails;
    /// <summary>Revision installed (0: none yet).</summary>
    public Revision Revision;
    /// <summary>Revision of the last successful deployment to this instance (0: none; its first deployment).</summary>
    public Revision LastGoodRevision;
    public Generation Current;
    public Generation Old;
    public int MemoryEpoch;
    public bool LaunchDeployment;   // deployed by the launch lifecycle hook
    public bool CheckedUnhealthy;
    /// <summary>The launch template version the instance was launched from; version v installs revision v (docs/model.md#instance-refresh).</summary>
    public byte LaunchTemplate;
    /// <summary>The instance refresh's bookkeeping (<see cref="Strategies.RefreshMark"/>).</summary>
    public byte RefreshMark;
    /// <summary>Index of the instance's Availability Zone in the group's zones (docs/model.md#availability-zones).</summary>
    public byte Zone;
}
