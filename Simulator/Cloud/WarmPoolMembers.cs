using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>The warm pool's instances in the order they entered it, answering Auto Scaling's questions in O(log n)
/// amortized instead of a scan of the pool (issue 13): the earliest ready instance of a zone and launch template, the
/// latest one still warming, the latest of all, and the count per zone.</summary>
/// <remarks>
/// A member's place is its position in an append-only log (a member that leaves and comes back takes a new one), so
/// the order is that of a list appended to and removed from anywhere. Heaps of positions are cleaned lazily: an entry
/// whose member left the pool, or is no longer in the state the heap holds, is dropped when it reaches the top.
/// </remarks>
internal sealed class WarmPoolMembers(World world)
{
    private const int Templates = 256;                  // launch template versions are bytes
    private int[] _log = new int[64];                   // position -> instance id
    private int _logCount;
    private int[] _positionOf = new int[64];            // instance id -> position + 1; 0 outside the pool
    private int[] _zoneCount = new int[1];
    private MinHeap?[] _ready = new MinHeap?[Templates];   // per zone * Templates + template: Warmed, earliest first
    private readonly MinHeap _warming = new(), _all = new();     // latest first (positions stored complemented)

    /// <summary>Instances in the pool (ready or not).</summary>
    public int Count { get; private set; }

    /// <summary>Positions taken so far in this replication: members are at positions below it.</summary>
    public int Positions => _logCount;

    public void Reset(int zones)
    {
        if (_zoneCount.Length != zones)
        {
            _zoneCount = new int[zones];
            _ready = new MinHeap?[zones * Templates];
        }
        Array.Clear(_zoneCount);
        foreach (var heap in _ready) heap?.Clear();
        _warming.Clear();
        _all.Clear();
        for (int p = 0; p < _logCount; p++) _positionOf[_log[p]] = 0;
        _logCount = 0;
        Count = 0;
    }

    /// <summary>Pool instances in <paramref name="zone"/>.</summary>
    public int InZone(int zone) => _zoneCount[zone];

    /// <summary>The member at <paramref name="position"/>, or -1 when it has left the pool.</summary>
    public int At(int position)
    {
        int id = _log[position];
        return _positionOf[id] == position + 1 ? id : -1;
    }

    /// <summary>Appends an instance that is Warming or Warmed.</summary>
    public void Add(int id)
    {
        if (_logCount == _log.Length) Array.Resize(ref _log, _log.Length * 2);
        if (id >= _positionOf.Length) Array.Resize(ref _positionOf, Math.Max(id + 1, _positionOf.Length * 2));
        int position = _logCount++;
        _log[position] = id;
        _positionOf[id] = position + 1;
        Count++;
        _zoneCount[world[id].Zone]++;
        _all.Push(~position);
        if (world[id].Lifecycle == LifecycleState.Warmed) BecameReady(id);
        else _warming.Push(~position);
    }

    /// <summary>A member went from Warming to Warmed.</summary>
    public void BecameReady(int id)
    {
        if (id >= _positionOf.Length || _positionOf[id] == 0) return;
        ref var inst = ref world[id];
        (_ready[(inst.Zone * Templates) + inst.LaunchTemplate] ??= new MinHeap()).Push(_positionOf[id] - 1);
    }

    public void Remove(int id)
    {
        if (id >= _positionOf.Length || _positionOf[id] == 0) return;
        _positionOf[id] = 0;
        Count--;
        _zoneCount[world[id].Zone]--;
    }

    /// <summary>The earliest Warmed member of <paramref name="zone"/> on <paramref name="template"/>: its position, or
    /// -1.</summary>
    public int EarliestReady(int zone, byte template)
    {
        var heap = _ready[(zone * Templates) + template];
        if (heap is null) return -1;
        while (heap.Count > 0)
        {
            int position = heap.Top, id = At(position);
            if (id >= 0 && world[id].Lifecycle == LifecycleState.Warmed) return position;
            heap.Pop();
        }
        return -1;
    }

    /// <summary>The latest member still Warming, or -1.</summary>
    public int LatestWarming() => Latest(_warming, warmingOnly: true);

    /// <summary>The latest member, or -1.</summary>
    public int Latest() => Latest(_all, warmingOnly: false);

    private int Latest(MinHeap heap, bool warmingOnly)
    {
        while (heap.Count > 0)
        {
            int id = At(~heap.Top);
            if (id >= 0 && (!warmingOnly || world[id].Lifecycle == LifecycleState.Warming)) return id;
            heap.Pop();
        }
        return -1;
    }

    /// <summary>Invariant check: the members and their zones against a scan of the fleet (null when they agree).</summary>
    public string? Mismatch()
    {
        Span<int> zones = stackalloc int[_zoneCount.Length];
        int count = 0;
        for (int i = 0; i < world.InstanceCount; i++)
        {
            ref var inst = ref world[i];
            if (inst.Lifecycle is not (LifecycleState.Warming or LifecycleState.Warmed)) continue;
            if (i >= _positionOf.Length || _positionOf[i] == 0) return $"instance {i} is {inst.Lifecycle} but not in the warm pool";
            count++;
            zones[inst.Zone]++;
        }
        return count == Count && zones.SequenceEqual(_zoneCount)
            ? null : $"the warm pool counts {Count} instances ({string.Join('/', _zoneCount)} by zone), the fleet has {count} ({string.Join('/', zones.ToArray())})";
    }
}
