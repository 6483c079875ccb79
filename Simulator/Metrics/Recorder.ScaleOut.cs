using DeploySim.Model;

namespace DeploySim.Metrics;

/// <summary>The recorder, continued: how long a scale-out takes to serve, and the warm pool's instance-hours
/// (docs/model.md#warm-pools).</summary>
/// <remarks>The group tells when it asks for an instance (a cold launch or a warm start from the pool, after time zero;
/// the replacement of one abandoned or replaced before it served keeps the first ask's time);
/// the instance serves once it is first healthy in every target group it is registered with (a fleet without target groups: once in service).
/// Instances in the warm pool count apart from the fleet: not in <c>instanceHours</c> or <c>peakInstances</c>, but in
/// <c>warmPoolInstanceHours</c>, whatever the pool's state (a Stopped instance pays only for its volumes: cost is the
/// reader's to weigh).</remarks>
public sealed partial class Recorder
{
    private long[] _scaleOutAskedMs = [];
    private readonly List<double> _scaleOutSeconds = [];
    private readonly Queue<long> _carriedAsks = new();          // asks of instances replaced before they served
    private int _pooled;
    private double _poolHours;

    private static bool Pooled(LifecycleState s) => s is LifecycleState.Warming or LifecycleState.Warmed;

    private void ResetScaleOut()
    {
        Array.Fill(_scaleOutAskedMs, -1);
        _scaleOutSeconds.Clear();
        _carriedAsks.Clear();
        _pooled = 0;
        _poolHours = 0;
    }

    /// <summary>The group asked for instance <paramref name="id"/> to serve: a launch or a warm start.</summary>
    public void ScaleOutAsked(int id)
    {
        if (world.NowMs == 0) return;                                  // the initial fleet is not a scale-out
        if (_scaleOutAskedMs.Length <= id)
        {
            int old = _scaleOutAskedMs.Length;
            Array.Resize(ref _scaleOutAskedMs, Math.Max(id + 1, Math.Max(64, old * 2)));
            Array.Fill(_scaleOutAskedMs, -1, old, _scaleOutAskedMs.Length - old);
        }
        _scaleOutAskedMs[id] = _carriedAsks.Count > 0 ? _carriedAsks.Dequeue() : world.NowMs;
    }

    /// <summary>The group replaces instance <paramref name="id"/> (abandoned, unhealthy): if it had not served yet, its
    /// replacement's clock starts at the original ask (the scale-out waits for the replacement).</summary>
    public void ScaleOutReplaced(int id)
    {
        if (id >= _scaleOutAskedMs.Length || _scaleOutAskedMs[id] < 0) return;
        _carriedAsks.Enqueue(_scaleOutAskedMs[id]);
        _scaleOutAskedMs[id] = -1;
    }

    /// <summary>The instance began serving (the target groups send it once healthy in every group it is registered
    /// with): its scale-out's time is taken once.</summary>
    public void InstanceServing(int id)
    {
        if (id >= _scaleOutAskedMs.Length || _scaleOutAskedMs[id] < 0) return;
        _scaleOutSeconds.Add((world.NowMs - _scaleOutAskedMs[id]) / 1000.0);
        _scaleOutAskedMs[id] = -1;
    }

    /// <summary>The median and the longest scale-out-to-serving time of the replication (NaN without a scale-out).</summary>
    public (double P50, double Max) ScaleOutToServing()
    {
        int n = _scaleOutSeconds.Count;
        if (n == 0) return (double.NaN, double.NaN);
        _scaleOutSeconds.Sort();
        double p50 = n % 2 == 1 ? _scaleOutSeconds[n / 2] : (_scaleOutSeconds[(n / 2) - 1] + _scaleOutSeconds[n / 2]) / 2;
        return (p50, _scaleOutSeconds[n - 1]);
    }
}
