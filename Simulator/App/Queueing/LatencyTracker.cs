using DeploySim.Engine;
using DeploySim.Scenarios;

namespace DeploySim.App.Queueing;

/// <summary>The fast queueing model inside a world (docs/model.md#latency-model): fed by <see cref="Traffic"/> once
/// per traffic class and interval, it keeps the latency mixtures (deployment window, steady state outside it), the
/// 502/504 counts, the SLO's per-minute books and each class's fluid backlog.</summary>
/// <remarks>
/// Every member of a traffic class gets the same arrival rate, so one <see cref="QueueUnit"/> evaluation per class
/// covers all its members (O(classes) per interval, allocation-free, the stationary result cached per class). Round
/// robin: each member is its own queue, c_a² = 1 / routed targets. Least outstanding requests: one pooled queue of every
/// routed worker (<see cref="Routing.LeastOutstandingRequests"/>). An instance that changes class carries its backlog
/// into the new class's average. Built only when <c>traffic.serviceTime</c> is set.
/// </remarks>
public sealed class LatencyTracker
{
    /// <summary>Linux somaxconn since 5.4, the cap on unicorn's backlog (docs/model.md#overload-and-queueing).</summary>
    public const int Somaxconn = 4096;
    private const long MinuteMs = 60_000;

    private readonly LatencySpec _spec;
    private double[] _backlog = new double[64];
    private StationaryCache[] _cache = new StationaryCache[64];
    private StationaryCache _pooledCache;
    private double _pooledBacklog;
    private int _pooledTargets;
    private RequestCounts _window, _all, _interval;
    private double _windowUnrouted, _minuteRequests, _minuteErrors, _minuteAnswered, _minuteSlow;
    private long _minute = -1;
    private int _violatedMinutes;

    public LatencyTracker(LatencySpec spec)
    {
        _spec = spec;
        Settings = new QueueSettings(new ServiceTime(spec.ServiceTime), Math.Min(spec.Backlog, Somaxconn), spec.Timeout.Milliseconds,
            spec.Routing == LoadBalancing.LeastOutstandingRequests ? Routing.LeastOutstandingRequests : Routing.RoundRobin,
            spec.Slo?.LatencyMs ?? double.PositiveInfinity);
    }

    public LatencySpec Spec => _spec;
    public QueueSettings Settings { get; }
    public LatencyMixture Window { get; } = new();
    public LatencyMixture Steady { get; } = new();

    /// <summary>With detail on: the latencies since the last <see cref="TakeRecent"/> (for the time series); null otherwise.</summary>
    public LatencyMixture? Recent { get; private set; }

    /// <summary>Keeps <see cref="Recent"/> (detail on) or not: with it every addition to the window or steady state is
    /// mirrored into Recent (the window's own figures are the same either way).</summary>
    public void KeepRecent(bool keep)
    {
        Recent = keep ? Recent ?? new() : null;
        Recent?.Clear();
        Window.Mirror = Steady.Mirror = Recent;
    }

    /// <summary>The p50 and p99 (ms) since the last call (NaN: nothing answered), and starts a new span.</summary>
    public (double P50, double P99) TakeRecent()
    {
        if (Recent is null) return (double.NaN, double.NaN);
        var q = (Recent.Quantile(0.5, Settings.Service), Recent.Quantile(0.99, Settings.Service));
        Recent.Clear();
        return q;
    }

    public ref readonly RequestCounts WindowCounts => ref _window;
    public ref readonly RequestCounts AllCounts => ref _all;
    public bool Pooled => Settings.Routing == Routing.LeastOutstandingRequests;

    /// <summary>Requests queued now over the fleet (fluid backlog), as of the last interval.</summary>
    public double Queued { get; private set; }

    /// <summary>The largest <see cref="Queued"/> at the end of an interval.</summary>
    public double PeakQueued { get; private set; }

    public void Reset()
    {
        Array.Clear(_backlog);
        Array.Clear(_cache);
        _pooledCache = default;
        _pooledBacklog = 0;
        _pooledTargets = 0;
        Window.Clear();
        Steady.Clear();
        _window = _all = _interval = default;
        _windowUnrouted = _minuteRequests = _minuteErrors = _minuteAnswered = _minuteSlow = 0;
        _minute = -1;
        _violatedMinutes = 0;
        Queued = PeakQueued = 0;
    }

    /// <summary>Starts an interval: its counts and the queued total are accumulated by the calls that follow.</summary>
    public void BeginInterval()
    {
        Queued = Pooled ? _pooledBacklog : 0;
        _interval = default;
    }

