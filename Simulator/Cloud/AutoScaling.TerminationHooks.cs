using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling, continued: termination lifecycle hooks (docs/model.md#termination-lifecycle-hooks) and
/// CodeDeploy's termination hook (docs/model.md#termination-hook).</summary>
/// <remarks>Auto Scaling deregisters a terminating instance from its target groups and waits for draining first; then
/// the instance waits in Terminating:Wait until every hook has completed: each of the group's own hooks after its
/// <c>completeAfter</c> (or its heartbeat when nothing completes it), CodeDeploy's when its termination deployment ends
/// (or <c>terminationHookTimeout</c> runs out). CONTINUE and ABANDON both terminate. An instance returning to the warm pool
/// (reuse on scale-in) waits for the same hooks (Warmed:Pending:Wait), then enters the pool.</remarks>
public sealed partial class AutoScaling
{
    private const byte GroupHooksPending = 1, CodeDeployHookPending = 2, ReturnsToPool = 4;
    private const long StartArg = 0, GroupHooksDone = 1, CodeDeployTimedOut = 2;
    private const long WasInServiceFlag = 8, ToPoolFlag = 16;
    private byte[] _hookWaits = [];

    /// <summary>Whether a terminating instance passes through Terminating:Wait.</summary>
    private bool HasTerminationHooks =>
        _spec.TerminationHooks.Count > 0 || (world.Fleet.Deployment.TerminationHookEnabled && world.CodeDeployManaged);

    /// <summary>After draining: terminate, or run the termination hooks first; an instance returning to the pool
    /// re-enters it instead.</summary>
    private void AfterDrain(int id, SimDuration drain, bool wasInService, bool toPool)
    {
        if (HasTerminationHooks)
            world.After(drain, EventKind.TerminationHookStep, id, StartArg | (wasInService ? WasInServiceFlag : 0) | (toPool ? ToPoolFlag : 0));
        else if (toPool) world.After(drain, EventKind.WarmPoolStep, id, PoolReturnedArg);
        else world.After(drain, EventKind.InstanceTerminated, id);
    }

    private void TerminationHookStep(int id, long arg)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle is not (LifecycleState.Terminating or LifecycleState.Warming)) return;
        if (_hookWaits.Length <= id) Array.Resize(ref _hookWaits, Math.Max(id + 1, _hookWaits.Length * 2));
        switch (arg & 7)
        {
            case StartArg:
                StartHooks(id, (arg & WasInServiceFlag) != 0, (arg & ToPoolFlag) != 0);
                return;
            case GroupHooksDone:
                _hookWaits[id] &= unchecked((byte)~GroupHooksPending);
                break;
            case CodeDeployTimedOut:
                if ((_hookWaits[id] & CodeDeployHookPending) == 0) return;
                world.CodeDeploy.AbortJob(id);
                _hookWaits[id] &= unchecked((byte)~CodeDeployHookPending);
                break;
        }
        HooksMaybeDone(id);
    }

    private void StartHooks(int id, bool wasInService, bool toPool)
    {
        var hooks = _spec.TerminationHooks;
        byte waits = toPool ? ReturnsToPool : (byte)0;
        long longest = 0;
        foreach (var hook in hooks)
        {
            long heartbeat = hook.HeartbeatTimeout.Milliseconds;
            longest = Math.Max(longest, hook.CompleteAfter is { } d ? Math.Min(heartbeat, d.SampleDuration(_rng).Milliseconds) : heartbeat);
        }
        if (hooks.Count > 0) waits |= GroupHooksPending;
        var deployment = world.Fleet.Deployment;
        bool codeDeploy = deployment.TerminationHookEnabled && world.CodeDeployManaged && wasInService
                          && world[id].Group == ActiveGroup && !world.CodeDeploy.HasJob(id);
        if (codeDeploy) waits |= CodeDeployHookPending;
        _hookWaits[id] = waits;
        world.Recorder.Span(id, "Auto Scaling", toPool ? "Warmed:Pending:Wait" : "Terminating:Wait", world.Now, world.Now, "lifecycle hooks");
        if (hooks.Count > 0) world.After(new SimDuration(longest), EventKind.TerminationHookStep, id, GroupHooksDone);
        if (codeDeploy)
        {
            world.After(deployment.TerminationHookTimeout, EventKind.TerminationHookStep, id, CodeDeployTimedOut);
            world.CodeDeploy.StartTerminationDeployment(id);
        }
        HooksMaybeDone(id);
    }

    /// <summary>CodeDeploy's termination deployment ended (succeeded or not): it completes the lifecycle action.</summary>
    public void TerminationDeploymentDone(int id)
    {
        if (_hookWaits.Length <= id || (_hookWaits[id] & CodeDeployHookPending) == 0) return;
        _hookWaits[id] &= unchecked((byte)~CodeDeployHookPending);
        HooksMaybeDone(id);
    }

    private void HooksMaybeDone(int id)
    {
        byte waits = _hookWaits[id];
        if ((waits & (GroupHooksPending | CodeDeployHookPending)) != 0) return;
        var lifecycle = world[id].Lifecycle;
        _hookWaits[id] = 0;
        if ((waits & ReturnsToPool) != 0 && lifecycle == LifecycleState.Warming) PoolReturned(id);
        else if (lifecycle == LifecycleState.Terminating) Terminated(id);
    }
}
