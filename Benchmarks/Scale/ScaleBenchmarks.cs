using BenchmarkDotNet.Attributes;

namespace DeploySim.Benchmarks.Scale;

/// <summary>How the model scales with the fleet: one simulated hour of 1,000, 10,000 and 100,000 instances in steady
/// state (one target group checked every 30 s, constant traffic), each in a fresh world so that allocation per instance
/// includes the instance arrays.</summary>
/// <remarks>Whatever the job (the default, or <c>--job dry</c> in CI), it is shortened to no warm-up and three iterations of
/// one invocation each (job mutators, so that no second job is added): a case at 100,000 instances takes several seconds. Fleets this large are built in code: the scenario loader caps fleets at
/// <see cref="ScaleScenarios.MaxLoaderInstances"/>.</remarks>
[MemoryDiagnoser]
[WarmupCount(0)]
[IterationCount(3)]
[RunOncePerIteration]
[Config(typeof(ScaleBenchmarkConfig))]
public class ScaleBenchmarks
{
    [Params(1_000, 10_000, 100_000)]
    public int Instances { get; set; }

    /// <summary>No deployment: health checks and traffic only (12 events per instance per hour).</summary>
    [Benchmark]
    public long SteadyState_OneHour() => ScaleRun.Fresh(ScaleScenarios.Fleet(Instances, ScaleRollout.None));
}

/// <summary>A rollout of the whole fleet at once: Capistrano USR2 on every host, or CodeDeploy in-place AllAtOnce.</summary>
/// <remarks>Not run at 100,000 instances: every event that changes an instance's serving capacity or routing rebuilds the
/// traffic cache over the whole fleet (Traffic.Rebuild, O(instances × target groups)), so a rollout costs
/// O(instances²): measured here, for the graceful restart, 0.4 s at 1,000, 8.6 s at 10,000, 31 s at 20,000 and about
/// 20 minutes at 100,000 instances (12.6 million events, 10,000 events/s; the steady hour alone takes 6 s).</remarks>
[MemoryDiagnoser]
[WarmupCount(0)]
[IterationCount(3)]
[RunOncePerIteration]
[Config(typeof(ScaleBenchmarkConfig))]
public class ScaleRolloutBenchmarks
{
    [Params(1_000, 10_000)]
    public int Instances { get; set; }

    [Benchmark]
    public long GracefulRestart_Parallel() => ScaleRun.Fresh(ScaleScenarios.Fleet(Instances, ScaleRollout.GracefulRestart));

    [Benchmark]
    public long InPlace_AllAtOnce() => ScaleRun.Fresh(ScaleScenarios.Fleet(Instances, ScaleRollout.InPlaceAllAtOnce));
}

internal static class ScaleRun
{
    /// <summary>Runs one replication in a new world (invariants off, no detail) and returns its event count.</summary>
    public static long Fresh(DeploySim.Scenarios.Scenario scenario)
    {
        var world = new World.World();
        world.Reset(scenario, 0, recordDetail: false);
        var result = world.Run();
        if (result.StopReason is not (DeploySim.Engine.StopReason.Horizon or DeploySim.Engine.StopReason.Empty)) throw new InvalidOperationException($"{scenario.Name} stopped by {result.StopReason}");
        return result.EventsProcessed;
    }
}
