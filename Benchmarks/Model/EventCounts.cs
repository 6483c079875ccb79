using System.Collections.Concurrent;
using DeploySim.Benchmarks.Engine;
using DeploySim.Benchmarks.Scenarios;
using DeploySim.Model;

namespace DeploySim.Benchmarks.Model;

/// <summary>How many simulated events one operation of a benchmark dispatches. A hold operation is one event; a model
/// benchmark's count is deterministic, so it is measured once by running the same workload outside the benchmark.</summary>
/// <remarks>Thread-safe; counts are cached.</remarks>
public static class EventCounts
{
    private static readonly ConcurrentDictionary<string, long?> Cache = new();

    /// <summary>Events per operation of <paramref name="id"/>, or null for a benchmark this class does not know.</summary>
    public static long? PerOperation(BenchmarkId id) => Cache.GetOrAdd(id.Name, _ => Count(id));

    private static long? Count(BenchmarkId id) => (id.Type, id.Method) switch
    {
        (nameof(EventQueueBenchmarks) or nameof(SimulationBenchmarks) or nameof(ScenarioBenchmarks) or nameof(RolloutBenchmarks), _)
            when id.Method.StartsWith("Hold_", StringComparison.Ordinal) || id.Method.StartsWith("Reference_", StringComparison.Ordinal)
            || id.Method.StartsWith("Dispatch_", StringComparison.Ordinal) => 1,
        (nameof(RolloutBenchmarks), nameof(RolloutBenchmarks.InPlace_OneAtATime_1000)) => One(BenchmarkScenarios.OneAtATime1000),
        (nameof(RolloutBenchmarks), nameof(RolloutBenchmarks.InPlace_HalfAtATime_1000_TwoGroups) or nameof(RolloutBenchmarks.FreshWorld_HalfAtATime_1000_TwoGroups))
            => One(BenchmarkScenarios.HalfAtATime1000TwoGroups),
        (nameof(RolloutBenchmarks), nameof(RolloutBenchmarks.InPlace_OneAtATime_1000_Latency)) => One(BenchmarkScenarios.OneAtATime1000Latency),
        (nameof(RolloutBenchmarks), nameof(RolloutBenchmarks.InPlace_HalfAtATime_1000_TwoGroups_Latency)) => One(BenchmarkScenarios.HalfAtATime1000TwoGroupsLatency),
        (nameof(RolloutBenchmarks), nameof(RolloutBenchmarks.MonteCarlo_100x100_Serial) or nameof(RolloutBenchmarks.MonteCarlo_100x100_Parallel))
            => ScenarioRunner.Run(BenchmarkScenarios.MonteCarlo100, 0).Replications.Sum(r => r.EventsProcessed),
        (nameof(ScenarioBenchmarks), nameof(ScenarioBenchmarks.Run)) when id.Parameter(nameof(ScenarioBenchmarks.File)) is { } file
            => One(ScenarioFiles.Load(file)),
        _ => null,
    };

    /// <summary>Events of replication 0; a scenario with fleets or a pipeline runs through the pipeline runner, as its
    /// benchmark does.</summary>
    private static long One(DeploySim.Scenarios.Scenario scenario) =>
        scenario.Pipeline is not null || scenario.NamedFleets
            ? DeploySim.Running.Runner.RunOn(scenario, DeploySim.Running.Runner.WorldsFor(scenario), 0).Combined.EventsProcessed
            : ScenarioRunner.RunOne(scenario, 0, detail: false).Result.EventsProcessed;
}
