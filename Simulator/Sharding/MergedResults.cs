using System.Text.Json;
using DeploySim.Metrics;
using DeploySim.Pipelines;
using DeploySim.Planning;
using DeploySim.Running;
using DeploySim.Scenarios;

namespace DeploySim.Sharding;

/// <summary>The results a merge hands to a command in place of simulating: each point's replications read back from
/// the shards' rows, in replication order, checked to be complete and in sequence. Rows are read forward once, a line
/// at a time; the command asks for its points in order.</summary>
public sealed class MergedResults(ShardSet shards)
{
    private IEnumerator<(string Where, Row<JsonElement> Row)>? _rows;
    private bool _peeked;

    public ShardSet Shards => shards;

    /// <summary>A point's replications with each fleet's detail of the first.</summary>
    public ScenarioRun Run(int point, Scenario scenario) =>
        new(scenario, FleetScenarios.Of(scenario), [.. Point<ScenarioReplication>(point, scenario.Replications)], Detail<ReplicationDetail[]>(point));

    /// <summary>Streams a point's replications to <paramref name="sink"/>, keeping each combined metric's values only.</summary>
    public StreamedRun Stream(int point, Scenario scenario, Action<ScenarioReplication> sink)
    {
        var summary = new ScenarioSummaryBuilder(scenario);
        foreach (var r in Point<ScenarioReplication>(point, scenario.Replications))
        {
            summary.Add(r);
            sink(r);
        }
        var details = Detail<ReplicationDetail[]>(point);
        return new StreamedRun(scenario, summary.Build(), summary.RolloutSeconds, details is [var first, ..] ? first : new ReplicationDetail());
    }

    /// <summary>A plan cell's search.</summary>
    public PlanSearch Plan(int point) => Point<PlanSearch>(point, 1).Single();

    /// <summary>Throws when rows are left over (the command used fewer than the shards hold).</summary>
    public void Finish()
    {
        if (Next() is { } extra) throw new ShardException($"{extra.Where}: a row the command does not use (point {extra.Row.Point}, replication {extra.Row.Replication})");
    }

    private T Detail<T>(int point) => shards.Detail<T>(ShardOutput.DetailFile(point));

    private IEnumerable<T> Point<T>(int point, int count)
    {
        for (int r = 0; r < count; r++)
        {
            var next = Next() ?? throw new ShardException($"the shards end before replication {r} of work point {point}");
            if (next.Row.Point != point || next.Row.Replication != r)
                throw new ShardException($"{next.Where}: replication {next.Row.Replication} of point {next.Row.Point} where replication {r} of point {point} belongs");
            _peeked = false;
            yield return next.Row.Result.Deserialize<T>(RowFormat.Options) ?? throw new ShardException($"{next.Where}: an empty result");
        }
    }

    private (string Where, Row<JsonElement> Row)? Next()
    {
        _rows ??= shards.Rows<JsonElement>().GetEnumerator();
        if (_peeked) return _rows.Current;
        if (!_rows.MoveNext()) return null;
        _peeked = true;
        return _rows.Current;
    }
}