    /// <summary>Round robin: advances class <paramref name="cls"/> (<paramref name="members"/> instances of
    /// <paramref name="servers"/> serving workers, each receiving <paramref name="rpsEach"/>) by <paramref name="seconds"/>.</summary>
    public void Advance(int cls, int members, int servers, double rpsEach, int routedTargets, double seconds, bool inWindow)
    {
        Ensure(cls);
        QueueUnit.Advance(ref _backlog[cls], servers, Settings.Backlog, rpsEach / 1000, 1.0 / Math.Max(1, routedTargets), seconds * 1000,
            Settings, inWindow ? Window : Steady, ref _interval, ref _cache[cls], members);
        Queued += members * _backlog[cls];
    }

    /// <summary>Least outstanding requests: one queue of <paramref name="servers"/> workers over <paramref name="targets"/> targets.</summary>
    public void AdvancePooled(int servers, int targets, double rps, double seconds, bool inWindow)
    {
        _pooledTargets = targets;
        if (servers <= 0) return;
        QueueUnit.Advance(ref _pooledBacklog, servers, (double)Settings.Backlog * targets, rps / 1000, 1, seconds * 1000,
            Settings, inWindow ? Window : Steady, ref _interval, ref _pooledCache);
        Queued = _pooledBacklog;
    }

    /// <summary>Requests routed to a target with no serving worker: nginx finds no unicorn socket, 502 (docs/model.md#overload-and-queueing).</summary>
    public void Refuse(double requests)
    {
        _interval.Arrived += requests;
        _interval.Http502 += requests;
    }

    /// <summary>Requests mode: what the simulated requests did during the interval (<paramref name="after"/> less
    /// <paramref name="before"/>, the reference's counts around it), so the SLO's minutes are kept as in fast mode.</summary>
    public void Observed(in RequestCounts before, in RequestCounts after)
    {
        _interval.Arrived += after.Arrived - before.Arrived;
        _interval.Succeeded += after.Succeeded - before.Succeeded;
        _interval.Http502 += after.Http502 - before.Http502;
        _interval.Http504 += after.Http504 - before.Http504;
        _interval.Slow += after.Slow - before.Slow;
    }

    /// <summary>Class <paramref name="cls"/> has no routed, serving member: its backlog is gone.</summary>
    public void Drop(int cls)
    {
        if (cls < _backlog.Length) _backlog[cls] = 0;
    }

    /// <summary>An instance moved from class <paramref name="from"/> (-1: none) into <paramref name="to"/>, which now has
    /// <paramref name="membersOfTo"/> members: its queued requests join the new class's average backlog.</summary>
    public void Moved(int from, int to, int membersOfTo)
    {
        if (to < 0 || membersOfTo <= 0) return;
        Ensure(Math.Max(from, to));
        double carried = from >= 0 ? _backlog[from] : 0;
        _backlog[to] += (carried - _backlog[to]) / membersOfTo;
    }

    /// <summary>Closes the interval [<paramref name="fromMs"/>, <paramref name="toMs"/>): adds its counts to the run's
    /// (and the window's) and, in the window, to the SLO's minutes; <paramref name="unrouted"/> requests found no target (503).</summary>
    public void EndInterval(long fromMs, long toMs, double unrouted, bool inWindow)
    {
        Add(ref _all, _interval);
        PeakQueued = Math.Max(PeakQueued, Queued);

        if (!inWindow || toMs <= fromMs) return;
        Add(ref _window, _interval);
        _windowUnrouted += unrouted;
        if (_spec.Slo is null) return;
        double span = toMs - fromMs;
        for (long t = fromMs; t < toMs;)
        {
            long minute = t / MinuteMs, end = Math.Min(toMs, (minute + 1) * MinuteMs);
            if (minute != _minute) CloseMinute(minute);
            double f = (end - t) / span;
            _minuteRequests += f * (_interval.Arrived + unrouted);
            _minuteErrors += f * (_interval.Http502 + _interval.Http504 + unrouted);
            _minuteAnswered += f * _interval.Succeeded;
            _minuteSlow += f * _interval.Slow;
            t = end;
        }
    }

    private void CloseMinute(long next)
    {
        if (_minute >= 0 && MinuteViolated()) _violatedMinutes++;
        _minute = next;
        _minuteRequests = _minuteErrors = _minuteAnswered = _minuteSlow = 0;
    }

    private bool MinuteViolated()
    {
        var slo = _spec.Slo!;
        return (_minuteRequests > 0 && _minuteErrors / _minuteRequests > 1 - (slo.Availability / 100))
            || (_minuteAnswered > 0 && _minuteSlow / _minuteAnswered > 1 - (slo.Percentile / 100));
    }

