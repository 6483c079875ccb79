using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Metrics;

/// <summary>The recorder's books closed at the horizon: what it observed, read by <c>World.Finish</c> to assemble the
/// replication's result, and the replication's detail.</summary>
public sealed partial class Recorder
{
    /// <summary>Closes the books at the horizon: instance-hours up to now, the memory of every instance still alive, the
    /// target state spans still open and, with the latency model, the last series point's latency span
    /// (<paramref name="latency"/>: the tracker of the world's traffic, integrated up to now).</summary>
    public void Close(App.Queueing.LatencyTracker? latency)
    {
        long now = world.NowMs;
        if (_detail && latency is not null) CloseLatencySpan(latency);
        AccrueInstanceHours(now);
        for (int i = 0; i < world.InstanceCount; i++) if (world[i].Lifecycle != LifecycleState.Terminated) ObserveMemory(i);
        if (_detail)
            foreach (var ((g, id), open) in _targetStates.OrderBy(kv => kv.Key))
                if (open.State != TargetState.Unused && open.Since < world.Now)
                    _timeline.Add(new TimelineSpan(id, "target group " + world.Fleet.TargetGroups[g].Name, open.State.ToString().ToLowerInvariant(), open.Since, world.Now, "target state"));
    }

    /// <summary>A rollout started in this replication.</summary>
    public bool Rolled => _rolloutStart is not null;

    /// <summary>None without a rollout, Unfinished when it had not ended at the horizon, else the outcome it was sent.</summary>
    public DeploymentOutcome Outcome => !Rolled ? DeploymentOutcome.None : _rolloutEnd is null ? DeploymentOutcome.Unfinished : _outcome;

    /// <summary>The first failure cause it was sent after the rollout started (null: none).</summary>
    public string? FailureReason => _failureReason;

    /// <summary>Start to end of the rollout (to the horizon when unfinished); 0 without a rollout.</summary>
    public double RolloutSeconds => Rolled ? ((_rolloutEnd ?? world.Now) - _rolloutStart!.Value).TotalSeconds : 0;

    /// <summary>Start of the rollout to its first failure cause (to its end, or the horizon, when none was sent).</summary>
    public double SecondsToFailure => ((_failedAt ?? _rolloutEnd ?? world.Now) - _rolloutStart!.Value).TotalSeconds;

    /// <summary>The least serving capacity in the rollout window, in % of the capacity it started from.</summary>
    public double MinServingCapacityPct => Pct(Rolled, _minCapacity, _baseline);

    /// <summary>The least serving capacity of target group <paramref name="g"/> in the rollout window, in % of its start.</summary>
    public double GroupMinServingCapacityPct(int g) => Pct(Rolled, _groupMin[g], _groupBaseline[g]);

    /// <summary><paramref name="capacity"/> of target group <paramref name="g"/> in % of the group's capacity at the rollout's start.</summary>
    public double GroupCapacityPct(int g, double capacity) => Pct(Rolled, capacity, _groupBaseline[g]);

    /// <summary>Target groups whose capacity it follows.</summary>
    public int TargetGroupCount => _groupMin.Length;

    public int PeakInstances => _peak;
    public double InstanceHours => _instanceHours;

    /// <summary>Instance-hours from the rollout's start to its end (to the horizon when unfinished); 0 without a rollout.</summary>
    public double RolloutInstanceHours => !Rolled ? 0 : (_rolloutEnd is null ? _instanceHours : _hoursAtEnd) - _hoursAtStart;

    public double PeakMemoryPct => _peakMemoryPct;
    public double RolloutPeakMemoryPct => Rolled ? _rolloutPeakMemoryPct : 0;

    /// <summary>OOM kills Unicorn reported after the rollout started; 0 without a rollout.</summary>
    public int RolloutOomKills => Rolled ? _rolloutOomKills : 0;

    /// <summary>Hours instances spent in the warm pool (docs/model.md#warm-pools).</summary>
    public double WarmPoolInstanceHours => _poolHours;

    /// <summary>Instances still launching or leaving (Pending, Pending:Wait, Terminating) as of the last lifecycle change.</summary>
    public int UnfinishedInstances => _unfinished;

    /// <summary>Capacity as a percentage of the capacity before the rollout (100 without a rollout, 0 from nothing).</summary>
    private static double Pct(bool rolled, double capacity, double baseline) => !rolled ? 100 : baseline > 0 ? 100.0 * capacity / baseline : 0;

    /// <summary>The detail of this replication (empty unless detail was on).</summary>
    public ReplicationDetail Detail() => new()
    {
        Replication = world.Replication,
        WorkerFleet = world.Fleet.Kind == FleetKind.Worker,
        Timeline = [.. _timeline],
        Series = [.. _series],
        Memory = [.. _memory],
        DeploymentStart = _rolloutStart,
        DeploymentEnd = _rolloutEnd,
        InstanceMemoryMiB = world.Fleet.Instances.MemoryMiB,
        GroupCapacityRps = [.. _groupSeries],
        TargetGroupNames = [.. Enumerable.Range(0, _groupMin.Length).Select(g => world.Fleet.TargetGroups[g].Name)],
        TargetGroupShares = [.. Enumerable.Range(0, _groupMin.Length).Select(g => App.TrafficShares.Of(world.Scenario, g))],
    };
}
