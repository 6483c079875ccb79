using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud.CodeDeploy;

/// <summary>How CodeDeploy's BlockTraffic and AllowTraffic polls are simulated (docs/model.md#traffic-poll-scheduling);
/// both give the same lifecycle and target state histories.</summary>
public enum TrafficPollMode
{
    /// <summary>Only the polls that can end the wait are events, planned when the instance's target states change.</summary>
    Scheduled,
    /// <summary>One event per poll (the reference).</summary>
    EveryPoll,
}

/// <summary>BlockTraffic and AllowTraffic: the agent polls the managed target groups until the instance is out of all of
/// them or healthy in all of them (docs/model.md#blocktraffic-and-allowtraffic-timing), up to an hour. How the polls
/// are planned in <see cref="TrafficPollMode.Scheduled"/> mode is in CodeDeployService.PollPlan.cs.</summary>
public sealed partial class CodeDeployService
{
    /// <summary>How the traffic events' polls are simulated; <see cref="TrafficPollMode.EveryPoll"/> is the reference the tests compare with.</summary>
    public TrafficPollMode TrafficPolls { get; set; } = TrafficPollMode.Scheduled;

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

    /// <summary>The traffic event's first poll: now, or (scheduled) the first one that can end the wait.</summary>
    private void StartPolling(int id)
    {
        if (TrafficPolls == TrafficPollMode.EveryPoll) world.After(SimDuration.Zero, EventKind.TrafficPoll, id, Arg(id, true));
        else StartPlannedPolls(id);
    }

    /// <summary>True when the instance is healthy in every managed group (AllowTraffic) or out of all of them (BlockTraffic).</summary>
    private bool TrafficConditionHolds(int id)
    {
        bool allow = _jobs[id].Event == LifecycleEvent.AllowTraffic;
        foreach (int g in _managed)
        {
            var state = world.TargetGroups.State(g, id);
            if (allow ? state != TargetState.Healthy : state != TargetState.Unused) return false;
        }
        return true;
    }

    /// <summary>One poll: the wait ends when the condition holds at or after its earliest end, or fails after the hour.</summary>
    private void PollTraffic(int id)
    {
        ref var job = ref _jobs[id];
        bool reached = world.NowMs >= job.WaitUntilMs && TrafficConditionHolds(id);
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
        if (TrafficPolls == TrafficPollMode.Scheduled) PlanPoll(id);
        else world.After(_spec.TrafficPollInterval, EventKind.TrafficPoll, id, Arg(id, true));
    }
}
