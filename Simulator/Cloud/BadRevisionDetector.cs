using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Notices a bad revision: the deployment's CloudWatch-style alarm (<see cref="DeploymentAlarm"/>,
/// docs/model.md#alarms) over the watched target group's failed requests, or without one a fixed delay after the bad
/// revision first serves (an assumption: a scenario parameter, <c>badRevision.detectionDelay</c>). On detection the
/// strategy's response is scheduled; time to detect and time to recover are measured from the first bad request. An
/// instance refresh's own alarms (docs/model.md#instance-refresh) are watched the same way.</summary>
public sealed class BadRevisionDetector(Model.World world)
{
    private readonly Xoshiro256 _rng = new(0);
    private readonly DeploymentAlarm _alarm = new(world);
    private readonly List<DeploymentAlarm> _ownAlarms = [];    // an instance refresh's alarm specification: targets 1..n
    private int _ownAlarmCount;
    private long _firstBadMs, _detectedMs, _clearMs;
    private int _badServing;

    public void Reset()
    {
        _alarm.Reset(world.Fleet.Deployment.Alarm);
        var d = world.Fleet.Deployment;
        _ownAlarmCount = d.Strategy == Scenarios.StrategyKind.InstanceRefresh ? d.InstanceRefresh.Alarms.Count : 0;
        while (_ownAlarms.Count < _ownAlarmCount) _ownAlarms.Add(new DeploymentAlarm(world));
        for (int k = 0; k < _ownAlarmCount; k++) _ownAlarms[k].Reset(d.InstanceRefresh.Alarms[k], k + 1);
        world.Reseed(_rng, "recovery");
        _firstBadMs = _detectedMs = _clearMs = -1;
        _badServing = 0;
    }

    /// <summary>The deployment started: the alarm takes its first datapoint at the next period boundary.</summary>
    public void DeploymentStarted()
    {
        _alarm.Start();
        for (int k = 0; k < _ownAlarmCount; k++) _ownAlarms[k].Start();
    }

    /// <summary>How many serving instances run the bad revision changed (Traffic reports it at each rebuild).</summary>
    public void BadRevisionServing(int count)
    {
        if (count > 0 && _firstBadMs < 0)
        {
            _firstBadMs = world.NowMs;
            world.Recorder.Span(-1, Metrics.ReplicationDetail.BadRevisionLane, "first bad request", world.Now, world.Now, "bad revision");
            if (!_alarm.Configured)
                world.After(world.Fleet.Deployment.BadRevision!.DetectionDelay.SampleDuration(_rng), EventKind.BadRevisionDetected, 0);
        }
        if (count == 0 && _badServing > 0)
        {
            _clearMs = world.NowMs;
            world.Recorder.Span(-1, Metrics.ReplicationDetail.BadRevisionLane, "no instance serves it", world.Now, world.Now, "recovered");
        }
        _badServing = count;
    }

    public double TimeToDetectSeconds => _firstBadMs < 0 || _detectedMs < 0 ? double.NaN : (_detectedMs - _firstBadMs) / 1000.0;
    public double TimeToRecoverSeconds => _firstBadMs < 0 || _badServing > 0 || _clearMs < 0 ? double.NaN : (_clearMs - _firstBadMs) / 1000.0;

    public void Handle(in Event e)
    {
        switch ((EventKind)e.Kind)
        {
            case EventKind.AlarmDatapoint:                              // target 0: deployment.alarm; k: the refresh's alarm k - 1
                var alarm = e.Target == 0 ? _alarm : _ownAlarms[e.Target - 1];
                if (alarm.Datapoint() is { } noticed) world.Schedule(noticed, EventKind.BadRevisionDetected, e.Target);
                break;
            case EventKind.BadRevisionDetected:
                if (_detectedMs >= 0) break;                            // another alarm got there first
                _detectedMs = world.NowMs;
                world.Strategies.BadRevisionDetected(_rng, ownAlarm: e.Target > 0);
                break;
        }
    }
}
