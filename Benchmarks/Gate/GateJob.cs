using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DeploySim.Benchmarks.Gate;

/// <summary>The gate's short, fixed job: the same counts on every run so that runs compare.</summary>
/// <remarks>Chosen by measuring on the shared 2-core machine (load average 3 to 14 from other work):
/// <list type="bullet">
/// <item>elapsed time swung up to 12x between iterations (other processes' time slices); CPU time (<see cref="CpuClock"/>)
/// brings the hold model back to a few per cent;</item>
/// <item>in CPU time the machine (a microVM) still has slow spells of about 1.5x lasting 0.1 to 1 s, even with nothing
/// else running inside it (the host's other tenants: a busy hyperthread sibling, shared caches): so the gate takes the
/// least of many short iterations (15 of 50 ms), against the least of the reference's; with 7 of 100 ms this kept the
/// ratios of two runs within 10 % for 16 of 19 benchmarks, where medians differed by up to 65 %;</item>
/// <item>in-process: no 16 s build, no process per case; out-of-process runs were no steadier;</item>
/// <item>without dynamic PGO (see <c>Program</c>): with it the same benchmark settled on code of different speed from
/// one process to the next.</item>
/// </list>
/// A check takes about 2 minutes on that machine (a slower ratio is measured a second time before the gate fails); a
/// baseline update runs everything three times and keeps the median, about 6 minutes.</remarks>
public static class GateJob
{
    public const int WarmupCount = 3;
    public const int IterationCount = 15;
    public const int IterationTimeMs = 50;

    public static string Description =>
        $"in-process, DOTNET_TieredPGO=0, CPU-time clock (thread; process for multi-threaded benchmarks), 1 launch, {WarmupCount} warm-up + {IterationCount} measured iterations of at least {IterationTimeMs} ms CPU, least iteration";

    public static Job Job { get; } = Job.Default
        // The in-process toolchain gives up on a benchmark after 5 minutes by default: the 100,000-instance scale points
        // run 3 iterations of several seconds of CPU each, which on the loaded shared machine took longer than that.
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
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
        .AddExporter(MarkdownExporter.GitHub) // JSON: every benchmark class has [JsonExporterAttribute.Full]
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(artifacts)
        .WithOptions(ConfigOptions.DisableLogFile);
}
