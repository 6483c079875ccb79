using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.App;

/// <summary>Traffic, continued: integrating served, unserved and failed requests between changes, and rebuilding the capacity totals.</summary>
public sealed partial class Traffic
{
    /// <summary>Rebuilds the capacity totals if anything changed during the event. Called by the world after each event.</summary>
    public bool FlushIfDirty()
    {
        if (!_dirty) return false;
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
            IntegrateQueue(d0, d1, seconds);
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
    private void IntegrateQueue(double d0, double d1, double seconds)
    {
        double c = ServingCapacity;
        double before = _backlog;
        double n0 = d0 - c, n1 = d1 - c;
        double cross = (n0 < 0) != (n1 < 0) && n0 != n1 ? -n0 / (n1 - n0) : 1;   // fraction of the interval where the sign flips
        _backlog = Math.Max(0, _backlog + ((n0 + (n0 + (cross * (n1 - n0)))) / 2 * cross * seconds));
        _peakBacklog = Math.Max(_peakBacklog, _backlog);
        if (cross < 1)
        {
            double nc = n0 + (cross * (n1 - n0));
            _backlog = Math.Max(0, _backlog + ((nc + n1) / 2 * (1 - cross) * seconds));
            _peakBacklog = Math.Max(_peakBacklog, _backlog);
        }
        double processed = ((d0 + d1) / 2 * seconds) - (_backlog - before);
        double bad = processed * _workerBadFraction;
        _served += processed - bad;
        _failed += bad;
        _badFailed += bad;
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
        world.Recorder.CapacityChanged(capacity, Demand(world.NowMs));
    }
}
