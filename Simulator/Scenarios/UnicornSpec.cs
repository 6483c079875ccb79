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
    /// <summary>With preload_app, the fraction of a fresh worker's RSS it shares with its master (copy-on-write,
    /// docs/model.md#copy-on-write: 46 of 71 MB in kenn's Ruby 2.0 measurement). It never exceeds the master's size.</summary>
    public double SharedMemory { get; init; } = 0.65;
    /// <summary>The instances' uptime when the deployment starts: the initial fleet's workers have grown that long
    /// (docs/model.md#worker-memory; assumption, a daily deploy).</summary>
    public SimDuration UptimeAtDeploy { get; init; } = SimDuration.FromHours(24);
    /// <summary>unicorn-worker-killer's Oom limit (docs/model.md#worker-memory): a worker whose RSS reaches it is
    /// recycled (QUIT between requests, respawned fresh by its master); null: workers are never recycled.</summary>
    public long? WorkerMemoryLimitMiB { get; init; }

    /// <summary>The pages a worker shares with its master (counted once, in the master).</summary>
    public double SharedMiB => Math.Min(SharedMemory * WorkerMemoryMiB, MasterMemoryMiB);
}
