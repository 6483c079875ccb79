using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling, continued: Availability Zones (docs/model.md#availability-zones). Launches go to the healthy
/// zone with the fewest instances of the group; scale-in takes from the zone with the most. An impaired zone's
/// instances stop serving: launching ones are terminated, those in service fail their EC2 status checks and are
/// replaced at the group's next health check (HealthCheck and ReplaceUnhealthy hold that). Once the zone recovers,
/// AZRebalance (unless suspended) launches one instance into the least populated zone before terminating the oldest of
/// the fullest, until no zone has two more than another. Zone counts are kept per lifecycle change: O(zones) per step.</summary>
public sealed partial class AutoScaling
{
    private const int MaxZones = 16;
    private readonly bool[] _impaired = new bool[MaxZones];
    private int _rebalanceLaunch = -1;            // the instance AZRebalance launched and waits for, or -1

    private int Zones => _spec.ZoneCount;

    /// <summary>Instances of the active group launching or in service in <paramref name="zone"/>.</summary>
    public int ActiveInZone(int zone) => _members.Active(ActiveGroup, zone);

    /// <summary>Whether <paramref name="zone"/> is impaired now.</summary>
    public bool IsImpaired(int zone) => _impaired[zone];

    private void ResetZones()
    {
        Array.Clear(_impaired);
        _rebalanceLaunch = -1;
    }

    private void ScheduleZoneEvents()
    {
        var events = world.Fleet.Events;
        for (int k = 0; k < events.Count; k++)
        {
            world.Schedule(SimTime.At(events[k].At), EventKind.ZoneImpaired, k);
            world.Schedule(SimTime.At(events[k].At + events[k].For), EventKind.ZoneRecovered, k);
        }
    }

    private bool AllZonesImpaired
    {
        get
        {
            for (int z = 0; z < Zones; z++) if (!_impaired[z]) return false;
            return true;
        }
    }

    /// <summary>The healthy zone with the fewest instances of the group (the lowest index on a tie); any zone if none is healthy.</summary>
    private int LaunchZone(byte group)
    {
        int best = -1;
        for (int z = 0; z < Zones; z++)
            if (!_impaired[z] && (best < 0 || _members.Active(group, z) < _members.Active(group, best))) best = z;
        return best < 0 ? 0 : best;
    }

    private int FullestZone(byte group)
    {
        int best = 0;
        for (int z = 1; z < Zones; z++) if (_members.Active(group, z) > _members.Active(group, best)) best = z;
        return best;
    }

    private void ZoneImpaired(int zone)
    {
        _impaired[zone] = true;
        world.Recorder.Span(-1, "Availability Zone", "impaired", world.Now, world.Now, ZoneName(zone));
        long period = Math.Max(1, _spec.HealthCheckPeriod.Milliseconds);
        for (int i = 0; i < world.InstanceCount; i++)                       // once per impairment, not per event
        {
            ref var inst = ref world[i];
            if (inst.Zone != zone) continue;
            switch (inst.Lifecycle)
            {
                case LifecycleState.Pending or LifecycleState.PendingWait:
                    Terminate(i, replace: inst.Group == ActiveGroup);
                    break;
                case LifecycleState.InService:
                    world.Unicorn.Stop(i);
                    world.After(new SimDuration(1 + (long)(_rng.NextDouble() * (period - 1))), EventKind.StatusCheckFailed, i);
                    break;
            }
        }
    }

    /// <summary>An impaired instance's EC2 status check failed: replace it (after the grace period), unless held.</summary>
    private void ReplaceImpaired(int id)
    {
        ref var inst = ref world[id];
        if (inst.Lifecycle != LifecycleState.InService || !_impaired[inst.Zone]) return;
        long graceEnd = inst.InServiceMs + _spec.HealthCheckGracePeriod.Milliseconds;
        if (world.NowMs < graceEnd)
        {
            world.Schedule(new SimTime(graceEnd), EventKind.StatusCheckFailed, id);
            return;
        }
        if (IsSuspended(inst.Group, AutoScalingProcesses.HealthCheck) || IsSuspended(inst.Group, AutoScalingProcesses.ReplaceUnhealthy)) return;
        world.Recorder.Span(id, "Auto Scaling", "impaired: replace", world.Now, world.Now, "EC2 status check");
        Terminate(id, replace: true, impaired: true);
    }

    private void ZoneRecovered(int zone)
    {
        _impaired[zone] = false;
        world.Recorder.Span(-1, "Availability Zone", "recovered", world.Now, world.Now, ZoneName(zone));
        Reconcile();
        Rebalance();
    }

    /// <summary>AZRebalance: launch into the least populated healthy zone when another has two more instances.</summary>
    private void Rebalance()
    {
        if (Zones == 1 || _rebalanceLaunch >= 0 || ScalingSuspended || IsSuspended(ActiveGroup, AutoScalingProcesses.AZRebalance)
            || IsSuspended(ActiveGroup, AutoScalingProcesses.Launch)) return;
        int low = -1, high = -1;
        for (int z = 0; z < Zones; z++)
        {
            if (_impaired[z]) continue;
            int n = _members.Active(ActiveGroup, z);
            if (low < 0 || n < _members.Active(ActiveGroup, low)) low = z;
            if (high < 0 || n > _members.Active(ActiveGroup, high)) high = z;
        }
        if (low < 0 || _members.Active(ActiveGroup, high) - _members.Active(ActiveGroup, low) < 2) return;
        world.Recorder.Span(-1, "Auto Scaling", "AZRebalance", world.Now, world.Now, ZoneName(low));
        _rebalanceLaunch = Launch(ActiveGroup, low);
    }

    /// <summary>An instance of the active group entered service: if AZRebalance launched it, terminate the oldest
    /// instance of the fullest zone, then look again.</summary>
    private void Rebalanced(int id)
    {
        if (id != _rebalanceLaunch)
        {
            if (_rebalanceLaunch < 0 && Zones > 1) Rebalance();
            return;
        }
        _rebalanceLaunch = -1;
        if (!IsSuspended(ActiveGroup, AutoScalingProcesses.Terminate))
        {
            int victim = _members.Pick(ActiveGroup, FullestZone(ActiveGroup), newest: false);
            if (victim >= 0) Terminate(victim, replace: false);
        }
        Rebalance();
    }

    private string ZoneName(int zone) => _spec.AvailabilityZones.Count > zone ? _spec.AvailabilityZones[zone] : "the zone";
}
