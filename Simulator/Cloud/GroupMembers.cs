using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling's view of its groups kept up to date on every lifecycle change, so that reconciling, choosing a
/// scale-in victim and counting in-service instances cost O(1) (amortised, times the zones) instead of a scan of every
/// instance ever launched. Groups are the original (0) and a blue/green copy (1); each counts per Availability Zone.</summary>
/// <remarks>Ids are handed out in launch order and launch times never decrease, so a zone's oldest instance is its
/// lowest live id and the newest its highest: each (group, zone) keeps its ids in launch order with a cursor at each end
/// that skips instances already terminating (they never come back).</remarks>
internal sealed class GroupMembers(Model.World world)
{
    private const int GroupSlots = 2;
    private byte[] _seen = new byte[64];                      // last seen lifecycle state + 1; 0: not seen yet
    private readonly int[] _active = new int[GroupSlots];     // Pending, Pending:Wait or InService, per group
    private int _zones = 1;
    private int[] _zoneActive = new int[GroupSlots];          // per (group, zone): group * zones + zone
    private int[][] _order = [new int[64], new int[64]];
    private int[] _head = new int[GroupSlots], _tail = new int[GroupSlots];

    /// <summary>Instances in service, in every group.</summary>
    public int InService { get; private set; }

    public void Reset(int instances, int zones)
    {
        if (_seen.Length < instances) _seen = new byte[instances];
        Array.Clear(_seen);
        Array.Clear(_active);
        if (zones != _zones)
        {
            _zones = zones;
            _zoneActive = new int[GroupSlots * zones];
            _order = [.. Enumerable.Range(0, GroupSlots * zones).Select(_ => new int[64])];
            _head = new int[GroupSlots * zones];
            _tail = new int[GroupSlots * zones];
        }
        Array.Clear(_zoneActive);
        Array.Clear(_head);
        Array.Clear(_tail);
        InService = 0;
    }

    /// <summary>Instances of <paramref name="group"/> launching or in service (what desired capacity counts).</summary>
    public int Active(byte group) => _active[group];

    /// <summary>Instances of <paramref name="group"/> launching or in service in <paramref name="zone"/>.</summary>
    public int Active(byte group, int zone) => _zoneActive[(group * _zones) + zone];

    public void Changed(int id)
    {
        if (_seen.Length <= id) Array.Resize(ref _seen, Math.Max(id + 1, _seen.Length * 2));
        ref var inst = ref world[id];
        int g = inst.Group, slot = (g * _zones) + inst.Zone;
        if (_seen[id] == 0)
        {
            if (_tail[slot] == _order[slot].Length) Array.Resize(ref _order[slot], _order[slot].Length * 2);
            _order[slot][_tail[slot]++] = id;
        }
        else
        {
            Count(g, slot, (LifecycleState)(_seen[id] - 1), -1);
        }
        Count(g, slot, inst.Lifecycle, +1);
        _seen[id] = (byte)(inst.Lifecycle + 1);
    }

    private void Count(int g, int slot, LifecycleState state, int delta)
    {
        if (state is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService)
        {
            _active[g] += delta;
            _zoneActive[slot] += delta;
        }
        if (state == LifecycleState.InService) InService += delta;
    }

    /// <summary>The oldest (lowest id) or newest (highest id) instance of the group's zone not yet terminating; -1 if none.</summary>
    public int Pick(byte group, int zone, bool newest)
    {
        int s = (group * _zones) + zone;
        var order = _order[s];
        while (_head[s] < _tail[s] && Leaving(order[_head[s]])) _head[s]++;
        while (_tail[s] > _head[s] && Leaving(order[_tail[s] - 1])) _tail[s]--;
        if (newest)
        {
            for (int k = _tail[s] - 1; k >= _head[s]; k--) if (Active(order[k])) return order[k];
        }
        else
        {
            for (int k = _head[s]; k < _tail[s]; k++) if (Active(order[k])) return order[k];
        }
        return -1;                                                // (only warm pool instances are skipped by the scans)
    }

    private bool Leaving(int id) => world[id].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated;

    private bool Active(int id) => world[id].Lifecycle is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService;

    /// <summary>Invariant check: the counters equal a scan of the fleet; returns what differs, or null.</summary>
    public string? Mismatch(byte activeGroup)
    {
        int active = 0, inService = 0;
        for (int i = 0; i < world.InstanceCount; i++)
        {
            ref var inst = ref world[i];
            if (inst.Group == activeGroup && inst.Lifecycle is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService) active++;
            if (inst.Lifecycle == LifecycleState.InService) inService++;
        }
        return active == _active[activeGroup] && inService == InService ? null
            : $"counted {_active[activeGroup]} active in group {activeGroup} and {InService} in service, the fleet has {active} and {inService}";
    }
}
