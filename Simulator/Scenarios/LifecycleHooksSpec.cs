using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>A termination lifecycle hook of the group (docs/model.md#termination-lifecycle-hooks): a terminating
/// instance waits in Terminating:Wait until whatever the hook notifies completes it (<see cref="CompleteAfter"/>) or
/// its heartbeat times out; CONTINUE and ABANDON both end in termination.</summary>
public sealed record TerminationHookSpec
{
    public string Name { get; init; } = "";
    /// <summary>Auto Scaling's default heartbeat, 3600 s (30–7200 s).</summary>
    public SimDuration HeartbeatTimeout { get; init; } = SimDuration.FromSeconds(3600);
    /// <summary>How long the hook's own work takes before it completes the action; null: nothing completes it, the
    /// instance waits out the heartbeat.</summary>
    public Distribution? CompleteAfter { get; init; }
}

/// <summary>Where a warm pool keeps its instances (docs/model.md#warm-pools).</summary>
public enum WarmPoolState { Stopped, Running, Hibernated }

/// <summary>The group's warm pool (docs/model.md#warm-pools): PutWarmPool's fields, plus the time an instance takes to
/// leave the pool (an assumption: AWS documents none).</summary>
public sealed record WarmPoolSpec
{
    public WarmPoolState PoolState { get; init; } = WarmPoolState.Stopped;
    public int MinSize { get; init; }
    /// <summary>Null: the group's maximum size.</summary>
    public int? MaxGroupPreparedCapacity { get; init; }
    public bool ReuseOnScaleIn { get; init; }
    /// <summary>From leaving the pool until the instance runs again: starting a stopped instance or resuming a
    /// hibernated one (assumption, docs/model.md#warm-pools); a running pool's instance takes none.</summary>
    public Distribution StartTime { get; init; } = Distribution.Constant(0);

    /// <summary>The default <see cref="StartTime"/> of a pool state (assumption, docs/model.md#warm-pools).</summary>
    public static Distribution DefaultStartTime(WarmPoolState state) => state switch
    {
        WarmPoolState.Stopped => Distribution.Constant(45_000),
        WarmPoolState.Hibernated => Distribution.Constant(30_000),
        _ => Distribution.Constant(0),
    };

    /// <summary>How many instances the pool keeps for a group of <paramref name="desired"/> with maximum
    /// <paramref name="max"/> (PutWarmPool: MaxGroupPreparedCapacity, or the maximum, minus desired; at least MinSize).</summary>
    public int Size(int desired, int max) => Math.Max(MinSize, Math.Max(0, (MaxGroupPreparedCapacity ?? max) - desired));
}
