using DeploySim.Engine;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>Notices a bad revision: the deployment's CloudWatch-style alarm (<see cref="DeploymentAlarm"/>,
/// docs/model.md#alarms) over the watched target group's failed requests, or without one a fixed delay after the bad
/// revision first serves (an assumption: a scenario parameter, <c>badRevision.detectionDelay</c>). On detection the
/// strategy's response is scheduled; time to detect and time to recover are measured from the first bad request.</summary>
public sealed class BadRevisionDetector(Model.World world)
{
    private readonly Xoshiro256 _rng = new(0);
    private readonly DeploymentAlarm _alarm = new(world);
    private long _firstBadMs, _detectedMs, _clearMs;
    private int _badServing;

    public void Reset()
    {
        _alarm.Reset();
        world.Reseed(_rng, "recovery");
        _firstBadMs = _detectedMs = _clearMs = -1;
        _badServing = 0;
    }

    /// <summary>The deployment started: the alarm takes its first datapoint at the next period boundary.</summary>
    public void DeploymentStarted() => _alarm.Start();

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
            case EventKind.AlarmDatapoint:
                if (_alarm.Datapoint() is { } noticed) world.Schedule(noticed, EventKind.BadRevisionDetected, 0);
                break;
            case EventKind.BadRevisionDetected:
                _detectedMs = world.NowMs;
                world.Strategies.BadRevisionDetected(_rng);
                break;
        }
    }
}
