using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.App;

/// <summary>Traffic, continued: integrating served, unserved and failed requests between changes, and rebuilding the capacity totals.</summary>
public sealed partial class Traffic
{
    /// <summary>Rebuilds the capacity totals if anything changed during the event. Called by the world after each event.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool FlushIfDirty() => _dirty && Flush();   // inlined into the run loop: most events leave nothing to flush

    private bool Flush()
    {
        Integrate(world.NowMs);
        Rebuild();
        return true;
    }

    /// <summary>Integrates served, unserved and failed requests from the last point to <paramref name="toMs"/>.</summary>
    public void Integrate(long toMs)
    {
        if (toMs <= _lastMs) return;
        _ratesVersion++;
        long from = _lastMs;
        _lastMs = toMs;
        double d0 = Demand(from), d1 = Demand(toMs);
        double seconds = (toMs - from) / 1000.0;
        _demand += (d0 + d1) / 2 * seconds;
        if (world.Fleet.Kind == FleetKind.Worker)
        {
            IntegrateQueue(from, toMs, d0, d1, seconds);
            return;
        }
        int groups = _classes.Groups;
        double unroutedShare = 0;
        GroupWeights();
        for (int g = 0; g < groups; g++)
        {
            if (_groupWeight[g] > 0) continue;
            unroutedShare += _groupShare[g];
            _groupUnserved[g] += _groupShare[g] * (d0 + d1) / 2 * seconds;
        }
        _unserved += unroutedShare * (d0 + d1) / 2 * seconds;
        _latency?.Integrate(_classes, from, toMs, d0, d1, unroutedShare);
        for (int c = 0; c < _classes.Count; c++)
        {
            int n = _classes.Members(c);
            if (n == 0) continue;
            double s = Share(c);
            if (s <= 0) continue;
            int serving = _classes.Serving(c);
            double load = s * (d0 + d1) / 2 * seconds;
            double failed, unserved;
            if (serving <= 0)
            {
                failed = load;
                unserved = 0;
            }
            else
            {
                double served = ServedIntegral(s * d0, s * d1, serving * _perWorker, seconds);
                int badWorkers = _classes.BadServing(c);
                double bad = badWorkers == 0 ? 0 : served * (_badRate * badWorkers / serving);
                _served += n * (served - bad);
                _badFailed += n * bad;
                failed = bad;
                unserved = Math.Max(0, load - served);             // equal integrals rounded two ways must not go negative
            }
            _failed += n * failed;
            _unserved += n * unserved;
            for (int g = 0; g < groups; g++)
            {
                double w = _classes.Weight(c, g);
                if (w <= 0) continue;
                double part = _groupShare[g] * w / _groupWeight[g] / s;   // this group's part of the instance's load
                _groupFailed[g] += n * failed * part;
                _groupUnserved[g] += n * unserved * part;
            }
        }
    }

    /// <summary>Total routing weight per group over the classes.</summary>
    private void GroupWeights()
    {
        if (_weightsVersion == _classes.Version) return;        // no member moved since they were summed
        _weightsVersion = _classes.Version;
        Array.Clear(_groupWeight);
        for (int c = 0; c < _classes.Count; c++)
        {
            int n = _classes.Members(c);
            if (n == 0) continue;
            for (int g = 0; g < _classes.Groups; g++) _groupWeight[g] += n * _classes.Weight(c, g);
        }
    }

    /// <summary>Fraction of the demand routed to one member of class <paramref name="c"/>.</summary>
    internal double Share(int c)
    {
        double s = 0;
        for (int g = 0; g < _classes.Groups; g++)
        {
            double w = _classes.Weight(c, g);
            if (w > 0) s += _groupShare[g] * w / _groupWeight[g];
        }
        return s;
    }

    /// <summary>Worker fleets: jobs arrive at D(t) into one queue that every serving worker pulls from at capacity C.
    /// The backlog B follows dB/dt = D − C, never below zero; with D linear and C constant over the interval, the net
    /// rate changes sign at most once, so each part is integrated exactly.</summary>
    private void IntegrateQueue(long fromMs, long toMs, double d0, double d1, double seconds)
    {
        double c = ServingCapacity;
        double before = _backlog;
        double n0 = d0 - c, n1 = d1 - c;
        double cross = (n0 < 0) != (n1 < 0) && n0 != n1 ? -n0 / (n1 - n0) : 1;   // fraction of the interval where the sign flips
        double dc = d0 + (cross * (d1 - d0));
        _backlog = Math.Max(0, _backlog + ((n0 + (n0 + (cross * (n1 - n0)))) / 2 * cross * seconds));
        _peakBacklog = Math.Max(_peakBacklog, _backlog);
        double nc = n0 + (cross * (n1 - n0));
        JobsWaited(fromMs, fromMs + (long)(cross * (toMs - fromMs)), (d0 + dc) / 2 * cross * seconds, before, _backlog, c, (n0 + nc) / 2);
        if (cross < 1)
        {
            double mid = _backlog;
            _backlog = Math.Max(0, _backlog + ((nc + n1) / 2 * (1 - cross) * seconds));
            _peakBacklog = Math.Max(_peakBacklog, _backlog);
            JobsWaited(fromMs + (long)(cross * (toMs - fromMs)), toMs, (dc + d1) / 2 * (1 - cross) * seconds, mid, _backlog, c, (nc + n1) / 2);
        }
        double processed = ((d0 + d1) / 2 * seconds) - (_backlog - before);
        double bad = processed * _workerBadFraction;
        _served += processed - bad;
        _failed += bad;
        _badFailed += bad;
    }

