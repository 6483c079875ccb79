using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Metrics;

/// <summary>Observes the world through the calls it is sent and integrates between them; computes nothing the world
/// does not report.</summary>
/// <remarks>Instance-hours, peak instances and unfinished instances follow the lifecycle changes it is sent; minimum
/// serving capacity follows the capacity changes Traffic sends between the rollout's start and end; OOM kills are
/// counted as Unicorn reports them; peak memory is observed before every process exit and after every process start
/// (memory only grows in between). The one component it reads is Unicorn, for memory: a worker's memory grows with
/// time between events, so the memory series and the level a rollout starts from sample it. The world assembles the
/// replication's result from these observations and the components' own totals (<c>World.Finish</c>). With detail on
/// (the first replication), it also keeps the timeline, the fleet's time series and per-instance memory for reporting.</remarks>
public sealed partial class Recorder(Model.World world)
{
    private bool _detail;
    private readonly List<TimelineSpan> _timeline = [];
    private readonly List<SeriesPoint> _series = [];
    private readonly List<MemoryPoint> _memory = [];
    private readonly List<double[]> _groupSeries = [];
    private readonly Dictionary<(int Group, int Instance), (TargetState State, SimTime Since)> _targetStates = [];
    private long _lastFleetMs;
    private double _peakMiB, _rolloutPeakMiB;     // the largest memory sampled (all along, since the rollout started)
    private long _instanceMiB = 1;                // the fleet's instance size (memory percentages are of it)
    private int _alive, _peak, _inService, _unfinished;
    private byte[] _seen = new byte[64];          // last seen lifecycle state + 1 per instance; 0: not seen yet
    private double _instanceHours, _peakMemoryPct, _baseline, _minCapacity, _hoursAtStart, _hoursAtEnd;
    private double[] _groupBaseline = [], _groupMin = [];
    /// <summary>Fleets up to this size get exact memory statistics at every series point.</summary>
    public const int ExactMemoryInstances = 2_000;
    /// <summary>Above <see cref="ExactMemoryInstances"/>: the least simulated time between two memory scans of the series.</summary>
    public const long MemorySampleMs = 10_000;
    private double _maxMemoryPct, _meanMemoryPct, _medianMemoryPct, _rolloutPeakMemoryPct;
    private double[] _scan = new double[64];      // one memory scan's figures, for the median
    private int _rolloutOomKills;
    private long _memoryScanMs;
    private SimTime? _rolloutStart, _rolloutEnd;
    private DeploymentOutcome _outcome;
    private string? _failureReason;
    private SimTime? _failedAt;

    public SimTime? RolloutStart => _rolloutStart;

    /// <summary>Instances not terminated, as of the last lifecycle change.</summary>
    public int AliveInstances => _alive;
    public SimTime? RolloutEnd => _rolloutEnd;

    public void Reset(bool detail)
    {
        _detail = detail;
        _timeline.Clear();
        _series.Clear();
        _memory.Clear();
        _groupSeries.Clear();
        _targetStates.Clear();
        _lastFleetMs = 0;
        _instanceMiB = world.Fleet.Instances.MemoryMiB;
        _alive = _peak = _inService = _unfinished = 0;
        Array.Clear(_seen);
        _instanceHours = _peakMemoryPct = _baseline = _minCapacity = _hoursAtStart = _hoursAtEnd = 0;
        _maxMemoryPct = _meanMemoryPct = _medianMemoryPct = _rolloutPeakMemoryPct = 0;
        _peakMiB = _rolloutPeakMiB = 0;
        _rolloutOomKills = 0;
        _memoryScanMs = -1;
        int groups = world.Fleet.TargetGroups.Count;
        if (_groupMin.Length != groups)
        {
            _groupBaseline = new double[groups];
            _groupMin = new double[groups];
        }
        _rolloutStart = _rolloutEnd = _failedAt = null;
        _outcome = DeploymentOutcome.None;
        _failureReason = null;
        ResetScaleOut();
    }

    /// <summary>An instance's lifecycle state changed: counts move in O(1) (each instance's last seen state is kept).</summary>
    public void FleetChanged(int id)
    {
        AccrueInstanceHours(world.NowMs);
        if (_seen.Length <= id) Array.Resize(ref _seen, Math.Max(id + 1, _seen.Length * 2));
        var now = world[id].Lifecycle;
        if (_seen[id] != 0)
        {
            var before = (LifecycleState)(_seen[id] - 1);
            if (Pooled(before)) _pooled--;
            else if (before != LifecycleState.Terminated) _alive--;
            if (before == LifecycleState.InService) _inService--;
            if (IsUnfinished(before)) _unfinished--;
        }
        if (Pooled(now)) _pooled++;
        else if (now != LifecycleState.Terminated) _alive++;
        if (now == LifecycleState.InService)
        {
            _inService++;
            if (_groupMin.Length == 0) InstanceServing(id);
        }
        if (IsUnfinished(now)) _unfinished++;
        _seen[id] = (byte)(now + 1);
        _peak = Math.Max(_peak, _alive);
    }

