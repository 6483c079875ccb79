using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DeploySim.Benchmarks.Gate;

/// <summary>The gate's short, fixed job: the same counts on every run so that runs compare.</summary>
public static class GateJob
{
    public const int WarmupCount = 3;
    public const int IterationCount = 7;
    public const int IterationTimeMs = 100;

    public static string Description =>
        $"in-process, CPU-time clock (thread; process for multi-threaded benchmarks), 1 launch, {WarmupCount} warm-up + {IterationCount} measured iterations of at least {IterationTimeMs} ms CPU, median";

    public static Job Job { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(WarmupCount)
        .WithIterationCount(IterationCount)
        .WithIterationTime(TimeInterval.FromMilliseconds(IterationTimeMs))
        .WithClock(CpuClock.Instance)
        .WithId("Gate");

    public static IConfig Config(string artifacts) => ManualConfig.CreateEmpty()
        .AddJob(Job)
        .AddLogger(ConsoleLogger.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(artifacts)
        .WithOptions(ConfigOptions.DisableLogFile);
}
