using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeploySim.Engine;
using DeploySim.Metrics;

namespace DeploySim.Sharding;

/// <summary>One line of a shard's <c>rows.jsonl</c>: the result of replication <see cref="Replication"/> of work point
/// <see cref="Point"/> (a <see cref="ReplicationResult"/>, a pipeline replication or a plan cell's search).</summary>
public sealed record Row<T>(int Point, int Replication, T Result);

/// <summary>The lossless text form of replication rows and details: JSON whose numbers round-trip exactly (shortest
/// round-trip doubles, NaN and infinities by name, simulated times as whole milliseconds), so that a summary built from
/// rows read back equals the one built from the results themselves, bit for bit.</summary>
public static class RowFormat
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new SimTimeConverter(), new JsonStringEnumConverter() },
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Line<T>(int point, int replication, T result) => JsonSerializer.Serialize(new Row<T>(point, replication, result), Options);

    public static Row<T> Parse<T>(string line) =>
        JsonSerializer.Deserialize<Row<T>>(line, Options) ?? throw new JsonException("an empty row");

    private sealed class SimTimeConverter : JsonConverter<SimTime>
    {
        public override SimTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, SimTime value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Milliseconds);
    }
}
