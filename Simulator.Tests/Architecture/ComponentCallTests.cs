using System.Text.RegularExpressions;

namespace DeploySim.Tests.Architecture;

/// <summary>The world's components call each other only as the README's table "Who calls whom" allows. The table is
/// read from the README, so the documentation and the code cannot drift apart: a new call between components is
/// either added to the table (a design decision, reviewed) or routed through an allowed one.</summary>
public sealed partial class ComponentCallTests
{
    /// <summary>Which source files make up each component named in the table (paths under Simulator/).</summary>
    private static readonly (string Component, string Pattern)[] s_files =
    [
        ("AutoScaling", @"^Cloud/(AutoScaling[.\w]*|GroupMembers|WarmPoolMembers)\.cs$"),
        ("OpsWorks", @"^Cloud/OpsWorks\.cs$"),
        ("TargetGroups", @"^Cloud/TargetGroups[.\w]*\.cs$"),
        ("CodeDeploy", @"^Cloud/CodeDeploy/"),
        ("BadRevisions", @"^Cloud/(BadRevisionDetector|DeploymentAlarm)\.cs$"),
        ("Unicorn", @"^App/Unicorn[.\w]*\.cs$"),
        ("Traffic", @"^App/(Traffic[.\w]*|TrafficClasses|TrafficShares|LatencyModel)\.cs$|^App/Queueing/"),
        ("Strategies", @"^Strategies/"),
        ("Recorder", @"^Metrics/Recorder[.\w]*\.cs$"),
        ("Invariants", @"^Model/Invariants\.cs$"),
    ];

    [Test]
    public void EveryComponentFile_IsNamedInTheTable()
    {
        var table = AllowedCalls();
        Assert.That(s_files.Select(f => f.Component), Is.EquivalentTo(table.Keys), "the README's table and this test's file map name the same components");
        var unassigned = ComponentFolders().Where(f => ComponentOf(f) is null).ToList();
        Assert.That(unassigned, Is.Empty, "files under Cloud/, App/ and Strategies/ belong to a component of the table: extend s_files");
    }

    [Test]
    public void Components_CallOnlyWhatTheReadmeTableAllows()
    {
        var table = AllowedCalls();
        var offences = new List<string>();
        foreach (var file in ComponentFiles())
        {
            var caller = ComponentOf(file);
            if (caller is null) continue;
            int n = 0;
            foreach (var line in File.ReadLines(Path.Combine(SourceRoot(), file)))
            {
                n++;
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match m in WorldCall().Matches(code))
                {
                    var callee = m.Groups[1].Value;
                    if (callee != caller && !table[caller].Contains(callee))
                        offences.Add($"Simulator/{file}:{n}: {caller} calls {callee} -- add it to the README's \"Who calls whom\" row for {caller}, or go through a call the table allows");
                }
            }
        }
        Assert.That(offences, Is.Empty, string.Join(Environment.NewLine, offences));
    }

    [Test]
    public void TheTable_AllowsNoCallTheCodeDoesNotMake()
    {
        // A stale entry would let a future call in unreviewed: every allowed call is made somewhere.
        var table = AllowedCalls();
        var made = new HashSet<(string, string)>();
        foreach (var file in ComponentFiles())
            if (ComponentOf(file) is { } caller)
                foreach (Match m in WorldCall().Matches(File.ReadAllText(Path.Combine(SourceRoot(), file))))
                    made.Add((caller, m.Groups[1].Value));
        var stale = table.SelectMany(kv => kv.Value.Where(callee => !made.Contains((kv.Key, callee))).Select(callee => $"{kv.Key} -> {callee}")).ToList();
        Assert.That(stale, Is.Empty, "remove these from the README's table: no code makes them");
    }

    /// <summary>The README's table: one row per component, "| Component | calls |", callees comma-separated.</summary>
    private static Dictionary<string, HashSet<string>> AllowedCalls()
    {
        var lines = File.ReadAllLines(Path.Combine(LayeringTests.RepositoryRoot(), "README.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("### Who calls whom", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has a \"### Who calls whom\" section");
        var table = new Dictionary<string, HashSet<string>>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#')))
        {
            var m = TableRow().Match(line);
            if (!m.Success || m.Groups[1].Value == "Component") continue;
            table[m.Groups[1].Value] = m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Trim('`')).Where(c => c != "—").ToHashSet();
        }
        return table;
    }

    private static string? ComponentOf(string file) =>
        s_files.FirstOrDefault(f => Regex.IsMatch(file, f.Pattern)).Component;

    /// <summary>The component folders' files, the recorder's and the invariants'.</summary>
    private static IEnumerable<string> ComponentFiles() =>
        ComponentFolders().Concat(Directory.EnumerateFiles(Path.Combine(SourceRoot(), "Metrics"), "Recorder*.cs").Select(f => "Metrics/" + Path.GetFileName(f)).Order(StringComparer.Ordinal))
            .Append("Model/Invariants.cs");

    private static IEnumerable<string> ComponentFolders() =>
        new[] { "Cloud", "App", "Strategies" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(SourceRoot(), d), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(SourceRoot(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string SourceRoot() => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator");

    [GeneratedRegex(@"\b(?:world|World|_world)\.(AutoScaling|OpsWorks|TargetGroups|CodeDeploy|BadRevisions|Unicorn|Traffic|Strategies|Recorder|Invariants)\b")]
    private static partial Regex WorldCall();

    [GeneratedRegex(@"^\|\s*`?(\w+)`?\s*\|[^|]*\|\s*([^|]*)\|")]
    private static partial Regex TableRow();
}
