using System.Text;
using System.Text.Json;
using DeploySim.Tests.Scenarios;

namespace DeploySim.Tests.Reliability;

/// <summary>Every shipped scenario, mutated many ways (truncated, lines deleted and duplicated, types swapped, random
/// bytes, enormous numbers) plus hostile documents (alias bomb, deep nesting, thousands of keys, a file over the size
/// limit), through <c>deploysim validate</c> and <c>deploysim run</c>: each ends in exit 0 (a valid run) or exit 1 with a
/// positioned error, within an event budget, and never with a stack trace. The loader's own hostile-input tests are in
/// Scenarios/HostileInputTests.cs; these go through the command line and the file system.</summary>
/// <remarks>A run is bounded by events, not wall-clock time, so the fixture runs beside others on a loaded machine: every
/// command runs with <see cref="Budget"/> (a valid run is a single 2 h replication of a dozen instances, far below it).
/// <see cref="HangGuard"/> only catches a command that never returns (a parser that loops).</remarks>
public sealed class CliCorpusTests
{
    /// <summary>Events allowed to one run (<c>--set eventBudget=...</c>): a mutation that makes a huge or looping fleet stops there.</summary>
    private const string Budget = "eventBudget=2000000";

    /// <summary>Wall-clock time after which a command counts as hung (not a speed limit: the budget bounds the work).</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private string _dir = "";

