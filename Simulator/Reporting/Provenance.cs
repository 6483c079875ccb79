using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace DeploySim.Reporting;

/// <summary>A file a run read, with the SHA-256 of its bytes (lower-case hex).</summary>
public sealed record InputFile(string Path, string Sha256);

/// <summary>Where a result came from: enough to run it again and to tell whether the inputs changed since.</summary>
/// <param name="ToolVersion">deploysim's version.</param>
/// <param name="Scenario">The scenario file (or the built-in scenario's name) and its hash.</param>
/// <param name="Files">Every other file the scenario read (appspec, empirical CSVs).</param>
/// <param name="Overrides">The <c>--set</c> overrides, in order (<c>--vary</c> values are in each result's parameters).</param>
/// <param name="Seed">The master seed used.</param>
/// <param name="Replications">Replications per configuration.</param>
/// <param name="Threads">Threads asked for (0: all cores); results do not depend on it.</param>
/// <param name="CommandLine">The arguments after <c>deploysim</c>.</param>
public sealed record Provenance(string ToolVersion, InputFile Scenario, IReadOnlyList<InputFile> Files, IReadOnlyList<string> Overrides,
    ulong Seed, int Replications, int Threads, IReadOnlyList<string> CommandLine)
{
    /// <summary>The simulator assembly's informational version (e.g. <c>0.1.0</c>, without the source hash).</summary>
    public static string CurrentToolVersion()
    {
        var version = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(AtomicFile.Utf8.GetBytes(text)));

    /// <summary>The command line as one shell-quoted string: <c>deploysim run 'a b.yaml' -n 5</c>.</summary>
    public string CommandText => string.Join(' ', CommandLine.Prepend("deploysim").Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:@%+[]".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The <c>provenance</c> object of <c>summary.json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["toolVersion"] = ToolVersion,
        ["scenarioPath"] = Scenario.Path,
        ["scenarioSha256"] = Scenario.Sha256,
        ["files"] = new JsonArray([.. Files.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["sha256"] = f.Sha256 })]),
        ["overrides"] = new JsonArray([.. Overrides.Select(o => (JsonNode)JsonValue.Create(o))]),
        ["seed"] = Seed,
        ["replications"] = Replications,
        ["threads"] = Threads,
        ["commandLine"] = CommandText,
    };
}

/// <summary>What the report of one <c>--out</c> directory needs beyond the results: the command that ran, the
/// scenario as resolved (YAML, overrides applied) and the provenance.</summary>
/// <param name="Command"><c>run</c>, <c>compare</c>, <c>sweep</c> or <c>plan</c>.</param>
/// <param name="ResolvedYaml">The scenario with every override applied.</param>
/// <param name="Provenance">Where the result came from.</param>
public sealed record ReportContext(string Command, string ResolvedYaml, Provenance Provenance);
