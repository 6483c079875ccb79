using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Running;

namespace DeploySim.Sharding;

/// <summary>Runs a shard's replications and hands each row to a <see cref="ShardOutput"/>, in work order. Replication r
/// of a point runs exactly as in an unsharded run (its streams are those of (seed, r)); the shard that runs replication 0
/// of a point also writes that replication's detail.</summary>
public static class ShardRunner
{
    public static void Run(IReadOnlyList<WorkPoint> points, IReadOnlyList<ReplicationRange> ranges, ShardOutput output,
        int threads, bool checkInvariants, Action onCompleted, CancellationToken cancellation)
    {
        foreach (var range in ranges)
        {
            var point = points[range.Point];
            switch (point.Kind)
            {
                case WorkKind.Replications:
                    int fleets = FleetScenarios.Of(point.Scenario).Count;
                    Replications.RunOrdered(range.Count, () => Runner.WorldsFor(point.Scenario, checkInvariants), (worlds, i) =>
                    {
                        int r = range.First + i;
                        ReplicationDetail[]? details = r == 0 ? new ReplicationDetail[fleets] : null;
                        var result = Runner.RunOn(point.Scenario, worlds, r, details, cancellation);
                        onCompleted();
                        return (result, details);
                    }, (i, x) => Write(output, range.Point, range.First + i, x.result, x.details), threads, cancellation);
                    break;
                case WorkKind.PlanCell:
                    cancellation.ThrowIfCancellationRequested();
                    output.Row(range.Point, 0, point.Plan!(threads, cancellation));
                    onCompleted();
                    break;
            }
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private static void Write<TRow, TDetail>(ShardOutput output, int point, int replication, TRow row, TDetail? detail)
        where TDetail : class
    {
        output.Row(point, replication, row);
        if (detail is not null) output.Detail(ShardOutput.DetailFile(point), detail);
    }
}
