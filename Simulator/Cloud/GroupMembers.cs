using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Auto Scaling's view of its groups kept up to date on every lifecycle change, so that reconciling, choosing a
/// scale-in victim and counting in-service instances cost O(1) (amortised, times the zones) instead of a scan of every
/// instance ever launched. Groups are the original (0) and a blue/green copy (1); each counts per Availability Zone.</summary>
/// <remarks>Ids are handed out in launch order and launch times never decrease, so a zone's oldest instance is its
/// earliest-seen live one and the newest its latest: each (group, zone) keeps its ids in the order first seen, and a
/// scale-in's pick takes the earliest or latest of them that is launching or in service from a heap of positions built
/// at the first pick of the replication and cleaned lazily. A heap, not a cursor at each end: warm pool instances sit in
/// the order without being active, and a cursor would pass over all of them at every pick.</remarks>
internal sealed class GroupMembers(Model.World world)
{
    private const int GroupSlots = 2;
    private byte[] _seen = new byte[64];                      // last seen lifecycle state + 1; 0: not seen yet
    private int[] _position = [];                             // by id: position in its (group, zone)'s order, from the first pick on
    private readonly int[] _active = new int[GroupSlots];     // Pending, Pending:Wait or InService, per group
    private int _zones = 1;
    private int[] _zoneActive = new int[GroupSlots];          // per (group, zone): group * zones + zone
    private int[][] _order = [new int[64], new int[64]];
    private int[] _count = new int[GroupSlots];
    private MinHeap?[] _oldest = new MinHeap?[GroupSlots], _newest = new MinHeap?[GroupSlots];   // positions (newest: complemented)
    private bool[] _built = new bool[2 * GroupSlots];         // per (direction, slot): its heap holds every active member
    private readonly RankIndex _inService = new();            // in-service ids, from the replication's first EC2 failure on
    private bool _ranked;

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
            _count = new int[GroupSlots * zones];
            (_oldest, _newest) = (new MinHeap?[GroupSlots * zones], new MinHeap?[GroupSlots * zones]);
            _built = new bool[2 * GroupSlots * zones];
        }
        Array.Clear(_zoneActive);
        Array.Clear(_count);
        Array.Clear(_built);
        _ranked = false;
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
        bool wasActive = false;
        if (_seen[id] == 0)
        {
            if (_count[slot] == _order[slot].Length) Array.Resize(ref _order[slot], _order[slot].Length * 2);
            if (_position.Length > 0) Position(id, _count[slot]);
            _order[slot][_count[slot]++] = id;
        }
        else
        {
            var before = (LifecycleState)(_seen[id] - 1);
            wasActive = IsActive(before);
            Count(id, g, slot, before, -1);
        }
        Count(id, g, slot, inst.Lifecycle, +1);
        _seen[id] = (byte)(inst.Lifecycle + 1);
        if (!wasActive && IsActive(inst.Lifecycle))
        {
            if (_built[slot]) _oldest[slot]!.Push(_position[id]);
            if (_built[(GroupSlots * _zones) + slot]) _newest[slot]!.Push(~_position[id]);
        }
    }

    private static bool IsActive(LifecycleState state) => state is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.InService;

    private void Count(int id, int g, int slot, LifecycleState state, int delta)
    {
        if (IsActive(state))
        {
            _active[g] += delta;
            _zoneActive[slot] += delta;
        }
        if (state != LifecycleState.InService) return;
        InService += delta;
        if (!_ranked) return;
        if (_inService.Covers(id)) _inService.Add(id, delta);
        else _ranked = false;                                  // beyond the index: built again at the next look-up
    }

    /// <summary>The oldest (earliest seen) or newest (latest seen) instance of the group's zone launching or in service;
    /// -1 if none.</summary>
    public int Pick(byte group, int zone, bool newest)
    {
        int s = (group * _zones) + zone;
        var heap = newest ? (_newest[s] ??= new MinHeap()) : (_oldest[s] ??= new MinHeap());
        ref bool built = ref _built[(newest ? GroupSlots * _zones : 0) + s];
        var order = _order[s];
        if (!built)
        {
            heap.Clear();
            for (int p = 0; p < _count[s]; p++)
            {
                Position(order[p], p);
                if (IsActive(world[order[p]].Lifecycle)) heap.Push(newest ? ~p : p);
            }
            built = true;
        }
        for (; heap.Count > 0; heap.Pop())
        {
            int id = order[newest ? ~heap.Top : heap.Top];
            if (IsActive(world[id].Lifecycle)) return id;
        }
        return -1;
    }

    private void Position(int id, int position)
    {
        if (_position.Length <= id) Array.Resize(ref _position, Math.Max(id + 1, Math.Max(64, _seen.Length)));
        _position[id] = position;
    }

    /// <summary>The in-service instance with <paramref name="k"/> in-service instances of lower id (k from 0), in
    /// O(log n) after an O(n log n) indexing at the replication's first call; -1 if there are not that many.</summary>
    public int KthInService(int k)
    {
        if (!_ranked)
        {
            _inService.Reset(Math.Max(world.InstanceCount, _seen.Length));   // later ids beyond it: built again
            for (int i = 0; i < world.InstanceCount && i < _seen.Length; i++) if (_seen[i] == (byte)(LifecycleState.InService + 1)) _inService.Add(i, 1);
            _ranked = true;
        }
        return _inService.Kth(k);
    }

    /// <summary>Invariant check: the counters equal a scan of the fleet; returns what differs, or null.</summary>
    public string? Mismatch(byte activeGroup)
    {
        int active = 0, inService = 0;
        for (int i = 0; i < world.InstanceCount; i++)
        {
            ref var inst = ref world[i];
            if (inst.Group == activeGroup && IsActive(inst.Lifecycle)) active++;
            if (inst.Lifecycle == LifecycleState.InService) inService++;
        }
        return active == _active[activeGroup] && inService == InService ? null
            : $"counted {_active[activeGroup]} active in group {activeGroup} and {InService} in service, the fleet has {active} and {inService}";
    }
}
