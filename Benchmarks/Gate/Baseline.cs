using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeploySim.Benchmarks.Gate;

/// <summary>The committed <c>Benchmarks/baseline.json</c>: each benchmark's throughput ratio to its reference and its
/// allocated bytes per operation, with the tolerances the gate applies and the machine and job they come from.</summary>
public sealed record Baseline
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>What the numbers mean and how to regenerate them (for a reader of the file).</summary>
    public string Note { get; init; } = "";

    /// <summary>Where the baseline was measured: CPU model, nproc, .NET runtime, OS.</summary>
    public string Machine { get; init; } = "";

    /// <summary>The BenchmarkDotNet job and statistic (the gate's fixed job).</summary>
    public string Job { get; init; } = "";

    /// <summary>UTC time of the run.</summary>
    public string Measured { get; init; } = "";

    /// <summary>A ratio may fall by this fraction before the gate fails (0.15: 15 %).</summary>
    public double RatioTolerance { get; init; } = 0.15;

    /// <summary>Allocated bytes per operation may grow by this many bytes before the gate fails (BenchmarkDotNet's
    /// measurement noise on an operation that allocates nothing in steady state).</summary>
    public long AllocationToleranceBytes { get; init; } = 64;

    public SortedDictionary<string, BaselineEntry> Benchmarks { get; init; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Baseline Read(string path)
    {
        var baseline = JsonSerializer.Deserialize<Baseline>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path}: empty baseline");
        if (baseline.Format != CurrentFormat) throw new InvalidDataException($"{path}: format {baseline.Format}, expected {CurrentFormat}");
        return baseline;
    }

    public void Write(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Options) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>One benchmark in the baseline.</summary>
public sealed record BaselineEntry
{
    /// <summary>The benchmark it is measured against; null for a reference itself (only its allocations are compared).</summary>
    public string? Reference { get; init; }

    /// <summary>Throughput relative to <see cref="Reference"/> (reference time per operation over this one's).</summary>
    public double? Ratio { get; init; }

    /// <summary>Median time per operation in the baseline run: for information only, never compared.</summary>
    public double NanosecondsPerOperation { get; init; }

    public long BytesPerOperation { get; init; }

    /// <summary>Simulated events per operation, compared exactly (the model is deterministic); null where the benchmark does
    /// not count them.</summary>
    public long? EventsPerOperation { get; init; }

    /// <summary>Overrides <see cref="Baseline.AllocationToleranceBytes"/> for this benchmark (say why in <see cref="Baseline.Note"/>).</summary>
    public long? AllocationToleranceBytes { get; init; }
}
