using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>BlockTraffic and AllowTraffic: the agent polls the managed target groups until the instance is out of all of
/// them or healthy in all of them (docs/model.md#blocktraffic-and-allowtraffic-timing), up to an hour.</summary>
public sealed partial class CodeDeployService
{
    /// <summary>docs/model.md#blocktraffic-and-allowtraffic-timing: healthy threshold × interval of the slowest managed target group.</summary>
    private SimDuration HealthCheckEstimate()
    {
        var longest = SimDuration.Zero;
        foreach (int g in _managed)
        {
            var hc = world.TargetGroups.Spec(g).HealthCheck;
            longest = SimDuration.Max(longest, hc.Interval * hc.HealthyThreshold);
        }
        return longest;
    }

    private SimDuration LongestInterval()
    {
        var longest = SimDuration.Zero;
        foreach (int g in _managed) longest = SimDuration.Max(longest, world.TargetGroups.Spec(g).HealthCheck.Interval);
        return longest;
    }

    private void PollTraffic(int id)
    {
        ref var job = ref _jobs[id];
        bool allow = job.Event == LifecycleEvent.AllowTraffic;
        bool reached = world.NowMs >= job.WaitUntilMs;
        foreach (int g in _managed)
        {
            var state = world.TargetGroups.State(g, id);
            reached &= allow ? state == TargetState.Healthy : state == TargetState.Unused;
        }
        if (reached && _spec.ExtraTrafficInterval && !job.ExtraIntervalDone)
        {
            job.ExtraIntervalDone = true;                      // docs/model.md#blocktraffic-and-allowtraffic-timing: the Knowledge Center's extra interval
            job.WaitUntilMs = world.NowMs + LongestInterval().Milliseconds;
            reached = false;
        }
        if (reached)
        {
            EventDone(id, true, "Succeeded", null);
            return;
        }
        if (world.NowMs - job.EventStartMs >= _spec.TrafficWaitTimeout.Milliseconds)
        {
            EventDone(id, false, "Failed (load balancer health)", FailureReasons.Timeout);   // docs/model.md#failures-and-rollback: waits up to an hour
            return;
        }
        world.After(_spec.TrafficPollInterval, EventKind.TrafficPoll, id, Arg(id, true));
    }
}