    /// <summary>Still launching or leaving: an instance counted in <c>unfinishedInstances</c> at the horizon.</summary>
    private static bool IsUnfinished(LifecycleState s) => s is LifecycleState.Pending or LifecycleState.PendingWait or LifecycleState.Terminating;

    private void AccrueInstanceHours(long ms)
    {
        _instanceHours += _alive * (ms - _lastFleetMs) / 3_600_000.0;
        _poolHours += _pooled * (ms - _lastFleetMs) / 3_600_000.0;
        _lastFleetMs = ms;
    }

    /// <summary>Traffic's serving capacity changed: the fleet's <paramref name="capacity"/> and each target group's
    /// (<paramref name="groupCapacity"/>, indexed by group), with the demand, backlog, failed requests and latency
    /// tracker of the moment for the series.</summary>
    public void CapacityChanged(double capacity, double demand, ReadOnlySpan<double> groupCapacity, double backlog, double failedRequests,
        App.Queueing.LatencyTracker? latency)
    {
        if (_rolloutStart is not null && _rolloutEnd is null)
        {
            _minCapacity = Math.Min(_minCapacity, capacity);
            for (int g = 0; g < _groupMin.Length; g++) _groupMin[g] = Math.Min(_groupMin[g], groupCapacity[g]);
        }
        if (!_detail) return;
        if (world.InstanceCount <= ExactMemoryInstances || world.NowMs - _memoryScanMs >= MemorySampleMs || _memoryScanMs < 0) ScanMemory();
        if (latency is not null) CloseLatencySpan(latency);
        var point = new SeriesPoint(world.Now, capacity, demand, _alive, _inService, _maxMemoryPct, _meanMemoryPct, backlog,
            latency?.Queued ?? double.NaN, FailedRequests: failedRequests, MedianMemoryPct: _medianMemoryPct);
        double[] groups = new double[_groupMin.Length];
        for (int g = 0; g < groups.Length; g++) groups[g] = groupCapacity[g];
        if (_series.Count > 0 && _series[^1].Time == world.Now)
        {
            _series[^1] = point;
            if (groups.Length > 0) _groupSeries[^1] = groups;
        }
        else
        {
            _series.Add(point);
            if (groups.Length > 0) _groupSeries.Add(groups);
        }
    }

    /// <summary>Issue 17: the last series point's latency percentiles, over the span from it to now.</summary>
    private void CloseLatencySpan(App.Queueing.LatencyTracker latency)
    {
        if (_series.Count == 0 || _series[^1].Time == world.Now) return;
        var (p50, p99) = latency.TakeRecent();
        _series[^1] = _series[^1] with { LatencyP50Ms = p50, LatencyP99Ms = p99 };
    }

    /// <summary>True when this replication records its detail (timeline, series, memory).</summary>
    public bool RecordsDetail => _detail;

    /// <summary>Memory statistics of the series: a scan of the fleet at every point up to
    /// <see cref="ExactMemoryInstances"/> instances; above that, at most one scan per <see cref="MemorySampleMs"/> of
    /// simulated time (the last scan's figures are repeated in between), so that detail recording stays linear in the
    /// fleet's size.</summary>
    private void ScanMemory()
    {
        double max = 0, sum = 0;
        int n = 0;
        if (_scan.Length < world.InstanceCount) Array.Resize(ref _scan, Math.Max(world.InstanceCount, 2 * _scan.Length));
        for (int i = 0; i < world.InstanceCount; i++)
        {
            if (world[i].Lifecycle == LifecycleState.Terminated) continue;
            double pct = MemoryPct(i);
            max = Math.Max(max, pct);
            sum += pct;
            _scan[n++] = pct;
        }
        _maxMemoryPct = max;
        _meanMemoryPct = n == 0 ? 0 : sum / n;
        _medianMemoryPct = Median(_scan.AsSpan(0, n));
        _memoryScanMs = world.NowMs;
    }

