using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DeploySim.Reporting;

namespace DeploySim.Sharding;

/// <summary>Writes one shard's directory: <c>rows.jsonl</c> (one <see cref="Row{T}"/> per line, in work order), any
/// detail files, then <c>manifest.json</c> with every file's SHA-256. Each file is written atomically and the manifest
/// is removed first and written last, so an engine's retry overwrites cleanly and a shard cut short has no manifest.</summary>
public sealed class ShardOutput
{
    public const string RowsFile = "rows.jsonl";

    private readonly string _dir;
    private readonly List<ShardFile> _files = [];
    private Stream? _rows;
    private IncrementalHash? _hash;
    private long _count;

    private ShardOutput(string dir) => _dir = dir;

    /// <summary>Writes the shard: <paramref name="produce"/> adds the rows and details; the manifest is
    /// <paramref name="header"/> with the files filled in. Returns the manifest written.</summary>
    public static ShardManifest Write(string dir, ShardManifest header, Action<ShardOutput> produce)
    {
        Directory.CreateDirectory(dir);
        File.Delete(Path.Combine(dir, ShardManifest.FileName));
        var output = new ShardOutput(dir);
        AtomicFile.Write(Path.Combine(dir, RowsFile), stream =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            output._rows = stream;
            output._hash = hash;
            produce(output);
            output._files.Insert(0, new ShardFile(RowsFile, Convert.ToHexStringLower(hash.GetHashAndReset()), output._count));
            output._rows = null;
        });
        var manifest = header with { Files = output._files };
        AtomicFile.WriteAllText(Path.Combine(dir, ShardManifest.FileName), manifest.ToJson());
        return manifest;
    }

    /// <summary>Appends one row. Not thread-safe: call in work order from one thread.</summary>
    public void Row<T>(int point, int replication, T result)
    {
        var bytes = Encoding.UTF8.GetBytes(RowFormat.Line(point, replication, result) + "\n");
        _rows!.Write(bytes);
        _hash!.AppendData(bytes);
        _count++;
    }

    /// <summary>Writes a detail file (JSON in the row format) next to the rows.</summary>
    public void Detail<T>(string name, T value)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, RowFormat.Options) + "\n");
        AtomicFile.WriteAllBytes(Path.Combine(_dir, name), bytes);
        _files.Add(new ShardFile(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), 0));
    }

    /// <summary>The detail file of work point <paramref name="point"/> (written by the shard that ran its replication 0).</summary>
    public static string DetailFile(int point) => $"detail-{point}.json";
}