    /// <summary>Minutes of the deployment window in which the SLO was violated (the minute in progress included).</summary>
    public int ViolatedMinutes => _violatedMinutes + (_minute >= 0 && MinuteViolated() ? 1 : 0);

    /// <summary>The deployment window's share of the SLO's error budget, in percent: the larger of errors (502, 504, no
    /// target) over the availability budget and slow answers over the latency budget.</summary>
    public double BudgetBurnedPct => BudgetBurned(_window);

    /// <summary>The budget burned by the window's counts <paramref name="window"/> (and the requests that found no target).</summary>
    public double BudgetBurned(in RequestCounts window)
    {
        var slo = _spec.Slo!;
        double requests = window.Arrived + _windowUnrouted;
        double errors = requests > 0 ? (window.Http502 + window.Http504 + _windowUnrouted) / requests : 0;
        double slow = window.Succeeded > 0 ? window.Slow / window.Succeeded : 0;
        return 100 * Math.Max(errors / (1 - (slo.Availability / 100)), slow / (1 - (slo.Percentile / 100)));
    }

    /// <summary>Whether a health check sent now to a member of class <paramref name="cls"/> with <paramref name="servers"/>
    /// workers is answered within <paramref name="timeoutMs"/>: it queues behind the backlog (refused when the queue is
    /// full); with no backlog it waits the stationary wait, drawn with <paramref name="u"/> (uniform in [0, 1)).</summary>
    public bool AnswersHealthCheck(int cls, int servers, double timeoutMs, double u)
    {
        if (servers <= 0 || cls < 0) return true;
        Ensure(cls);
        double backlog = Pooled ? (_pooledTargets > 0 ? _pooledBacklog / _pooledTargets : 0) : _backlog[cls];
        return Answers(backlog, Pooled ? _pooledCache.Wait : _cache[cls].Wait, servers, timeoutMs, u);
    }

    /// <summary>The same answer <paramref name="aheadMs"/> after the last integration, at the load in force since then
    /// (round robin): the class's backlog moves linearly as <see cref="QueueUnit"/> would move it, so a check needs no
    /// integration of the whole fleet (issue 17's cost). Counts nothing.</summary>
    public bool AnswersHealthCheckAhead(int cls, int servers, double arrivalsPerMs, double arrivalScv, double aheadMs, double timeoutMs, double u)
    {
        if (servers <= 0 || cls < 0) return true;
        Ensure(cls);
        double backlog = _backlog[cls], net = arrivalsPerMs - (servers * Settings.Service.RatePerMs);
        if (backlog > 0 || net >= 0) backlog = Math.Clamp(backlog + (net * aheadMs), 0, Settings.Backlog);
        var wait = backlog > 0 || net >= 0 ? WaitShape.None : StationaryWait(cls, servers, arrivalsPerMs, arrivalScv);
        return Answers(backlog, wait, servers, timeoutMs, u);
    }

    private bool Answers(double backlog, WaitShape wait, int servers, double timeoutMs, double u)
    {
        double capacity = servers * Settings.Service.RatePerMs;
        double budget = timeoutMs - Settings.Service.MeanMs;
        if (backlog > 0) return backlog < Settings.Backlog && backlog / capacity <= budget;
        return budget > 0 && u >= wait.Tail(budget);
    }

    /// <summary>The stationary wait of a member of class <paramref name="cls"/> at <paramref name="arrivalsPerMs"/> (the
    /// class's cached evaluation when the load is the same).</summary>
    public WaitShape StationaryWait(int cls, int servers, double arrivalsPerMs, double arrivalScv)
    {
        Ensure(cls);
        return _cache[cls].Matches(servers, Settings.Backlog, arrivalsPerMs, arrivalScv)
            ? _cache[cls].Wait
            : WaitShape.Stationary(servers, arrivalsPerMs, Settings.Service, arrivalScv);
    }

    private void Ensure(int cls)
    {
        if (cls < _backlog.Length) return;
        int n = Math.Max(cls + 1, _backlog.Length * 2);
        Array.Resize(ref _backlog, n);
        Array.Resize(ref _cache, n);
    }

    private static void Add(ref RequestCounts total, in RequestCounts c)
    {
        total.Arrived += c.Arrived;
        total.Succeeded += c.Succeeded;
        total.Http502 += c.Http502;
        total.Http504 += c.Http504;
        total.Slow += c.Slow;
    }
}
