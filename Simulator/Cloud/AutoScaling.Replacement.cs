using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling, continued: replacing unhealthy instances, termination, scale-in and random instance failures.</summary>
public sealed partial class AutoScaling
{
    /// <summary>A target group found the instance unhealthy: with ELB health checks, the group's next periodic health
    /// check (at a uniformly random point of its period, assumption) replaces it if it is still unhealthy in some
    /// target group and past the grace period (docs/model.md#health-check-grace-period). CodeDeploy's deregistration leaves a target unused, not unhealthy.</summary>
    public void TargetUnhealthy(int id)
    {
        if (_healthCheckType[world[id].Group] != HealthCheckType.ELB || world[id].Lifecycle != LifecycleState.InService) return;
        if (IsSuspended(world[id].Group, AutoScalingProcesses.HealthCheck)) return;
        long period = Math.Max(1, _spec.HealthCheckPeriod.Milliseconds);
        world.After(new SimDuration(1 + (long)(_rng.NextDouble() * (period - 1))), EventKind.HealthCheckReplace, id);
    }

    private void ReplaceIfUnhealthy(int id)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle != LifecycleState.InService) return;
        long graceEnd = inst.InServiceMs + _gracePeriod[inst.Group].Milliseconds;
        if (world.NowMs < graceEnd)
        {
            world.Schedule(new SimTime(graceEnd), EventKind.HealthCheckReplace, id);   // checked again once the grace period ends
            return;
        }
        if (IsSuspended(inst.Group, AutoScalingProcesses.ReplaceUnhealthy)) return;
        for (int g = 0; g < world.TargetGroups.Count; g++)
        {
            if (world.TargetGroups.State(g, id) != TargetState.Unhealthy) continue;
            world.Recorder.Span(id, "Auto Scaling", "unhealthy: replace", world.Now, world.Now, "ELB health check");
            Terminate(id, replace: true);
            return;
        }
    }

    /// <summary>Starts terminating an instance: deregister and drain, run the termination hooks, then terminate
    /// (docs/model.md#termination-lifecycle-hooks). Replaces it when asked. An <paramref name="impaired"/> instance (EC2
    /// failure, failed status check) runs no termination deployment.</summary>
    public void Terminate(int id, bool replace, bool impaired = false)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated) return;
        bool wasInService = inst.Lifecycle == LifecycleState.InService && !impaired;
        bool pooled = inst.Lifecycle is LifecycleState.Warming or LifecycleState.Warmed;
        inst.Lifecycle = LifecycleState.Terminating;
        var drain = SimDuration.Zero;
        for (int g = 0; g < world.TargetGroups.Count; g++)
            drain = SimDuration.Max(drain, world.TargetGroups.Deregister(g, id));
        world.CodeDeploy.InstanceLeaving(id);
        AfterDrain(id, drain, wasInService, toPool: false);
        world.LifecycleChanged(id);
        if (pooled) PoolMemberLeft(id);
        if (replace && inst.Group == ActiveGroup)
        {
            world.Recorder.ScaleOutReplaced(id);
            var delay = RelaunchDelay();
            if (world.NowMs + delay.Milliseconds >= _launchHeldUntilMs)
            {
                _launchHeldUntilMs = world.NowMs + delay.Milliseconds;      // one pending relaunch paces the whole group
                world.After(delay, EventKind.Relaunch, 0);
            }
        }
    }

    private void Terminated(int id)
    {
        ref var inst = ref world[id];
        world.Recorder.ObserveMemory(id);
        world.Unicorn.Stop(id);
        world.TargetGroups.RemoveEverywhere(id);
        inst.Lifecycle = LifecycleState.Terminated;
        inst.EndMs = world.NowMs;
        world.Recorder.ObserveMemory(id);                                   // the memory series ends at zero
        world.Recorder.Span(id, "Auto Scaling", "terminate", world.Now, world.Now, "Terminated");
        world.LifecycleChanged(id);
    }

    /// <summary>Launches or terminates instances of the active group until it matches the desired capacity.</summary>
    public void Reconcile()
    {
        if (ScalingSuspended) return;
        int count = _members.Active(ActiveGroup), target = _desired + RefreshSurge + (_rebalanceLaunch >= 0 ? 1 : 0);
        if (!IsSuspended(ActiveGroup, AutoScalingProcesses.Launch) && world.NowMs >= _launchHeldUntilMs && !AllZonesImpaired)
            for (; count < target; count++)
            {
                int id = WarmStart(ActiveGroup);
                world.Recorder.ScaleOutAsked(id >= 0 ? id : Launch(ActiveGroup));
            }
        if (!IsSuspended(ActiveGroup, AutoScalingProcesses.Terminate))
            for (; count > target; count--)
            {
                int victim = PickForScaleIn();
                if (victim < 0) break;
                if (!ReturnToPool(victim)) Terminate(victim, replace: false);
            }
        ResizePool();
    }

    /// <summary>The scale-in victim by <see cref="TerminationOrder"/> (oldest or newest launch; ids follow launch order), in
    /// the zone with the most instances (docs/model.md#availability-zones; the lowest index on a tie).</summary>
    private int PickForScaleIn() => _members.Pick(ActiveGroup, FullestZone(ActiveGroup), newest: _spec.TerminationOrder == TerminationOrder.NewestInstance);

    // EC2 instance failures: a Poisson process over the in-service instances (assumption; default rate 0).
    private void ScheduleNextFailure()
    {
        double rate = world.Fleet.Instances.FailureRatePerHour;
        if (rate <= 0) return;
        int n = Math.Max(1, CountInService());
        double hours = MathNet.Numerics.Distributions.Exponential.Sample(_rng, rate * n);
        world.After(SimDuration.FromSecondsRounded(hours * 3600), EventKind.InstanceFailure, 0);
    }

    private void FailRandomInstance()
    {
        int n = CountInService();
        if (n > 0)
        {
            int id = _members.KthInService(_rng.Next(n));            // uniform over the in-service instances, by id
            world.Recorder.Span(id, "EC2", "instance failure", world.Now, world.Now, "failed");
            Terminate(id, replace: true, impaired: true);
        }
        ScheduleNextFailure();
    }

    private int CountInService() => _members.InService;
}
