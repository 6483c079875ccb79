using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Pipelines;

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
                case WorkKind.Single:
                    Replications.RunOrdered(range.Count, () => new Model.World { Invariants = { Enabled = checkInvariants } }, (world, i) =>
                    {
                        int r = range.First + i;
                        world.Reset(point.Scenario, r, recordDetail: r == 0);
                        var result = world.Run(cancellation);
                        var detail = r == 0 ? world.Recorder.Detail() : null;
                        onCompleted();
                        return (result, detail);
                    }, (i, x) => Write(output, range.Point, range.First + i, x.result, x.detail), threads, cancellation);
                    break;
                case WorkKind.Pipeline:
                    int fleets = FleetScenarios.Of(point.Scenario).Count;
                    Replications.RunOrdered(range.Count, () => NewWorlds(fleets, checkInvariants), (worlds, i) =>
                    {
                        int r = range.First + i;
                        ReplicationDetail[]? details = r == 0 ? new ReplicationDetail[fleets] : null;
                        var result = details is null ? PipelineRunner.RunOn(point.Scenario, worlds, r) : PipelineRunner.RunOne(point.Scenario, r, details);
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

    private static Model.World[] NewWorlds(int count, bool check)
    {
        var worlds = new Model.World[count];
        for (int i = 0; i < count; i++) worlds[i] = new Model.World { Invariants = { Enabled = check } };
        return worlds;
    }
}