    /// <summary>The waits of <paramref name="jobs"/> arriving over [<paramref name="fromMs"/>, <paramref name="toMs"/>)
    /// while the backlog moves from <paramref name="b0"/> to <paramref name="b1"/> at capacity <paramref name="c"/>
    /// (docs/model.md#job-waits): B / C at arrival, zero once the backlog has drained (at <paramref name="net"/>, the
    /// phase's average arrivals less capacity, per second); with nothing serving, the jobs wait for capacity to return
    /// and are counted then.</summary>
    private void JobsWaited(long fromMs, long toMs, double jobs, double b0, double b1, double c, double net)
    {
        if (!(jobs > 0)) return;
        if (c <= 0)
        {
            if (_stalledJobs == 0) _stallFromMs = fromMs;
            _stalledJobs += jobs;
            _stallToMs = toMs;
            return;
        }
        if (_stalledJobs > 0)
        {
            double ahead = b0 / c, now = fromMs / 1000.0;
            _jobWaits!.Add(_stalledJobs, now - (_stallToMs / 1000.0) + ahead, now - (_stallFromMs / 1000.0) + ahead);
            _stalledJobs = 0;
        }
        const double empty = 1e-6;                                // a residue of rounding, not a job
        if (b0 <= empty) b0 = 0;
        if (b1 <= empty) b1 = 0;
        if (b0 <= 0 && b1 <= 0) { _jobWaits!.Add(jobs, 0, 0); return; }
        if (b1 > 0 || b0 <= 0) { _jobWaits!.Add(jobs, b0 / c, b1 / c); return; }
        // Drained within the interval: the backlog falls at the phase's net rate until it is empty.
        double waiting = net < 0 ? Math.Min(1, b0 / -net / Math.Max(1e-9, (toMs - fromMs) / 1000.0)) : 1;
        _jobWaits!.Add(jobs * waiting, b0 / c, 0);
        _jobWaits!.Add(jobs * (1 - waiting), 0, 0);
    }

    /// <summary>∫ min(load(t), c) over an interval where load goes linearly from l0 to l1.</summary>
    private static double ServedIntegral(double l0, double l1, double c, double seconds)
    {
        if (l0 <= c && l1 <= c) return (l0 + l1) / 2 * seconds;
        if (l0 >= c && l1 >= c) return c * seconds;
        double f = (c - l0) / (l1 - l0);             // fraction of the interval where the load crosses c
        double below = l0 < c ? f : 1 - f;
        double lowAvg = l0 < c ? (l0 + c) / 2 : (c + l1) / 2;
        return ((lowAvg * below) + (c * (1 - below))) * seconds;
    }

    private void Rebuild()
    {
        _dirty = false;
        _ratesVersion++;
        GroupWeights();
        Array.Clear(_groupCapacity);
        double capacity = 0, badCapacity = 0;
        int badServing = 0, routedTargets = 0;
        for (int c = 0; c < _classes.Count; c++)
        {
            int n = _classes.Members(c), serving = _classes.Serving(c);
            if (n == 0 || serving <= 0) continue;
            double instanceCapacity = serving * _perWorker;
            bool routed = false;
            for (int g = 0; g < _classes.Groups; g++)
            {
                if (_classes.Weight(c, g) <= 0) continue;
                routed = true;
                _groupCapacity[g] += n * instanceCapacity;
            }
            if (!routed) continue;
            routedTargets += n;
            capacity += n * instanceCapacity;
            int bad = _classes.BadServing(c);
            if (_badRate > 0 && bad > 0)
            {
                badServing += n;
                badCapacity += n * bad * _perWorker;
            }
        }
        ServingCapacity = capacity;
        _routedTargets = routedTargets;
        _workerBadFraction = capacity > 0 ? _badRate * badCapacity / capacity : 0;
        if (_badRate > 0) world.BadRevisions.BadRevisionServing(badServing);
        if (world.Fleet.Kind == FleetKind.Worker) ScheduleDrain();
        world.Recorder.CapacityChanged(capacity, Demand(world.NowMs), _groupCapacity, _backlog, _failed, _latency?.Tracker);
    }
}
