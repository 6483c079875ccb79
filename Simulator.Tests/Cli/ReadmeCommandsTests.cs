using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DeploySim.Tests.Architecture;
using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>Every <c>deploysim</c> command in the README's <c>sh</c> code blocks runs as written (through bash, in a
/// folder holding the shipped scenarios and, under the README's names, saved AWS CLI outputs from the import
/// fixtures), with replication counts cut to a few and a shard command run for each of its shards (so that the
/// merge after it has them all); the test fails when one exits non-zero. Other commands of those
/// blocks (dotnet build, the profilers, the benchmarks) are not the tool's and are left out.</summary>
/// <remarks>Runs beside other fixtures: each command is its own process in its own temporary folder.</remarks>
public sealed partial class ReadmeCommandsTests
{
    /// <summary>README name of a saved AWS output → the import fixture standing in for it.</summary>
    private static readonly Dictionary<string, string> s_savedOutputs = new(StringComparer.Ordinal)
    {
        ["asg.json"] = "asg.json",
        ["hooks.json"] = "lifecycle-hooks.json",
        ["tgs.json"] = "target-groups.json",
        ["api-attrs.json"] = "tg-attributes-api.json",
        ["dg.json"] = "deployment-group-in-place.json",
        ["dc.json"] = "deployment-config-custom.json",
        ["appspec.yml"] = "appspec.yml",
        ["deployment-1.json"] = "targets-in-place-cli-v2.json",
        ["deployment-2.json"] = "targets-in-place-cli-v1.json",
    };

    /// <summary>The README's deploysim commands, continuation lines joined, in order.</summary>
    public static IReadOnlyList<string> Commands()
    {
        var commands = new List<string>();
        bool inSh = false;
        var pending = new StringBuilder();
        foreach (var raw in File.ReadLines(Path.Combine(LayeringTests.RepositoryRoot(), "README.md")))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                inSh = !inSh && raw.Trim() == "```sh";
                continue;
            }
            if (!inSh) continue;
            string line = raw.TrimEnd();
            bool continues = line.EndsWith('\\');
            pending.Append(continues ? line[..^1] : line).Append(' ');
            if (continues) continue;
            string command = Regex.Replace(pending.ToString(), @"\s+", " ").Trim();
            pending.Clear();
            if (command.StartsWith("deploysim ", StringComparison.Ordinal)) commands.Add(command);
        }
        return commands;
    }

    /// <summary>A command with its replication count cut to a few (a shard run keeps enough for its shards), and
    /// <c>-n 2</c> added to a simulating command that gives none (the scenarios ask for up to 200).</summary>
    public static string Small(string command)
    {
        string n = command.Contains("--shard", StringComparison.Ordinal) ? "8" : "2";
        string small = Count().Replace(command, m => m.Groups["opt"].Value + " " + n);
        bool simulates = Regex.IsMatch(small, @"^deploysim (run|compare|sweep|plan) ");
        if (simulates && !Count().IsMatch(small) && !small.Contains("--replications", StringComparison.Ordinal))
        {
            int hash = small.IndexOf(" #", StringComparison.Ordinal);
            small = hash < 0 ? small + " -n " + n : small[..hash] + " -n " + n + small[hash..];
        }
        return small;
    }

    [GeneratedRegex(@"--shard [0-9]+/(?<n>[0-9]+)")]
    private static partial Regex Shard();

    [GeneratedRegex(@"(?<opt>--replications|-n) [0-9]+")]
    private static partial Regex Count();

    [Test]
    public void Commands_OfTheReadme_AreFoundWithTheirContinuations()
    {
        var commands = Commands();
        Assert.That(commands, Has.Count.GreaterThan(10));
        Assert.That(commands, Has.Some.Contains("--vary targetGroups[0].healthCheck.healthyThreshold=2,5,10"), "the sweep's second line joined");
        Assert.That(Small("deploysim run a.yaml --replications 1000000 --out big/"), Is.EqualTo("deploysim run a.yaml --replications 2 --out big/"));
        Assert.That(Small("deploysim compare a.yaml # x"), Is.EqualTo("deploysim compare a.yaml -n 2 # x"));
    }

    [Test]
    [CancelAfter(900_000)]
    public void EveryDeploysimCommand_InTheReadme_ExitsZero()
    {
        using var dir = new TempDirectory();
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "scenarios"), Path.Combine(LayeringTests.RepositoryRoot(), "scenarios"));
        string fixtures = Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Fixtures");
        foreach (var (name, fixture) in s_savedOutputs) File.Copy(Path.Combine(fixtures, fixture), Path.Combine(dir.Path, name));
        string dll = typeof(DeploySim.Cli.CommandLineTool).Assembly.Location;

        var failures = new List<string>();
        // A shard command shows one shard of N; its merge needs all of them, so each shard command runs for every K.
        var commands = Commands().Select(Small).SelectMany(c => Shard().Match(c) is { Success: true } m
            ? Enumerable.Range(1, int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)).Select(k => Shard().Replace(c, $"--shard {k}/{m.Groups["n"].Value}"))
            : [c]);
        foreach (var command in commands)
        {
            var start = new ProcessStartInfo("bash", ["-c", $"deploysim() {{ dotnet '{dll}' \"$@\"; }}; {command}"])
            {
                WorkingDirectory = dir.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["DOTNET_TieredPGO"] = "0" },   // as in the test host (Simulator.Tests.csproj): less JIT work per short process
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) failures.Add($"{command}\n  exit {process.ExitCode}: {stderr.Trim()}");
        }
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }
}
