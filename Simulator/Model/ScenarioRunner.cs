using DeploySim.Engine;
using DeploySim.Metrics;
using DeploySim.Scenarios;

namespace DeploySim.Model;

/// <summary>The results of running every replication of a scenario.</summary>
internal sealed record RunResult(Scenario Scenario, IReadOnlyList<ReplicationResult> Replications, ReplicationDetail Detail)
{
    public RunSummary Summary { get; } = RunSummary.From(Scenario, Replications);
}

/// <summary>One world's loop over a one-fleet scenario's replications, in parallel when asked, with results in
/// replication order: a building block for the model's tests. Commands run every scenario through
/// <c>Running.Runner</c>, which gives a one-fleet scenario exactly these results.</summary>
/// <remarks>Each worker thread builds one <see cref="World"/> and reuses it; replication r always draws from the streams
/// of (seed, r), so serial and parallel runs give identical results. The first replication also records its detail.</remarks>
internal static class ScenarioRunner
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

    /// <summary>Runs one replication and returns its result (for tests and tools).</summary>
    public static (ReplicationResult Result, ReplicationDetail Detail) RunOne(Scenario scenario, int replication = 0, bool detail = true)
    {
        var world = new World { Invariants = { Enabled = CheckInvariantsByDefault } };
        world.Reset(scenario, replication, detail);
        var result = world.Run();
        return (result, world.Recorder.Detail());
    }
}
