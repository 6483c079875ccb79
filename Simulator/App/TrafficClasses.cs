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

    // First class per hash: an open-addressed table (linear probing, power-of-two size, -1 empty), cheaper per lookup
    // than a Dictionary for the few dozen classes a fleet has.
    private ulong[] _slotHash = new ulong[64];
    private int[] _slotClass = [.. Enumerable.Repeat(-1, 64)];
    private int _slotShift = 58;                  // 64 - log2(size): a slot is the hash's top bits
    private int _slotsUsed;
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
    /// <summary>Changes whenever the routing weights summed over the members may change: a member count of a class that
    /// some group routes to, or a group's healthy count (a move between classes no group routes to weighs nothing).</summary>
    public int Version { get; private set; }

    public void Reset(int groups, int instances)
    {
        Groups = Math.Max(1, groups);
        Count = 0;
        Version = 0;
        Array.Fill(_slotClass, -1);
        _slotsUsed = 0;
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
        if (codes.ContainsAnyExcept(NotRouted) || (from >= 0 && _codes.AsSpan(from * Groups, Groups).ContainsAnyExcept(NotRouted))) Version++;
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
        for (int c = _slotClass[SlotOf(h)]; c >= 0; c = _next[c])
            if (Is(c, serving, bad, codes)) return c;
        return Add(h, serving, bad, codes);
    }

    /// <summary>The slot holding hash <paramref name="h"/>, or the empty slot where it would go.</summary>
    private int SlotOf(ulong h)
    {
        int mask = _slotClass.Length - 1;
        int s = (int)(h >> _slotShift);
        while (_slotClass[s] >= 0 && _slotHash[s] != h) s = (s + 1) & mask;
        return s;
    }

    private void SetFirst(ulong h, int c)
    {
        int s = SlotOf(h);
        if (_slotClass[s] < 0)
        {
            if (2 * (_slotsUsed + 1) > _slotClass.Length)
            {
                GrowSlots();
                s = SlotOf(h);
            }
            _slotsUsed++;
        }
        _slotHash[s] = h;
        _slotClass[s] = c;
    }

    private void GrowSlots()
    {
        var (hashes, classes) = (_slotHash, _slotClass);
        _slotHash = new ulong[hashes.Length * 2];
        _slotClass = new int[classes.Length * 2];
        Array.Fill(_slotClass, -1);
        _slotShift--;
        for (int k = 0; k < classes.Length; k++)
        {
            if (classes[k] < 0) continue;
            int s = SlotOf(hashes[k]);
            _slotHash[s] = hashes[k];
            _slotClass[s] = classes[k];
        }
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
        _next[c] = _slotClass[SlotOf(h)];
        SetFirst(h, c);
        return c;
    }
}
