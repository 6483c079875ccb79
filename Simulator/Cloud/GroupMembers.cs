using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling's view of its groups kept up to date on every lifecycle change, so that reconciling, choosing a
/// scale-in victim and counting in-service instances cost O(1) (amortised) instead of a scan of every instance ever
/// launched. Groups are the original (0) and a blue/green copy (1).</summary>
/// <remarks>Ids are handed out in launch order and launch times never decrease, so the group's oldest instance is its
/// lowest live id and the newest its highest: each group keeps its ids in launch order with a cursor at each end that
/// skips instances already terminating (they never come back).</remarks>
internal sealed class GroupMembers(Model.World world)
{
    private const int GroupSlots = 2;
    private byte[] _seen = new byte[64];                      // last seen lifecycle state + 1; 0: not seen yet
    private readonly int[] _active = new int[GroupSlots];     // Pending, Pending:Wait or InService, per group
    private readonly int[][] _order = [new int[64], new int[64]];
    private readonly int[] _head = new int[GroupSlots], _tail = new int[GroupSlots];

    /// <summary>Instances in service, in every group.</summary>
    public int InService { get; private set; }

    public void Reset(int instances)
    {
        if (_seen.Length < instances) _seen = new byte[instances];
        Array.Clear(_seen);
        Array.Clear(_active);
        Array.Clear(_head);
        Array.Clear(_tail);
        InService = 0;
    }

    /// <summary>Instances of <paramref name="group"/> launching or in service (what desired capacity counts).</summary>
    public int Active(byte group) => _active[group];

    public void Changed(int id)
    {
        if (_seen.Length <= id) Array.Resize(ref _seen, Math.Max(id + 1, _seen.Length * 2));
        ref var inst = ref world[id];
        int g = inst.Group;
        if (_seen[id] == 0)
        {
            var order = _order[g];
            if (_tail[g] == order.Length) Array.Resize(ref _order[g], order.Length * 2);
            _order[g][_tail[g]++] = id;
        }
        else
        {
            Count(g, (LifecycleState)(_seen[id] - 1), -1);
        }
        Count(g, inst.Lifecycle, +1);
        _seen[id] = (byte)(inst.Lifecycle + 1);
    }

    private void Count(int g, LifecycleState state, int delta)
    {
        if (state is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService) _active[g] += delta;
        if (state == LifecycleState.InService) InService += delta;
    }

    /// <summary>The oldest (lowest id) or newest (highest id) instance of the group not yet terminating; -1 if none.</summary>
    public int Pick(byte group, bool newest)
    {
        var order = _order[group];
        while (_head[group] < _tail[group] && Leaving(order[_head[group]])) _head[group]++;
        while (_tail[group] > _head[group] && Leaving(order[_tail[group] - 1])) _tail[group]--;
        if (_head[group] == _tail[group]) return -1;
        return newest ? order[_tail[group] - 1] : order[_head[group]];
    }

    private bool Leaving(int id) => world[id].Lifecycle is LifecycleState.Terminating or LifecycleState.Terminated;

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
