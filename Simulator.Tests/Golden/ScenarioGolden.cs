using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Golden;

/// <summary>What a shipped scenario's golden file holds: its results (the summary JSON and a trace fingerprint over every
/// dispatched event of every replication) and its deterministic costs (events per replication, bytes allocated per
/// steady-state replication).</summary>
/// <remarks>The text depends on nothing but the simulation: numbers come from <see cref="JsonReport"/> (shortest
/// round-trip, culture-independent) and are copied verbatim, the fingerprint is hexadecimal, lines end with <c>\n</c>.</remarks>
internal sealed record ScenarioGolden
{
    public const string AllocationNote =
        "steadyStateAllocatedBytesPerReplication: GC.GetAllocatedBytesForCurrentThread around World.Reset + World.Run of " +
        "replication 0 on one thread with detail off, on a world that has already run it twice (warm-up); the least of 3 " +
        "measured runs. Compared exactly: it was identical across separate test runs and with TieredCompilation off.";

    public required string Scenario { get; init; }
    public required string File { get; init; }
    public required int ReplicationsOverride { get; init; }
    public required string TraceFingerprint { get; init; }
    public required IReadOnlyList<long> EventsPerReplication { get; init; }
    public required long SteadyStateAllocatedBytesPerReplication { get; init; }
    /// <summary><see cref="JsonReport.Run"/> of the run's summary.</summary>
    public required string SummaryJson { get; init; }

    public static ScenarioGolden From(string file, Scenario scenario, IReadOnlyList<ReplicationResult> replications, long allocatedBytes) => new()
    {
        Scenario = scenario.Name,
        File = file,
        ReplicationsOverride = scenario.Replications,
        TraceFingerprint = CombinedFingerprint(replications.Select(r => r.TraceFingerprint)),
        EventsPerReplication = replications.Select(r => r.EventsProcessed).ToList(),
        SteadyStateAllocatedBytesPerReplication = allocatedBytes,
        SummaryJson = JsonReport.Run(RunSummary.From(scenario, replications)),
    };

    /// <summary>FNV-1a (64-bit) over the little-endian bytes of each replication's fingerprint, in replication order,
    /// as 16 lowercase hexadecimal digits.</summary>
    public static string CombinedFingerprint(IEnumerable<ulong> perReplication)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (ulong f in perReplication)
        {
            for (int shift = 0; shift < 64; shift += 8)
                h = unchecked((h ^ ((f >> shift) & 0xFF)) * 0x100000001b3UL);
        }
        return h.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The golden file's text.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", Scenario);
            w.WriteString("file", File);
            w.WriteNumber("replicationsOverride", ReplicationsOverride);
            w.WriteString("traceFingerprint", TraceFingerprint);
            w.WriteStartArray("eventsPerReplication");
            foreach (long n in EventsPerReplication) w.WriteNumberValue(n);
            w.WriteEndArray();
            w.WriteNumber("steadyStateAllocatedBytesPerReplication", SteadyStateAllocatedBytesPerReplication);
            w.WriteString("notes", AllocationNote);
            w.WritePropertyName("summary");
            using (var summary = JsonDocument.Parse(SummaryJson)) summary.RootElement.WriteTo(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
