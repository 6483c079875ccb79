namespace DeploySim.App.Queueing;

/// <summary>The fast model of one target group: its targets' worker queues under the group's routing, advanced over
/// intervals of constant demand.</summary>
/// <remarks>
/// Round robin: target i gets λ wᵢ / Σw (wᵢ its routing weight: 1, or its slow-start ramp) with Erlang-n gaps
/// (c_a² = 1/n over n routed targets) and its own backlog. Least outstanding requests: one pooled queue of all the
/// routed targets' workers and listen queues, Poisson arrivals. A routed target with no serving worker gets its share
/// refused (502: nginx finds no unicorn socket, docs/model.md#overload-and-queueing). Advance is O(targets) with one Erlang C evaluation
/// per distinct (workers, share) pair, and allocates nothing. Not thread-safe: one per world.
/// </remarks>
public sealed class QueueNetwork(QueueSettings settings)
{
    private int[] _servers = new int[16];
    private double[] _weight = new double[16];
    private double[] _backlog = new double[16];
    private double _pooledBacklog;
    private RequestCounts _counts;

    public QueueSettings Settings => settings;
    public ref readonly RequestCounts Counts => ref _counts;
    public int Targets { get; private set; }

    /// <summary>Requests queued now, over every target (fluid backlog; the stationary queue's mean is not included).</summary>
    public double QueuedRequests
    {
        get
        {
            double q = _pooledBacklog;
            for (int i = 0; i < Targets; i++) q += _backlog[i];
            return q;
        }
    }

    public void Reset()
    {
        Array.Clear(_backlog);
        _pooledBacklog = 0;
        _counts = default;
        Targets = 0;
    }

    /// <summary>Sets target <paramref name="index"/>'s serving workers and routing weight (0: not routed). A target
    /// that leaves routing keeps its backlog, which is still served in the model (a simplification for draining).</summary>
    public void SetTarget(int index, int servers, double weight)
    {
        if (index >= _servers.Length)
        {
            int n = Math.Max(index + 1, _servers.Length * 2);
            Array.Resize(ref _servers, n);
            Array.Resize(ref _weight, n);
            Array.Resize(ref _backlog, n);
        }
        _servers[index] = servers;
        _weight[index] = weight;
        if (index >= Targets) Targets = index + 1;
    }

    /// <summary>Advances every queue by <paramref name="durationMs"/> at <paramref name="demandPerMs"/> requests per ms,
    /// adding the answered requests' latencies to <paramref name="latencies"/>.</summary>
    public void Advance(double durationMs, double demandPerMs, LatencyMixture latencies)
    {
        if (durationMs <= 0) return;
        double total = 0;
        int routed = 0, pooledServers = 0;
        for (int i = 0; i < Targets; i++)
        {
            if (_weight[i] <= 0) continue;
            total += _weight[i];
            routed++;
            pooledServers += _servers[i];
        }
        if (routed == 0) return;
        if (settings.Routing == Routing.LeastOutstandingRequests)
        {
            AdvancePooled(durationMs, demandPerMs, total, routed, pooledServers, latencies);
            return;
        }
        double scv = 1.0 / routed;
        for (int i = 0; i < Targets; i++)
        {
            double w = _weight[i];
            if (w <= 0 && _backlog[i] <= 0) continue;
            double lambda = demandPerMs * w / total;
            if (_servers[i] == 0)
            {
                _counts.Arrived += lambda * durationMs;
                _counts.Http502 += lambda * durationMs;
                continue;
            }
            QueueUnit.Advance(ref _backlog[i], _servers[i], settings.Backlog, lambda, scv, durationMs, settings, latencies, ref _counts);
        }
    }

    private void AdvancePooled(double durationMs, double demandPerMs, double total, int routed, int servers, LatencyMixture latencies)
    {
        // Targets with no serving worker still get requests while routed (LOR sees them as idle): refused at once.
        double dead = 0;
        for (int i = 0; i < Targets; i++) if (_weight[i] > 0 && _servers[i] == 0) dead += _weight[i];
        double refused = demandPerMs * durationMs * dead / total;
        _counts.Arrived += refused;
        _counts.Http502 += refused;
        if (servers == 0) return;
        QueueUnit.Advance(ref _pooledBacklog, servers, (double)settings.Backlog * routed, demandPerMs * (1 - (dead / total)), 1,
            durationMs, settings, latencies, ref _counts);
    }
}
