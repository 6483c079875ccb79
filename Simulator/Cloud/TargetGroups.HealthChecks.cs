using DeploySim.Engine;
using DeploySim.Model;
using DeploySim.Scenarios;

namespace DeploySim.Cloud;

/// <summary>Scheduling of target health checks (docs/model.md#health-check-scheduling).</summary>
/// <remarks>
/// A target's checks happen at its first check time + k × interval, and each one's result is whether the application
/// serves at that moment. Between two changes of the serving state every check gives the same result, so the counters
/// after k checks have a closed form and the check that would cross a threshold is known in advance. In
/// <see cref="HealthCheckMode.Crossings"/> mode only that check is an event; a change of the serving state first
/// accounts for the checks before it (with the old result), then plans the next crossing with the new one. A steady
/// healthy target therefore costs no events. <see cref="HealthCheckMode.Events"/> runs every check as an event and is
/// the reference both are tested against. A future source of check failures (queueing delay) plugs in as another
/// "result may change" notification: <see cref="ApplicationChanged"/>.
/// </remarks>
public sealed partial class TargetGroups
{
    private const long NotStarted = long.MaxValue;
    private long[] _nextCheckMs = new long[64];   // first check not yet accounted for (crossing mode)
    private int[] _checkEpoch = new int[64];      // bumps on every re-plan, so that a superseded crossing event is ignored
    private bool[] _passing = new bool[64];       // the result every check gives until the serving state changes
    private bool _anyCrossings;
    private bool _queueDecidesChecks;             // the latency model's overloaded queues can fail a check at any time

    private void ResetChecks()
    {
        Array.Clear(_checkEpoch);
        _anyCrossings = false;
        // A check's result then depends on the queue, not only on the serving state: every check is an event.
        _queueDecidesChecks = world.Fleet.Traffic.Latency is { OverloadFailsHealthChecks: true };
        foreach (var spec in _specs) _anyCrossings |= !_queueDecidesChecks && spec.HealthCheck.Mode == HealthCheckMode.Crossings;
    }

    private void EnsureCheckCapacity(int size)
    {
        if (_nextCheckMs.Length >= size) return;
        Array.Resize(ref _nextCheckMs, size);
        Array.Resize(ref _checkEpoch, size);
        Array.Resize(ref _passing, size);
    }

    private bool Crossings(int g) => !_queueDecidesChecks && _specs[g].HealthCheck.Mode == HealthCheckMode.Crossings;

    /// <summary>Before a registration changes state: no check is accounted until <see cref="StartChecks"/> draws the phase.</summary>
    private void PrepareChecks(int g, int id)
    {
        int s = Slot(g, id);
        _nextCheckMs[s] = NotStarted;
        _passing[s] = world.Unicorn.ServingWorkers(id) > 0;
    }

    /// <summary>Draws the target's phase (its first check) and starts its checks.</summary>
    private void StartChecks(int g, int id)
    {
        int s = Slot(g, id);
        long interval = _specs[g].HealthCheck.Interval.Milliseconds;
        var phase = new SimDuration((long)(_rng.NextDouble() * interval));
        if (!Crossings(g))
        {
            world.After(phase, EventKind.HealthCheck, s, _generation[s]);
            return;
        }
        _nextCheckMs[s] = world.NowMs + phase.Milliseconds;
        _passing[s] = world.Unicorn.ServingWorkers(id) > 0;
        PlanCrossing(g, s);
    }