    /// <summary>The median of <paramref name="values"/> (sorted in place; the mean of the middle two for an even count).</summary>
    private static double Median(Span<double> values)
    {
        if (values.Length == 0) return 0;
        values.Sort();
        int m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    private double MemoryPct(int id) => Pct(world.Unicorn.MemoryMiB(id, world.NowMs));

    private double Pct(double mib) => 100.0 * mib / _instanceMiB;

    /// <summary>Samples an instance's memory now (before a process exits, after one starts).</summary>
    /// <remarks>The percentage rises with the MiB (rounding keeps the order), so a sample no larger than the largest
    /// seen cannot raise a peak: only a larger one is converted.</remarks>
    public void ObserveMemory(int id)
    {
        double mib = world.Unicorn.MemoryMiB(id, world.NowMs);
        if (mib > _peakMiB)
        {
            _peakMiB = mib;
            _peakMemoryPct = Math.Max(_peakMemoryPct, Pct(mib));
        }
        if (_rolloutStart is not null && mib > _rolloutPeakMiB)
        {
            _rolloutPeakMiB = mib;
            _rolloutPeakMemoryPct = Math.Max(_rolloutPeakMemoryPct, Pct(mib));
        }
        if (_detail) _memory.Add(new MemoryPoint(world.Now, id, mib));
    }

    public void MemoryChanged(int id) => ObserveMemory(id);

    /// <summary>Unicorn's OOM killer killed a worker (counted for <c>rolloutOomKills</c>; the total is Unicorn's).</summary>
    public void OomKilled()
    {
        if (_rolloutStart is not null) _rolloutOomKills++;
    }

    /// <summary>A target's state changed: with detail on, the state it leaves becomes a span of the timeline.</summary>
    public void TargetChanged(int g, int id, TargetState state)
    {
        if (!_detail) return;
        var key = (g, id);
        if (_targetStates.TryGetValue(key, out var open) && open.State != TargetState.Unused)
            _timeline.Add(new TimelineSpan(id, "target group " + world.Fleet.TargetGroups[g].Name, open.State.ToString().ToLowerInvariant(), open.Since, world.Now, "target state"));
        _targetStates[key] = (state, world.Now);
    }

    public void Span(int id, string lane, string name, SimTime start, SimTime end, string status)
    {
        if (_detail) _timeline.Add(new TimelineSpan(id, lane, name, start, end, status));
    }

    /// <summary>A lifecycle event's span; the event's name is formatted only when detail is kept (no boxing otherwise).</summary>
    public void Span(int id, string lane, LifecycleEvent ev, SimTime start, SimTime end, string status)
    {
        if (_detail) _timeline.Add(new TimelineSpan(id, lane, ev.ToString(), start, end, status));
    }

    /// <summary>The rollout started (sent by <c>World.RolloutStarted</c>, with Traffic's serving capacity, the fleet's and
    /// each group's, as the baseline of the capacity window).</summary>
    public void RolloutStarted(double capacity, ReadOnlySpan<double> groupCapacity)
    {
        _rolloutStart = world.Now;
        _baseline = _minCapacity = capacity;
        for (int g = 0; g < _groupMin.Length; g++) _groupBaseline[g] = _groupMin[g] = groupCapacity[g];
        AccrueInstanceHours(world.NowMs);
        _hoursAtStart = _instanceHours;
        for (int i = 0; i < world.InstanceCount; i++)                       // the level the rollout starts from
        {
            if (world[i].Lifecycle == LifecycleState.Terminated) continue;
            double mib = world.Unicorn.MemoryMiB(i, world.NowMs);
            _rolloutPeakMiB = Math.Max(_rolloutPeakMiB, mib);
            _rolloutPeakMemoryPct = Math.Max(_rolloutPeakMemoryPct, Pct(mib));
        }
    }

    /// <summary>Something made the rollout fail, stop or roll back (a <see cref="FailureReasons"/> code): the first
    /// such cause after the rollout started is its reason, and its time ends <c>timeToFailureSeconds</c>.</summary>
    public void RolloutFailed(string reason)
    {
        if (_rolloutStart is null || _failureReason is not null) return;
        _failureReason = reason;
        _failedAt = world.Now;
    }

    /// <summary>The rollout reached a terminal outcome (sent by <c>World.RolloutEnded</c>, after Traffic's pending
    /// capacity change). A later call (a recovery after the rollout had ended) updates the outcome only: the rollout's
    /// time and capacity window stay those of the first end.</summary>
    public void RolloutEnded(DeploymentOutcome outcome)
    {
        _outcome = outcome;
        if (_rolloutEnd is not null) return;
        _rolloutEnd = world.Now;
        AccrueInstanceHours(world.NowMs);
        _hoursAtEnd = _instanceHours;
    }
}
