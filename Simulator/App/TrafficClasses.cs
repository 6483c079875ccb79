namespace DeploySim.App;

/// <summary>The fleet grouped into classes of instances that the load balancers treat alike: same serving workers,
/// same serving workers of the new revision, and the same routing code in every target group. Traffic integrates per
/// class (count × one instance's rates), so its cost grows with the number of distinct classes (a few dozen at most),
/// not with the fleet. Moving an instance between classes is O(target groups).</summary>
/// <remarks>Routing code per group: 0 not routed (unused, draining), 1 registered but not healthy (initial, unhealthy:
/// routed only when the group fails open, docs/model.md#health-checks), 2 + k healthy after k slow-start steps (k = 8: full weight,
/// docs/model.md#deregistration-delay-and-slow-start). A fleet without target groups has one pseudo-group whose code is full weight for an in-service instance.</remarks>
internal sealed class TrafficClasses
{
    public const byte NotRouted = 0, Registered = 1, HealthyBase = 2, SlowStartSteps = 8;

    private readonly Dictionary<ulong, int> _firstByHash = [];
    private int[] _next = new int[16];        // next class with the same hash, -1 at the end
    private int[] _count = new int[16];
    private int[] _serving = new int[16];
    private int[] _bad = new int[16];
    private byte[] _codes = new byte[16];     // class × groups
    private int[] _classOf = new int[64];     // per instance; -1: not classified yet (not routed)
    private int[] _healthy = new int[1];      // per group: instances whose code is healthy (fail-open when 0)
    private byte[] _scratch = new byte[1];

    public int Groups { get; private set; }
    public int Count { get; private set; }
    /// <summary>Changes whenever a member count or a group's healthy count changes (what routing weights depend on).</summary>
    public int Version { get; private set; }

    public void Reset(int groups, int instances)
    {
        Groups = Math.Max(1, groups);
        Count = 0;
        Version = 0;
        _firstByHash.Clear();
        if (_healthy.Length < Groups) _healthy = new int[Groups];
        if (_scratch.Length < Groups) _scratch = new byte[Groups];
        Array.Clear(_healthy);
        if (_classOf.Length < instances) _classOf = new int[instances];
        Array.Fill(_classOf, -1);
    }

    public int Members(int c) => _count[c];
    public int Serving(int c) => _serving[c];
    public int BadServing(int c) => _bad[c];
    public byte Code(int c, int g) => _codes[(c * Groups) + g];
    public int ClassOf(int id) => id < _classOf.Length ? _classOf[id] : -1;
    public bool FailOpen(int g) => _healthy[g] == 0;

    /// <summary>Weight with which group <paramref name="g"/> routes to a member of class <paramref name="c"/> (as
    /// TargetGroups.RoutingWeight: fail-open routes to every registered target; slow start ramps in steps).</summary>
    public double Weight(int c, int g)
    {
        byte code = Code(c, g);
        if (code == NotRouted) return 0;
        if (_healthy[g] == 0) return 1;
        if (code == Registered) return 0;
        int ramp = code - HealthyBase;
        return ramp >= SlowStartSteps ? 1 : (ramp + 1) / (double)(SlowStartSteps + 1);
    }

    /// <summary>Scratch codes for the next <see cref="Move"/> (one per group).</summary>
    public Span<byte> Codes => _scratch.AsSpan(0, Groups);

    /// <summary>Puts the instance in the class of (serving, bad, <see cref="Codes"/>). Returns true if its class changed.</summary>
    public bool Move(int id, int serving, int bad)
    {
        if (id >= _classOf.Length)
        {
            int old = _classOf.Length;
            Array.Resize(ref _classOf, Math.Max(id + 1, old * 2));
            Array.Fill(_classOf, -1, old, _classOf.Length - old);
        }
        var codes = Codes;
        int from = _classOf[id];
        if (from >= 0 && Is(from, serving, bad, codes)) return false;   // most changes leave the class as it is
        int target = Find(serving, bad, codes);
        if (target == from) return false;
        Version++;
        if (from >= 0) Leave(from);
        _classOf[id] = target;
        _count[target]++;
        for (int g = 0; g < Groups; g++) if (codes[g] >= HealthyBase) _healthy[g]++;
        return true;
    }

    private void Leave(int c)
    {
        _count[c]--;
        int at = c * Groups;
        for (int g = 0; g < Groups; g++) if (_codes[at + g] >= HealthyBase) _healthy[g]--;
    }

    private int Find(int serving, int bad, ReadOnlySpan<byte> codes)
    {
        ulong h = Hash(serving, bad, codes);
        if (_firstByHash.TryGetValue(h, out int c))
        {
            for (; c >= 0; c = _next[c])
                if (Is(c, serving, bad, codes)) return c;
        }
        return Add(h, serving, bad, codes);
    }

    private bool Is(int c, int serving, int bad, ReadOnlySpan<byte> codes) =>
        _serving[c] == serving && _bad[c] == bad && codes.SequenceEqual(_codes.AsSpan(c * Groups, Groups));

    private static ulong Hash(int serving, int bad, ReadOnlySpan<byte> codes)
    {
        unchecked
        {
            ulong h = ((ulong)(uint)serving * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)bad * 0xC2B2AE3D27D4EB4FUL);
            for (int g = 0; g < codes.Length; g++) h = (h * 0x100000001B3UL) ^ codes[g];
            return h;
        }
    }

    private int Add(ulong h, int serving, int bad, ReadOnlySpan<byte> codes)
    {
        int c = Count++;
        if (c == _count.Length)
        {
            int size = c * 2;
            Array.Resize(ref _next, size);
            Array.Resize(ref _count, size);
            Array.Resize(ref _serving, size);
            Array.Resize(ref _bad, size);
        }
        if (_codes.Length < (c + 1) * Groups) Array.Resize(ref _codes, Math.Max((c + 1) * Groups, _codes.Length * 2));
        _count[c] = 0;
        _serving[c] = serving;
        _bad[c] = bad;
        codes.CopyTo(_codes.AsSpan(c * Groups, Groups));
        _next[c] = _firstByHash.TryGetValue(h, out int first) ? first : -1;
        _firstByHash[h] = c;
        return c;
    }
}
