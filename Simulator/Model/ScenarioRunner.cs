using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Model;

/// <summary>The results of running every replication of a scenario.</summary>
public sealed record RunResult(Scenario Scenario, IReadOnlyList<ReplicationResult> Replications, ReplicationDetail Detail)
{
    public RunSummary Summary { get; } = RunSummary.From(Scenario, Replications);
}

/// <summary>A run whose replications were streamed: its summary, rollout times and the first replication's detail.</summary>
public sealed record StreamedRun(Scenario Scenario, RunSummary Summary, IReadOnlyList<double> RolloutSeconds, ReplicationDetail Detail);

/// <summary>Runs a scenario's replications, in parallel when asked, with results in replication order.</summary>
/// <remarks>Each worker thread builds one <see cref="World"/> and reuses it; replication r always draws from the streams
/// of (seed, r), so serial and parallel runs give identical results. The first replication also records its detail.</remarks>
public static class ScenarioRunner
{
    /// <summary>Whether runs check the model's invariants unless told otherwise (the test suite turns it on).</summary>
    public static bool CheckInvariantsByDefault { get; set; }

    public static RunResult Run(Scenario scenario, int degreeOfParallelism = 0, Action<int>? onCompleted = null, CancellationToken cancellation = default, bool? checkInvariants = null)
    {
        ReplicationDetail? detail = null;
        bool check = checkInvariants ?? CheckInvariantsByDefault;
        var results = Replications.Run(
            scenario.Replications,
            () => new World { Invariants = { Enabled = check } },
            (world, r) =>
            {
                world.Reset(scenario, r, recordDetail: r == 0);
                var result = world.Run(cancellation);
                if (r == 0) detail = world.Recorder.Detail();
                return result;
            },
            degreeOfParallelism,
            onCompleted,
            cancellation);
        return new RunResult(scenario, results, detail ?? new ReplicationDetail());
    }

    /// <summary>Runs every replication and hands each result to <paramref name="sink"/> in replication order, keeping none:
    /// for replication counts in the millions. Only each metric's values are kept, for the summary.</summary>
    public static StreamedRun RunStreaming(Scenario scenario, Action<ReplicationResult> sink, int degreeOfParallelism = 0,
        Action<int>? onCompleted = null, CancellationToken cancellation = default, bool? checkInvariants = null)
    {
        ReplicationDetail? detail = null;
        bool check = checkInvariants ?? CheckInvariantsByDefault;
        var summary = new SummaryBuilder(scenario);
        Replications.RunOrdered(
            scenario.Replications,
            () => new World { Invariants = { Enabled = check } },
            (world, r) =>
            {
                world.Reset(scenario, r, recordDetail: r == 0);
                var result = world.Run(cancellation);
                if (r == 0) detail = world.Recorder.Detail();
                onCompleted?.Invoke(r);
                return result;
            },
            (_, result) =>
            {
                summary.Add(result);
                sink(result);
            },
            degreeOfParallelism,
            cancellation);
        return new StreamedRun(scenario, summary.Build(), summary.RolloutSeconds, detail ?? new ReplicationDetail());
    }

    /// <summary>Runs one replication and returns its result (for tests and tools).</summary>
    public static (ReplicationResult Result, ReplicationDetail Detail) RunOne(Scenario scenario, int replication = 0, bool detail = true)
    {
        var world = new World { Invariants = { Enabled = CheckInvariantsByDefault } };
        world.Reset(scenario, replication, detail);
        var result = world.Run();
        return (result, world.Recorder.Detail());
    }
}
