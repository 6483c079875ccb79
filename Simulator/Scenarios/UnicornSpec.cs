using DeploySim.Engine;

namespace DeploySim.Scenarios;

/// <summary>unicorn master and workers (docs/model.md#unicorn-processes).</summary>
public sealed record UnicornSpec
{
    public int Workers { get; init; } = 4;
    public long MasterMemoryMiB { get; init; } = 250;
    /// <summary>Worker RSS at fork (docs/model.md#worker-memory: about 100 to 250 MB fresh).</summary>
    public long WorkerMemoryMiB { get; init; } = 300;
    public long WorkerMemoryGrowthPerHourMiB { get; init; }
    public long WorkerMemoryCapMiB { get; init; } = 600;
    /// <summary>Master start with the app preloaded, until it forks its first worker.</summary>
    public Distribution BootTime { get; init; } = Distribution.Normal(25_000, 5_000);
    /// <summary>Time between successive worker forks (docs/model.md#worker-memory: respawn about 0.2 s with preload).</summary>
    public SimDuration WorkerForkInterval { get; init; } = SimDuration.FromMilliseconds(200);
    public double RequestsPerSecondPerWorker { get; init; } = 10;
    /// <summary>Worker age at the start of the run, so that the fleet starts with grown workers (assumption).</summary>
    public SimDuration InitialWorkerAge { get; init; }
}
