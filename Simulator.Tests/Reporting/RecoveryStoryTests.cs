using System.Globalization;
using DeploySim.Tests.Cli;

namespace DeploySim.Tests.Reporting;

/// <summary>The recovery figure of a compare with a bad revision (issue 14, plot 7): per strategy, the replication
/// drawn from bad deploy to alarm to recovered with its failed requests over time; the test reads
/// <c>recovery.csv</c>, the figure's data, and checks it against each strategy's own <c>replications.csv</c>.</summary>
public sealed class RecoveryStoryTests
{
    [Test]
    public void Compare_BadRevision_RecoveryDataTellsEachStrategysStoryWithFailedRequestsOverTime()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("compare", Path.Combine(CliRun.ScenariosDirectory, "bad-revision-in-place.yaml"), "-n", "3", "--replication", "2", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var rows = Csv(Path.Combine(dir.Path, "recovery.csv"));
        string[] phases = ["before the bad revision", "bad revision serving, no alarm yet", "alarm fired, recovering", "recovered"];
        foreach (var strategy in new[] { "in-place", "blue-green", "graceful-restart" })
        {
            var story = rows.Where(x => x["strategy"] == strategy).ToList();
            Assert.That(story.Select(x => x["replication"]).Distinct(), Is.EqualTo(new[] { "2" }), strategy);
            // The phases come in the story's order, each one present.
            var order = story.Select(x => Array.IndexOf(phases, x["phase"])).ToList();
            Assert.That(order, Is.Ordered, strategy);
            Assert.That(order.Distinct(), Is.EqualTo(new[] { 0, 1, 2, 3 }), strategy);

            var own = Csv(Path.Combine(dir.Path, strategy, "replications.csv")).Single(x => x["replication"] == "2");
            double firstBad = D(story.First(x => x["phase"] == phases[1])["timeSeconds"]);
            var recovered = story.First(x => x["phase"] == phases[3]);
            Assert.That(D(recovered["timeSeconds"]) - firstBad, Is.EqualTo(D(own["timeToRecoverSeconds"])).Within(1e-6), $"{strategy}: time to recover");
            double alarmFrom = story.Where(x => x["phase"] == phases[2]).Min(x => D(x["timeSeconds"]));
            Assert.That(alarmFrom - firstBad, Is.GreaterThanOrEqualTo(D(own["timeToDetectSeconds"]) - 1e-6), $"{strategy}: the alarm after its time to detect");
            // Requests fail at a positive rate while the bad revision serves, and the count failed by the recovery is
            // what the replication reports as the bad revision's.
            Assert.That(story.Where(x => x["phase"] is var p && (p == phases[1] || p == phases[2])).Max(x => D(x["failedRequestsPerSecond"])), Is.GreaterThan(0), strategy);
            Assert.That(story.Where(x => x["phase"] == phases[0]).Max(x => D(x["failedRequests"])), Is.Zero, $"{strategy}: nothing failed before");
            Assert.That(D(recovered["failedRequests"]), Is.EqualTo(D(own["badRevisionFailedRequests"])).Within(0.5).Percent, strategy);
        }
        string svg = File.ReadAllText(Path.Combine(dir.Path, "recovery.svg"));
        foreach (var strategy in new[] { "in-place", "blue-green", "graceful-restart" })
            Assert.That(svg, Does.Contain($"{strategy} (replication 2)"));
        Assert.That(svg, Does.Contain("failed requests per second").And.Contain("first bad request"));
    }

    private static double D(string s) => s.Length == 0 ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>A CSV with quoted fields (a phase holds a comma).</summary>
    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Fields(lines[0]);
        return [.. lines.Skip(1).Select(Fields).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2))];
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
