using System.Globalization;
using System.Text.Json;

namespace DeploySim.Benchmarks.Gate;

/// <summary><c>gate-results.json</c>: what a gate run measured (time per operation, ratio, exact allocation per
/// operation) and where, written under the artifacts directory; <c>--perf-table</c> reads it.</summary>
public sealed record GateResults
{
    public const string FileName = "gate-results.json";

    public string Cpu { get; init; } = "";
    public int Nproc { get; init; }
    public string Runtime { get; init; } = "";
    public string Os { get; init; } = "";
    public string Job { get; init; } = "";
    public string Measured { get; init; } = "";
    public string LoadAverageBefore { get; init; } = "";
    public string LoadAverageAfter { get; init; } = "";
    public IReadOnlyList<GateResult> Results { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string artifacts, IReadOnlyList<GateResult> results, string loadBefore)
    {
        Directory.CreateDirectory(artifacts);
        var file = new GateResults
        {
            Cpu = MachineInfo.Cpu(),
            Nproc = Environment.ProcessorCount,
            Runtime = MachineInfo.Runtime,
            Os = MachineInfo.Os(),
            Job = GateJob.Description,
            Measured = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = MachineInfo.LoadAverage(),
            Results = results,
        };
        File.WriteAllText(Path.Combine(artifacts, FileName), JsonSerializer.Serialize(file, Options) + "\n");
    }

    public static GateResults Read(string path) =>
        JsonSerializer.Deserialize<GateResults>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty");
}
