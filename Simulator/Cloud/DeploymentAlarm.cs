using DeploySim.Engine;
using DeploySim.Scenarios;
using DeploySim.Model;

namespace DeploySim.Cloud;

/// <summary>A CloudWatch-style alarm over the watched target group's failed requests (docs/model.md#alarms).</summary>
/// <remarks>From the deployment's start, an event at each period boundary integrates the traffic up to it and takes the
/// period's datapoint: the group's failed requests (5xx count), or those over the group's share of the demand (error
/// rate). When M of the last N datapoints breach, the alarm goes to ALARM at the first evaluation tick after the
/// datapoint is published, and the deployment acts <see cref="AlarmSpec.PollLag"/> later. The first period after the
/// start is partial, as in CloudWatch. Datapoints stop once the alarm has fired.</remarks>
public sealed class DeploymentAlarm(Model.World world)
{
    private AlarmSpec? _spec;
    private int _group;                        // watched target group, or -1: the fleet's totals
    private double _lastFailed, _lastRequests;
    private readonly Queue<bool> _window = new();
    private bool _fired;

    public bool Configured => _spec is not null;

    public void Reset()
    {
        _spec = world.Fleet.Deployment.Alarm;
        _window.Clear();
        _fired = false;
        _lastFailed = _lastRequests = 0;
        _group = -1;
        if (_spec is null || world.Fleet.TargetGroups.Count == 0) return;
        string? name = _spec.TargetGroup ?? world.Fleet.Deployment.TargetGroups.FirstOrDefault();
        _group = 0;
        for (int g = 0; g < world.Fleet.TargetGroups.Count; g++) if (world.Fleet.TargetGroups[g].Name == name) _group = g;
    }

    /// <summary>The deployment started: take the first datapoint at the next period boundary.</summary>
    public void Start()
    {
        if (_spec is null) return;
        (_lastFailed, _lastRequests) = Totals();
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        long period = _spec!.Period.Milliseconds;
        world.Schedule(new SimTime(((world.NowMs / period) + 1) * period), EventKind.AlarmDatapoint, 0);
    }

    private (double Failed, double Requests) Totals()
    {
        world.Traffic.Integrate(world.NowMs);
        var t = world.Traffic;
        return _group < 0
            ? (t.FailedRequests, t.DemandRequests)
            : (t.GroupFailedRequests(_group), t.DemandRequests * App.TrafficShares.Of(world.Scenario, _group));
    }

    /// <summary>A period ended: its datapoint. Returns the moment the deployment notices the alarm, or null.</summary>
    public SimTime? Datapoint()
    {
        if (_spec is null || _fired) return null;
        var (failed, requests) = Totals();
        double count = failed - _lastFailed, total = requests - _lastRequests;
        (_lastFailed, _lastRequests) = (failed, requests);
        double value = _spec.Metric == AlarmMetric.ErrorRate ? (total > 0 ? count / total : 0) : count;
        _window.Enqueue(value >= _spec.Threshold);
        if (_window.Count > _spec.EvaluationPeriods) _window.Dequeue();
        int breaching = 0;
        foreach (bool b in _window) if (b) breaching++;
        if (breaching < _spec.DatapointsToAlarm)
        {
            ScheduleNext();
            return null;
        }
        _fired = true;
        long tick = _spec.EvaluationInterval.Milliseconds, published = world.NowMs + _spec.PublishLag.Milliseconds;
        long evaluated = (published + tick - 1) / tick * tick;
        return new SimTime(evaluated + _spec.PollLag.Milliseconds);
    }
}
