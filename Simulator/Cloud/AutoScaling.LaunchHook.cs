using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling, continued: CodeDeploy's launch lifecycle hook, its timeout and the relaunch back-off
/// (docs/model.md#launch-hook-and-launch-loop).</summary>
public sealed partial class AutoScaling
{
    /// <summary>The lifecycle hook heartbeat expired: CodeDeploy heartbeats while it deploys (docs/model.md#launch-hook-and-launch-loop), up to the global timeout.</summary>
    private void HookTimeout(int id, long waitStartMs)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle != LifecycleState.PendingWait) return;
        var hook = _spec.LaunchHook;
        bool deploying = world.CodeDeploy.HasJob(id);
        if (deploying && world.NowMs - waitStartMs + hook.HeartbeatTimeout.Milliseconds <= hook.GlobalTimeout.Milliseconds)
        {
            world.After(hook.HeartbeatTimeout, EventKind.LaunchHookTimeout, id, waitStartMs);
            return;
        }
        if (deploying) world.CodeDeploy.AbortJob(id);
        CompleteLifecycleAction(id, hook.DefaultResult == LifecycleHookResult.Continue);
    }

    /// <summary>CodeDeploy completes the launch lifecycle action: CONTINUE on success, ABANDON on failure (docs/model.md#launch-hook-and-launch-loop).</summary>
    public void CompleteLifecycleAction(int id, bool proceed)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle != LifecycleState.PendingWait) return;
        if (proceed)
        {
            EnterService(id, registerWithTargetGroups: !world.Strategies.ManagesRegistration(id));
            return;
        }
        AbandonedLaunches++;
        if (_abandonStreak++ == 0) _streakStartMs = world.NowMs;
        if (world.NowMs - _streakStartMs >= AdministrativeSuspensionAfter.Milliseconds && !IsSuspended(ActiveGroup, AutoScalingProcesses.Launch))
            Suspend(ActiveGroup, AutoScalingProcesses.Launch);         // administrative suspension (docs/model.md#launch-hook-and-launch-loop)
        Terminate(id, replace: true);
    }

    /// <summary>The relaunch back-off: relaunchDelay after the first abandoned launch of a streak, doubling with each
    /// further one up to relaunchDelayMax (docs/model.md#launch-hook-and-launch-loop); relaunchDelay for other replacements.</summary>
    private SimDuration RelaunchDelay()
    {
        long first = _spec.RelaunchDelay.Milliseconds, max = Math.Max(first, _spec.RelaunchDelayMax.Milliseconds);
        long delay = first;
        for (int k = 1; k < _abandonStreak && delay < max; k++) delay *= 2;
        return new SimDuration(Math.Min(max, delay));
    }
}