    /// <summary>The application's serving state on <paramref name="id"/> may have changed: targets whose check result
    /// changes account for their checks so far and plan their next crossing.</summary>
    public void ApplicationChanged(int id)
    {
        if (!_anyCrossings) return;
        bool pass = world.Unicorn.ServingWorkers(id) > 0;
        for (int g = 0; g < _groups; g++)
        {
            int s = Slot(g, id);
            if (_passing[s] == pass || !Crossings(g)) continue;
            if (!IsRegistered(g, id)) { _passing[s] = pass; continue; }
            long now = world.NowMs;
            AccountChecksBefore(g, s, now);
            if (_nextCheckMs[s] == now)
            {
                // A check due this very millisecond sees the state before the change, as its event would in events
                // mode: scheduled an interval earlier, it precedes the event that changes the serving state (a worker
                // forked at its master's boot or 200 ms after the previous one, a script that ran less than an interval).
                _nextCheckMs[s] = now + _specs[g].HealthCheck.Interval.Milliseconds;
                int generation = _generation[s];
                ApplyCheck(g, id, s, _passing[s]);
                if (_generation[s] != generation || !IsRegistered(g, id)) { _passing[s] = pass; continue; }
            }
            _passing[s] = pass;
            PlanCrossing(g, s);
        }
    }

    /// <summary>The crossing check planned for the target is due.</summary>
    private void CrossingCheck(int g, int id, int s, long arg)
    {
        if ((int)(arg >> 32) != _checkEpoch[s]) return;
        long now = world.NowMs;
        AccountChecksBefore(g, s, now);
        if (_nextCheckMs[s] != now) throw new InvalidOperationException($"health check of target {s} planned at {now} ms, not a check time");
        _nextCheckMs[s] = now + _specs[g].HealthCheck.Interval.Milliseconds;
        int epoch = _checkEpoch[s], generation = _generation[s];
        ApplyCheck(g, id, s, _passing[s]);
        if (_generation[s] == generation && _checkEpoch[s] == epoch && IsRegistered(g, id)) PlanCrossing(g, s);
    }

    /// <summary>Applies the checks due before <paramref name="ms"/> (none of them crosses a threshold: that one is an event).</summary>
    private void AccountChecksBefore(int g, int s, long ms)
    {
        long next = _nextCheckMs[s];
        if (ms <= next) return;
        long interval = _specs[g].HealthCheck.Interval.Milliseconds;
        long k = (ms - next + interval - 1) / interval;
        _nextCheckMs[s] = next + (k * interval);
        bool pass = _passing[s];
        byte add = (byte)Math.Min(k, byte.MaxValue);
        switch (_state[s])
        {
            case TargetState.Initial:
                if (pass) { _fails[s] = 0; _passes[s] += add; }
                else { _passes[s] = 0; _fails[s] += add; }
                break;
            case TargetState.Healthy:
                if (pass) _fails[s] = 0; else _fails[s] += add;
                break;
            case TargetState.Unhealthy:
                if (pass) _passes[s] += add; else _passes[s] = 0;
                break;
        }
    }

    /// <summary>Schedules the check that crosses a threshold if every check from now on gives the current result (none if no threshold is crossed).</summary>
    private void PlanCrossing(int g, int s)
    {
        _checkEpoch[s]++;
        if (_nextCheckMs[s] == NotStarted) return;
        var hc = _specs[g].HealthCheck;
        bool pass = _passing[s];
        int checks = _state[s] switch      // checks to the crossing, or 0 when the current result crosses no threshold
        {
            TargetState.Initial => Math.Max(1, pass ? (_specs[g].InitialHealthyChecks ?? hc.HealthyThreshold) - _passes[s] : hc.UnhealthyThreshold - _fails[s]),
            TargetState.Healthy => pass ? 0 : Math.Max(1, hc.UnhealthyThreshold - _fails[s]),
            TargetState.Unhealthy => pass ? Math.Max(1, hc.HealthyThreshold - _passes[s]) : 0,
            _ => 0,
        };
        if (checks == 0) return;
        long at = _nextCheckMs[s] + ((checks - 1) * hc.Interval.Milliseconds);
        world.Schedule(new SimTime(at), EventKind.HealthCheck, s, ((long)_checkEpoch[s] << 32) | (uint)_generation[s]);
    }

    /// <summary>Invariant check: a target group planned a check result for the instance that a check would not see now.</summary>
    public bool HasStaleCheckResult(int id)
    {
        bool pass = world.Unicorn.ServingWorkers(id) > 0;
        for (int g = 0; g < _groups; g++)
            if (Crossings(g) && IsRegistered(g, id) && _passing[Slot(g, id)] != pass) return true;
        return false;
    }
}
