using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace DeploySim.Sharding;

/// <summary>The shards a merge combines: found under the given directories, checked to be every shard of one split of
/// one command (same scenario, seed, overrides, command line and tool version), with intact files.</summary>
public sealed class ShardSet
{
    private ShardSet(IReadOnlyList<(string Dir, ShardManifest Manifest)> shards) => Shards = shards;

    /// <summary>Every shard in index order, with its directory.</summary>
    public IReadOnlyList<(string Dir, ShardManifest Manifest)> Shards { get; }

    public ShardManifest First => Shards[0].Manifest;

    /// <summary>Finds the shards under <paramref name="dirs"/> (each a shard directory or one holding
    /// <c>shard-K-of-N</c> directories) and checks them; throws <see cref="ShardException"/> naming what is wrong.</summary>
    public static ShardSet Load(IReadOnlyList<string> dirs)
    {
        var found = new List<(string Dir, ShardManifest Manifest)>();
        foreach (var dir in dirs)
        {
            if (!Directory.Exists(dir)) throw new ShardException($"{dir}: no such directory");
            var candidates = File.Exists(Path.Combine(dir, ShardManifest.FileName))
                ? [dir]
                : Directory.EnumerateDirectories(dir).Where(d => ShardSpec.FromDirectoryName(Path.GetFileName(d)) is not null).Order(StringComparer.Ordinal).ToList();
            if (candidates.Count == 0) throw new ShardException($"{dir}: no shard here (no {ShardManifest.FileName}, no shard-K-of-N directory)");
            foreach (var d in candidates)
            {
                var path = Path.Combine(d, ShardManifest.FileName);
                if (!File.Exists(path)) continue;       // a shard that never finished counts as missing
                found.Add((d, ShardManifest.Read(path)));
            }
        }
        if (found.Count == 0) throw new ShardException($"no finished shard (with a {ShardManifest.FileName}) under {string.Join(", ", dirs)}");
        return new ShardSet(Check(found));
    }

    private static List<(string Dir, ShardManifest Manifest)> Check(List<(string Dir, ShardManifest Manifest)> found)
    {
        var first = found[0];
        foreach (var (dir, m) in found.Skip(1))
        {
            var f = first.Manifest;
            string Vs(string what) => $"{dir} and {first.Dir} are shards of different runs: {what}";
            if (m.ToolVersion != f.ToolVersion) throw new ShardException(Vs($"tool version {m.ToolVersion} against {f.ToolVersion}"));
            if (m.ScenarioSha256 != f.ScenarioSha256 || m.Scenario != f.Scenario)
                throw new ShardException(Vs($"another scenario ({m.Scenario}, SHA-256 {m.ScenarioSha256[..12]}… against {f.Scenario}, {f.ScenarioSha256[..12]}…)"));
            if (m.Seed != f.Seed) throw new ShardException(Vs($"seed {m.Seed} against {f.Seed}"));
            if (!m.Overrides.SequenceEqual(f.Overrides)) throw new ShardException(Vs($"another override set ({Text(m.Overrides)} against {Text(f.Overrides)})"));
            if (m.Command != f.Command || !m.Arguments.SequenceEqual(f.Arguments))
                throw new ShardException(Vs($"another command ('{string.Join(' ', m.Arguments)}' against '{string.Join(' ', f.Arguments)}')"));
            if (m.Shard.Count != f.Shard.Count) throw new ShardException(Vs($"split into {m.Shard.Count} shards against {f.Shard.Count}"));
        }
        var byIndex = new SortedDictionary<int, (string Dir, ShardManifest Manifest)>();
        foreach (var shard in found)
        {
            VerifyFiles(shard.Dir, shard.Manifest);
            int k = shard.Manifest.Shard.Index;
            if (byIndex.TryGetValue(k, out var other))
            {
                if (!SameContent(other.Manifest, shard.Manifest))
                    throw new ShardException($"shard {shard.Manifest.Shard} appears twice with different content: {other.Dir} and {shard.Dir}");
                continue;                                   // the same shard twice (a retry copied elsewhere): use one
            }
            byIndex[k] = shard;
        }
        int n = first.Manifest.Shard.Count;
        var missing = Enumerable.Range(1, n).Where(k => !byIndex.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new ShardException(string.Create(CultureInfo.InvariantCulture,
                $"missing {missing.Count} of {n} shards: {Ranges(missing)} (each needs shard-K-of-{n}/{ShardManifest.FileName})"));
        return [.. byIndex.Values];
    }

    private static bool SameContent(ShardManifest a, ShardManifest b) =>
        a.Files.Count == b.Files.Count && a.Files.Zip(b.Files).All(p => p.First == p.Second) && a.Replications.SequenceEqual(b.Replications);

    /// <summary>Checks every file the manifest lists against its SHA-256 (reading each once, streaming).</summary>
    private static void VerifyFiles(string dir, ShardManifest m)
    {
        foreach (var file in m.Files)
        {
            var path = Path.Combine(dir, file.Name);
            if (Path.GetFileName(file.Name) != file.Name) throw new ShardException($"{dir}/{ShardManifest.FileName}: '{file.Name}' is not a file name");
            if (!File.Exists(path)) throw new ShardException($"{path}: missing (the shard's manifest lists it)");
            using var stream = File.OpenRead(path);
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256)
                throw new ShardException($"{path}: corrupted (its SHA-256 is not the one in the manifest); run shard {m.Shard} again");
        }
    }

    /// <summary>Checks that the shards' replications are exactly the split of this work into as many shards.</summary>
    public void CheckCoverage(IReadOnlyList<int> replications, IReadOnlyList<long> costs)
    {
        if (First.Points != replications.Count)
            throw new ShardException($"the shards ran {First.Points} work points; this command has {replications.Count}: not the same work");
        foreach (var (dir, m) in Shards)
            if (!ShardPlan.Ranges(replications, costs, m.Shard).SequenceEqual(m.Replications))
                throw new ShardException($"{dir}: its replications are not shard {m.Shard} of this work (another split or another tool)");
    }

    /// <summary>Every row of every shard in work order, streamed (one line at a time).</summary>
    public IEnumerable<(string Where, Row<T> Row)> Rows<T>()
    {
        foreach (var (dir, _) in Shards)
        {
            var path = Path.Combine(dir, ShardOutput.RowsFile);
            int line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                Row<T> row;
                try
                {
                    row = RowFormat.Parse<T>(text);
                }
                catch (JsonException ex)
                {
                    throw new ShardException($"{path}:{line}: not a row ({ex.Message})");
                }
                yield return ($"{path}:{line}", row);
            }
        }
    }

    /// <summary>The detail file <paramref name="name"/>, from the shard that wrote it.</summary>
    public T Detail<T>(string name)
    {
        foreach (var (dir, m) in Shards)
            if (m.Files.Any(f => f.Name == name))
                return JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(dir, name)), RowFormat.Options)
                    ?? throw new ShardException($"{dir}/{name}: empty");
        throw new ShardException($"no shard holds {name} (the shard that ran the first replication writes it)");
    }

    private static string Text(IReadOnlyList<string> overrides) => overrides.Count == 0 ? "none" : string.Join(" ", overrides);

    /// <summary>"2, 5-7, 9".</summary>
    private static string Ranges(List<int> sorted)
    {
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
