using BenchmarkDotNet.Attributes;
using DeploySim.Benchmarks.Engine;
using DeploySim.Model;

namespace DeploySim.Benchmarks.Model;

/// <summary>The full model on large fleets: events per second per core, allocation in steady state, memory per
/// instance, and parallel replications against serial ones. The baseline is the <see cref="ReferenceWorkload"/>.</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
[Config(typeof(ModelBenchmarkConfig))]
public class RolloutBenchmarks
{
    private readonly DeploySim.Model.World _world = new();
    private PriorityQueueHold? _reference;

    [GlobalSetup(Target = nameof(Reference_PriorityQueueHold))]
    public void SetUpReference() => _reference = ReferenceWorkload.Create();

    [GlobalCleanup(Target = nameof(Reference_PriorityQueueHold))]
    public void CleanUpReference() => _reference = null;

    [Benchmark(Baseline = true, OperationsPerInvoke = ReferenceWorkload.Holds)]
    public long Reference_PriorityQueueHold() => _reference!.Hold(ReferenceWorkload.Holds);

    /// <summary>1,000 instances, in-place OneAtATime, one target group checked every 5 s, traffic.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long InPlace_OneAtATime_1000() => Run(BenchmarkScenarios.OneAtATime1000);

    /// <summary>1,000 instances, in-place HalfAtATime, two target groups checked every 5 s, traffic.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long InPlace_HalfAtATime_1000_TwoGroups() => Run(BenchmarkScenarios.HalfAtATime1000TwoGroups);

    /// <summary>The OneAtATime rollout with the latency model (issue 17): within 1.5x of its events per second without.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long InPlace_OneAtATime_1000_Latency() => Run(BenchmarkScenarios.OneAtATime1000Latency);

    /// <summary>The HalfAtATime two-group rollout with the latency model (issue 17).</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long InPlace_HalfAtATime_1000_TwoGroups_Latency() => Run(BenchmarkScenarios.HalfAtATime1000TwoGroupsLatency);

    /// <summary>The same HalfAtATime rollout in a new world: what a world costs, per simulated instance.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long FreshWorld_HalfAtATime_1000_TwoGroups()
    {
        var world = new DeploySim.Model.World();
        world.Reset(BenchmarkScenarios.HalfAtATime1000TwoGroups, 0, recordDetail: false);
        return world.Run().EventsProcessed;
    }

    /// <summary>100 replications of a 100-instance fleet on one core.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long MonteCarlo_100x100_Serial() => ScenarioRunner.Run(BenchmarkScenarios.MonteCarlo100, 1).Replications.Sum(r => r.EventsProcessed);

    /// <summary>Under the gate's CPU clock the parallel batch is measured by the CPU time of every thread.</summary>
    [GlobalSetup(Target = nameof(MonteCarlo_100x100_Parallel))]
    public void SetUpParallel() => Gate.CpuClock.WholeProcess = true;

    [GlobalCleanup(Target = nameof(MonteCarlo_100x100_Parallel))]
    public void CleanUpParallel() => Gate.CpuClock.WholeProcess = false;

    /// <summary>The same 100 replications on every core.</summary>
    [Benchmark, Gate.ReturnsEventCount]
    public long MonteCarlo_100x100_Parallel() => ScenarioRunner.Run(BenchmarkScenarios.MonteCarlo100, 0).Replications.Sum(r => r.EventsProcessed);

    private long Run(DeploySim.Scenarios.Scenario scenario)
    {
        _world.Reset(scenario, 0, recordDetail: false);
        return _world.Run().EventsProcessed;
    }
}
