using DeploySim.Engine;

namespace DeploySim.App.Queueing;

/// <summary>The reference for the fast model (<c>traffic.mode: requests</c>): every request is simulated, with Poisson
/// arrivals, the load balancer's routing, each target's workers and FIFO listen queue, refusals at a full queue (502)
/// and responses later than the timeout (504).</summary>
/// <remarks>Departures are events in the engine's <see cref="EventQueue"/> at microsecond resolution, ordered by (time,
/// sequence); arrivals are drawn from one seeded stream, service times from another, so a run is deterministic. Round
/// robin is nginx's smooth weighted rotation (strict rotation for equal weights); least outstanding requests picks the
/// target with the fewest requests in service or queued, ties by rotation. Both are O(targets) per request: meant for
/// small fleets and short windows. Latencies of answered requests that arrived while <see cref="Measuring"/> are kept.</remarks>
public sealed class RequestSimulator
{
    private readonly QueueSettings _settings;
    private readonly Xoshiro256 _arrivals, _service;
    private readonly EventQueue _departures = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _windowLatencies = [];
    private readonly List<Target> _targets = [];
    private long _now, _nextArrival = -1, _sequence;
    private double _rate;
    private int _rotation;
    private RequestCounts _counts, _windowCounts;

    public RequestSimulator(QueueSettings settings, ulong seed)
    {
        _settings = settings;
        _arrivals = RandomStreams.Create(seed, 0, "requests.arrivals");
        _service = RandomStreams.Create(seed, 0, "requests.service");
    }

    /// <summary>Latencies (ms) of the answered requests that arrived while measuring, outside the window.</summary>
    public IReadOnlyList<double> Latencies => _latencies;
    public RequestCounts Counts => _counts;
    public bool Measuring { get; set; }
    /// <summary>Requests arriving now belong to the window (their latencies and counts also go to the window's).</summary>
    public bool Window { get; set; }
    /// <summary>Latencies (ms) of the answered requests that arrived while measuring in the window.</summary>
    public IReadOnlyList<double> WindowLatencies => _windowLatencies;
    public RequestCounts WindowCounts => _windowCounts;

    /// <summary>Target <paramref name="index"/>'s requests in service and queued (0 for an unknown target).</summary>
    public (int Busy, int Queued) Load(int index) => index < _targets.Count ? (_targets[index].Busy, _targets[index].Queue.Count) : (0, 0);

    /// <summary>Clears every target, queue, count and latency, and reseeds the streams (a world's next replication).</summary>
    public void Reset(ulong seed, int replication)
    {
        RandomStreams.Reseed(_arrivals, seed, replication, "requests.arrivals");
        RandomStreams.Reseed(_service, seed, replication, "requests.service");
        _departures.Clear();
        _latencies.Clear();
        _windowLatencies.Clear();
        _targets.Clear();
        _now = _sequence = 0;
        _nextArrival = -1;
        _rate = 0;
        _rotation = 0;
        _counts = _windowCounts = default;
    }
    public double NowMs => _now / 1000.0;

    /// <summary>Requests waiting in listen queues now.</summary>
    public int QueuedRequests => _targets.Sum(t => t.Queue.Count);

    public void SetTarget(int index, int servers, double weight)
    {
        while (_targets.Count <= index) _targets.Add(new Target());
        _targets[index].Servers = servers;
        _targets[index].Weight = weight;
        while (_targets[index].Busy < servers && _targets[index].Queue.Count > 0) StartNext(index);
    }

    /// <summary>Runs for <paramref name="durationMs"/> with Poisson arrivals at <paramref name="demandPerMs"/>.</summary>
    public void Run(double durationMs, double demandPerMs)
    {
        long end = _now + (long)Math.Round(durationMs * 1000);
        if (demandPerMs != _rate || _nextArrival < 0)
        {
            _rate = demandPerMs;
            _nextArrival = _rate > 0 ? _now + Gap() : long.MaxValue;
        }
        while (true)
        {
            bool departure = _departures.TryPeek(out var d) && d.Time <= _nextArrival;
            long at = departure ? d.Time : _nextArrival;
            if (at > end) break;
            _now = at;
            if (departure)
            {
                _departures.TryDequeue(out d);
                Depart(d.Target, d.Arg);
            }
            else
            {
                Arrive();
                _nextArrival = _now + Gap();
            }
        }
        _now = end;
    }

    private long Gap() => Math.Max(1, (long)Math.Round(-Math.Log(1 - _arrivals.NextDouble()) / _rate * 1000));

    private void Arrive()
    {
        int i = Route();
        if (i < 0) return;
        var t = _targets[i];
        if (Measuring) _counts.Arrived++;
        if (Measuring && Window) _windowCounts.Arrived++;
        long stamp = Measuring ? -((_now * 2) + (Window ? 1 : 0)) - 1 : _now;      // negative: measured (the low bit: in the window)
        if (t.Servers == 0 || (t.Busy >= t.Servers && t.Queue.Count >= _settings.Backlog))
        {
            if (Measuring) _counts.Http502++;
            if (Measuring && Window) _windowCounts.Http502++;
            return;
        }
        t.Queue.Enqueue(stamp);
        if (t.Busy < t.Servers) StartNext(i);
    }

    private void StartNext(int i)
    {
        var t = _targets[i];
        long stamp = t.Queue.Dequeue();
        t.Busy++;
        long service = Math.Max(1, (long)Math.Round(_settings.Service.Distribution.Sample(_service) * 1000));
        _departures.Enqueue(new Event(_now + service, _sequence++, 0, i, stamp));
    }

    private void Depart(int i, long stamp)
    {
        var t = _targets[i];
        t.Busy--;
        if (stamp < 0)
        {
            long code = -stamp - 1;
            bool window = (code & 1) == 1;
            double latencyMs = (_now - (code >> 1)) / 1000.0;
            if (latencyMs > _settings.TimeoutMs)
            {
                _counts.Http504++;
                if (window) _windowCounts.Http504++;
            }
            else
            {
                _counts.Succeeded++;
                if (latencyMs > _settings.SlowMs) _counts.Slow++;
                if (window)
                {
                    _windowCounts.Succeeded++;
                    _windowLatencies.Add(latencyMs);
                    if (latencyMs > _settings.SlowMs) _windowCounts.Slow++;
                }
                else _latencies.Add(latencyMs);
            }
        }
        if (t.Queue.Count > 0 && t.Busy < t.Servers) StartNext(i);
    }

    private int Route()
    {
        int n = _targets.Count, best = -1;
        if (_settings.Routing == Routing.RoundRobin)
        {
            double total = 0;
            for (int k = 0; k < n; k++)
            {
                var t = _targets[k];
                if (t.Weight <= 0) continue;
                total += t.Weight;
                t.Current += t.Weight;
                if (best < 0 || t.Current > _targets[best].Current) best = k;
            }
            if (best >= 0) _targets[best].Current -= total;
            return best;
        }
        int bestLoad = int.MaxValue;
        for (int j = 0; j < n; j++)
        {
            int k = (_rotation + j) % n;
            var t = _targets[k];
            if (t.Weight <= 0) continue;
            int load = t.Servers == 0 ? 0 : t.Busy + t.Queue.Count;
            if (load < bestLoad) (best, bestLoad) = (k, load);
        }
        _rotation = (_rotation + 1) % Math.Max(1, n);
        return best;
    }

    private sealed class Target
    {
        public int Servers, Busy;
        public double Weight, Current;
        public Queue<long> Queue { get; } = new();
    }
}
