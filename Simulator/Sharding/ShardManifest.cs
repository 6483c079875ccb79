using System.Reflection;
using System.Text.Json;

namespace DeploySim.Sharding;

/// <summary>A file a shard wrote, with the SHA-256 of its bytes (lower-case hex) and, for rows, how many it holds.</summary>
public sealed record ShardFile(string Name, string Sha256, long Rows);

/// <summary><c>manifest.json</c> of a shard: what ran (scenario file and its SHA-256, overrides, seed, the command line
/// without the shard and output options, tool version), which shard it is, the replications it covered and the files
/// it wrote with their checksums. Written last, so a shard without a manifest did not finish.</summary>
public sealed record ShardManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "deploysim-shard/1";

    public string Format { get; init; } = CurrentFormat;
    /// <summary><c>run</c>, <c>compare</c>, <c>sweep</c> or <c>plan</c>.</summary>
    public required string Command { get; init; }
    /// <summary>The command line the shard ran, without <c>--shard</c>, <c>--shards</c>, <c>--out</c>, <c>--threads</c>,
    /// <c>--json</c> and <c>--check-invariants</c> (none of which changes a result): what merge runs again.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }
    /// <summary>The scenario file's path as given on the command line.</summary>
    public required string Scenario { get; init; }
    public required string ScenarioSha256 { get; init; }
    /// <summary>The <c>--set</c> overrides, in order.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }
    /// <summary>The master seed the work ran with (the first point's, after <c>--seed</c>).</summary>
    public ulong Seed { get; init; }
    public required string ToolVersion { get; init; }
    public required ShardSpec Shard { get; init; }
    /// <summary>How many work points the command has (scenarios, strategies, sweep combinations or plan cells).</summary>
    public int Points { get; init; }
    /// <summary>The replications this shard ran, in work order.</summary>
    public required IReadOnlyList<ReplicationRange> Replications { get; init; }
    public IReadOnlyList<ShardFile> Files { get; init; } = [];

    private static readonly JsonSerializerOptions s_options = new(RowFormat.Options) { WriteIndented = true, IndentSize = 2, NewLine = "\n" };

    public string ToJson() => JsonSerializer.Serialize(this, s_options) + "\n";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ShardException"/> when it is not a shard manifest.</summary>
    public static ShardManifest Read(string path)
    {
        try
        {
            var m = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), s_options);
            if (m is null || m.Format != CurrentFormat) throw new JsonException($"not a {CurrentFormat} manifest");
            return m;
        }
        catch (JsonException ex)
        {
            throw new ShardException($"{path}: not a readable shard manifest ({ex.Message})");
        }
    }

    /// <summary>The running tool's version (its informational version, e.g. <c>0.1.0+commit</c>).</summary>
    public static string RunningToolVersion { get; } =
        typeof(ShardManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ShardManifest).Assembly.GetName().Version?.ToString() ?? "unknown";
}