    [OneTimeSetUp]
    public void CopyAppSpecs()
    {
        _dir = Directory.CreateTempSubdirectory("deploysim-corpus-").FullName;
        var appspec = Path.Combine(_dir, "appspec");
        Directory.CreateDirectory(appspec);
        foreach (var f in Directory.GetFiles(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "appspec")))
            File.Copy(f, Path.Combine(appspec, Path.GetFileName(f)));
    }

    [OneTimeTearDown]
    public void RemoveCorpus()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static IEnumerable<string> ShippedScenarios() =>
        Directory.GetFiles(ScenarioTestSupport.ScenariosDirectory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(ShippedScenarios))]
    public void Mutations_ValidateAndRun_EndCleanly(string file)
    {
        var text = File.ReadAllBytes(Path.Combine(ScenarioTestSupport.ScenariosDirectory, file));
        var failures = new List<string>();
        int valid = 0, total = 0;
        foreach (var (name, bytes) in Mutations(text, seed: file.Length * 7919))
        {
            total++;
            var path = Path.Combine(_dir, $"{Path.GetFileNameWithoutExtension(file)}.{name}.yaml");
            File.WriteAllBytes(path, bytes);
            if (CheckBoth(path, failures)) valid++;
        }
        TestContext.Out.WriteLine($"{file}: {total} mutations, {valid} still valid");
        Assert.That(failures, Is.Empty, () => string.Join("\n\n", failures));
        Assert.That(valid, Is.GreaterThan(0), "some mutations leave the scenario valid, so the run path is exercised too");
    }

    [Test]
    public void HostileDocuments_ValidateAndRun_EndCleanly()
    {
        var article = File.ReadAllText(Path.Combine(ScenarioTestSupport.ScenariosDirectory, "source-article.yaml"));
        var docs = new Dictionary<string, string>
        {
            ["alias-bomb"] = AliasBomb(),
            ["alias-bomb-in-field"] = article + "\nunicorn: &u\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"  k{i}: [*u, *u, *u, *u]\n")),
            ["deep-flow"] = "name: deep\ninstances: " + new string('[', 100_000) + new string(']', 100_000) + "\n",
            ["deep-block"] = "name: deep\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => new string(' ', i) + "k:\n")),
            ["deep-map-values"] = article + "\ndeployment:\n  hooks:\n    BeforeInstall: " + string.Concat(Enumerable.Repeat("{ a: ", 5000)) + "1" + new string('}', 5000) + "\n",
            ["thousands-of-keys"] = article + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"key{i}: {i}\n")),
            ["thousands-of-target-groups"] = article.Replace("targetGroups:\n", "targetGroups:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"  - {{ name: g{i} }}\n")), StringComparison.Ordinal),
            ["thousands-of-scheduled-actions"] = article.Replace("  scheduledActions:\n", "  scheduledActions:\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"    - {{ at: {i}s, desiredCapacity: {12 + (i % 5)} }}\n")), StringComparison.Ordinal),
            ["huge-scalar"] = "name: " + new string('x', 4_000_000) + "\n",
            ["huge-numbers"] = "name: n\nseed: 99999999999999999999999999999\nreplications: 1e999\nhorizon: 9999999999999999999999h\neventBudget: -1\n"
                + "autoScaling: { desiredCapacity: 10001, minSize: -5, maxSize: 0x7fffffff }\ntraffic: { requestsPerSecond: .inf }\nunicorn: { workers: NaN, workerMemory: 99999999999999999999GiB }\n",
            ["wrong-types"] = "name: [a, b]\nseed: { x: 1 }\ninstances: 12\nautoScaling: [1, 2]\ntargetGroups: { name: api }\ntraffic: yes\ndeployment: ~\n",
            ["empty"] = "",
            ["only-comments"] = "# nothing here\n",
            ["multiple-documents"] = article + "\n---\n" + article,
            ["tabs"] = article.Replace("  ", "\t", StringComparison.Ordinal),
            ["crlf"] = article.Replace("\n", "\r\n", StringComparison.Ordinal),
            ["nul-bytes"] = article.Insert(article.Length / 2, "\0\0\0"),
            ["unknown-tag"] = "name: !!python/object:os.system echo pwned\n",
            ["merge-key"] = article + "\nunicorn:\n  <<: { workers: 2 }\n",
        };
        var failures = new List<string>();
        foreach (var (name, text) in docs)
        {
            var path = Path.Combine(_dir, $"hostile.{name}.yaml");
            File.WriteAllText(path, text);
            CheckBoth(path, failures);
        }
        var big = Path.Combine(_dir, "hostile.over-16-MiB.yaml");
        using (var f = File.Create(big))
        {
            f.Write("name: big\n"u8);
            var comment = Encoding.ASCII.GetBytes("# " + new string('x', 1021) + "\n");
            for (int i = 0; i < 17 * 1024; i++) f.Write(comment);
        }
        CheckBoth(big, failures);
        Assert.That(failures, Is.Empty, () => string.Join("\n\n", failures));
    }

    [Test]
    public void MissingAndOddFiles_AreCleanErrors()
    {
        var failures = new List<string>();
        var missing = Path.Combine(_dir, "no-such-file.yaml");
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "a-folder.yaml")).FullName;
        var missingAppSpec = Path.Combine(_dir, "missing-appspec.yaml");
        File.WriteAllText(missingAppSpec, "name: x\ndeployment:\n  appspec: appspec/nope.yml\n");
        var folderAppSpec = Path.Combine(_dir, "folder-appspec.yaml");
        File.WriteAllText(folderAppSpec, "name: x\ndeployment:\n  appspec: appspec\n");
        var badEmpirical = Path.Combine(_dir, "bad-empirical.yaml");
        File.WriteAllText(Path.Combine(_dir, "boot.csv"), "seconds\n40s\nforty\n-3s\n" + string.Concat(Enumerable.Repeat("1s,", 1000)) + "\n");
        File.WriteAllText(badEmpirical, "name: x\ninstances:\n  bootTime: { empirical: boot.csv }\n");
        foreach (var path in new[] { missing, folder, missingAppSpec, folderAppSpec, badEmpirical })
        {
            var v = CliHarness.Run(HangGuard, "validate", path);
            var problems = CliHarness.Problems(v, path).ToList();
            if (v.ExitCode != 1) problems.Add("expected exit 1");
            if (problems.Count > 0) failures.Add($"{Path.GetFileName(path)}: {string.Join("; ", problems)}\n{v}");
        }
        Assert.That(failures, Is.Empty, () => string.Join("\n\n", failures));
    }

    /// <summary>Runs validate and run on the file; records every broken rule. Returns whether the file was valid.</summary>
    private static bool CheckBoth(string path, List<string> failures)
    {
        var validate = CliHarness.Run(HangGuard, "validate", path, "--set", "horizon=2h", "--set", Budget);
        var run = CliHarness.Run(HangGuard, "run", path, "--replications", "1", "--json", "--threads", "1", "--set", "horizon=2h", "--set", Budget);
        var problems = CliHarness.Problems(validate, path).Select(p => "validate: " + p)
            .Concat(CliHarness.Problems(run, path).Select(p => "run: " + p)).ToList();
        if (validate.ExitCode != run.ExitCode && !validate.TimedOut && !run.TimedOut)
            problems.Add($"validate exits {validate.ExitCode} but run exits {run.ExitCode}");
        if (run.ExitCode == 0 && !IsJson(run.Stdout)) problems.Add("run --json did not print one JSON document");
        if (problems.Count > 0)
        {
            string shown = File.Exists(path) ? Encoding.UTF8.GetString(File.ReadAllBytes(path).AsSpan(0, (int)Math.Min(new FileInfo(path).Length, 3000))) : "";
            failures.Add($"{Path.GetFileName(path)}:\n- {string.Join("\n- ", problems)}\nvalidate: {validate}\nrun: {run}\n--- file (start) ---\n{shown}");
        }
        return validate.ExitCode == 0;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string AliasBomb()
    {
        var sb = new StringBuilder("name: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return sb.ToString();
    }

    private static readonly string[] HugeNumbers =
        ["99999999999999999999999999999", "1e999", "-1", "9223372036854775808", "0x7fffffff", ".inf", "-.nan", "4294967296", "1.7976931348623157e308", "0"];

    /// <summary>The mutations of one file, deterministic for a seed: (name, bytes).</summary>
    internal static IEnumerable<(string Name, byte[] Bytes)> Mutations(byte[] original, int seed)
    {
        var rng = new Random(seed);
        string text = Encoding.UTF8.GetString(original);
        var lines = text.Split('\n');
        var content = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith('#')).ToArray();
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        string Join(IEnumerable<string> ls) => string.Join('\n', ls);
        int Pick() => content[rng.Next(content.Length)];

        for (int k = 1; k <= 24; k++)
        {
            int cut = (int)((long)original.Length * k / 25) + rng.Next(-20, 20);
            yield return ($"truncated-{k}", original[..Math.Clamp(cut, 0, original.Length)]);
        }
        for (int k = 0; k < 12; k++)
        {
            int at = Pick();
            yield return ($"deleted-line-{at + 1}", Utf8(Join(lines.Where((_, i) => i != at))));
        }
        for (int k = 0; k < 6; k++)
        {
            int at = Pick();
            yield return ($"duplicated-line-{at + 1}", Utf8(Join(lines.Take(at + 1).Append(lines[at]).Concat(lines.Skip(at + 1)))));
        }
        var scalarLines = content.Where(i => lines[i].Contains(": ", StringComparison.Ordinal) && !lines[i].TrimEnd().EndsWith(':')).ToArray();
        var blockLines = content.Where(i => lines[i].TrimEnd().EndsWith(':')).ToArray();
        for (int k = 0; k < 5 && scalarLines.Length > 0; k++)
        {
            int at = scalarLines[rng.Next(scalarLines.Length)];
            var copy = (string[])lines.Clone();
            copy[at] = copy[at][..(copy[at].IndexOf(": ", StringComparison.Ordinal) + 2)] + "{ x: 1, y: [2, 3] }";
            yield return ($"map-for-scalar-{at + 1}", Utf8(Join(copy)));
        }
        for (int k = 0; k < 5 && blockLines.Length > 0; k++)
        {
            int at = blockLines[rng.Next(blockLines.Length)];
            var copy = (string[])lines.Clone();
            copy[at] = copy[at].TrimEnd() + " 42";
            yield return ($"number-for-map-{at + 1}", Utf8(Join(copy)));
        }
        for (int k = 0; k < 6; k++)
        {
            int at = rng.Next(original.Length);
            var noise = new byte[16];
            rng.NextBytes(noise);
            yield return ($"random-bytes-at-{at}", [.. original[..at], .. noise, .. original[at..]]);
        }
        var numberLines = content.Where(i => lines[i].Any(char.IsAsciiDigit)).ToArray();
        for (int k = 0; k < 8 && numberLines.Length > 0; k++)
        {
            int at = numberLines[rng.Next(numberLines.Length)];
            var copy = (string[])lines.Clone();
            string huge = HugeNumbers[rng.Next(HugeNumbers.Length)];
            copy[at] = System.Text.RegularExpressions.Regex.Replace(copy[at], "[0-9]+", huge);
            yield return ($"huge-number-{at + 1}", Utf8(Join(copy)));
        }
        for (int k = 0; k < 3; k++)
        {
            int at = Pick();
            var copy = (string[])lines.Clone();
            copy[at] = " " + copy[at];
            yield return ($"indented-line-{at + 1}", Utf8(Join(copy)));
        }
    }
}
