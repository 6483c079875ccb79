using System.Globalization;
using DeploySim.Metrics;
using DeploySim.Running;

namespace DeploySim.Tests.Cli;

/// <summary><c>--replication N|worst|median</c> (issue 14): the replication drawn by the one-replication files and plots,
/// chosen from the run's own results and recorded again with its detail; bad values are usage errors.</summary>
public sealed class ReplicationOptionTests
{
    private static string SourceArticle => Path.Combine(CliRun.ScenariosDirectory, "source-article.yaml");

    private static ReplicationResult Result(int r, double minCapacity, double failed) =>
        new() { Replication = r, MinServingCapacityPct = minCapacity, FailedRequests = failed };

    [Test]
    public void Pick_WorstAndMedian_OrderByMinimumCapacityThenRequestsLost()
    {
        ReplicationResult[] results = [Result(0, 100, 0), Result(1, 50, 10), Result(2, 50, 30), Result(3, 75, 0), Result(4, 100, 5)];
        Assert.That(ReplicationChoice.Worst.Pick(results), Is.EqualTo(2), "50 % twice: the one that lost more requests");
        // Worst to best: 2 (50 %, 30), 1 (50 %, 10), 3 (75 %), 4 (100 %, 5), 0 (100 %, 0): the middle is 3.
        Assert.That(ReplicationChoice.Median.Pick(results), Is.EqualTo(3));
        Assert.That(ReplicationChoice.Of(5).Pick(results), Is.EqualTo(4), "1-based");
        var picker = new ReplicationPicker(ReplicationChoice.Median);
        foreach (var r in results) picker.Add(r);
        Assert.That(picker.Picked(), Is.EqualTo(3), "a streamed run picks the same");
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("first")]
    [TestCase("2.5")]
    public void Run_BadReplicationValue_IsAUsageErrorNamingTheValue(string value)
    {
        var r = CliRun.Run("run", CliRun.Small, "-n", "3", "--replication", value);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.StartWith("deploysim:").And.Contain($"'{value}'"));
    }

    [Test]
    public void Compare_ReplicationBeyondTheRun_IsAUsageErrorBeforeAnyWork()
    {
        var r = CliRun.Run("compare", CliRun.Small, "-n", "3", "--replication", "4");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Usage), r.ToString());
        Assert.That(r.Error, Does.StartWith("deploysim:").And.Contain("'4'").And.Contain("3 replications"));
    }

    [Test]
    public void Run_ReplicationWorst_DrawsTheWorstReplicationInEveryFileAndTheBand()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();
        var r = CliRun.Run("run", SourceArticle, "--strategy", "blue-green", "-n", "6", "--replication", "worst", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        // The worst from replications.csv itself: lowest minServingCapacityPct, then most failed + unserved requests.
        var rows = Csv(Path.Combine(dir.Path, "replications.csv"));
        int worst = rows.OrderBy(x => D(x["minServingCapacityPct"])).ThenByDescending(x => D(x["failedRequests"]) + D(x["unservedRequests"]))
            .Select(x => int.Parse(x["replication"], CultureInfo.InvariantCulture)).First();
        Assert.That(worst, Is.Not.EqualTo(1), "the scenario's worst is not the first replication, so the choice shows");
        foreach (var file in new[] { "series.csv", "timeline.csv", "memory.csv", "capacity-band.csv" })
            Assert.That(Csv(Path.Combine(dir.Path, file)).Select(x => x["replication"]).Distinct(), Is.EqualTo(new[] { worst.ToString(CultureInfo.InvariantCulture) }), file);
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, "timeline.svg")), Does.Contain($"(replication {worst})"));
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, "capacity-band.svg")), Does.Contain($"worst replication ({worst})"));

        // The replication re-run with its detail is the run's replication: its series is that of --replication N.
        using var byNumber = new DeploySim.Tests.Reporting.TempDirectory();
        var again = CliRun.Run("run", SourceArticle, "--strategy", "blue-green", "-n", "6", "--replication", worst.ToString(CultureInfo.InvariantCulture), "--out", byNumber.Path);
        Assert.That(again.ExitCode, Is.EqualTo(Exit.Ok), again.ToString());
        Assert.That(File.ReadAllText(Path.Combine(byNumber.Path, "series.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(dir.Path, "series.csv"))));
        Assert.That(File.ReadAllText(Path.Combine(byNumber.Path, "capacity-band.svg")), Does.Contain($"worst replication ({worst})"), "the number names the worst: it says so");
        using var first = new DeploySim.Tests.Reporting.TempDirectory();
        Assert.That(CliRun.Run("run", SourceArticle, "--strategy", "blue-green", "-n", "6", "--replication", "1", "--out", first.Path).ExitCode, Is.EqualTo(Exit.Ok));
        Assert.That(File.ReadAllText(Path.Combine(first.Path, "capacity-band.svg")), Does.Contain("replication 1").And.Not.Contain("worst replication"));
        Assert.That(Csv(Path.Combine(first.Path, "capacity-band.csv")).Select(x => x["replication"]).Distinct(), Is.EqualTo(new[] { "1" }));
        // Its series reaches the capacity dip its row reports (a third of api: 33 %).
        var api = Csv(Path.Combine(dir.Path, "capacity-band.csv")).Where(x => x["targetGroup"] == "internal-api").Select(x => D(x["replicationRps"])).ToList();
        Assert.That(api.Min(), Is.LessThan(api.Max()), "the drawn replication dips");
    }

    [Test]
    public void Compare_ReplicationMedian_EachStrategyDrawsItsOwnMedian()
    {
        using var dir = new DeploySim.Tests.Reporting.TempDirectory();
        var r = CliRun.Run("compare", SourceArticle, "--strategies", "in-place,blue-green", "-n", "5", "--replication", "median", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        foreach (var strategy in new[] { "in-place", "blue-green" })
        {
            var rows = Csv(Path.Combine(dir.Path, strategy, "replications.csv"));
            var order = rows.OrderBy(x => D(x["minServingCapacityPct"])).ThenByDescending(x => D(x["failedRequests"]) + D(x["unservedRequests"]))
                .ThenBy(x => int.Parse(x["replication"], CultureInfo.InvariantCulture)).Select(x => x["replication"]).ToList();
            Assert.That(Csv(Path.Combine(dir.Path, strategy, "series.csv")).Select(x => x["replication"]).Distinct(), Is.EqualTo(new[] { order[2] }), strategy);
        }
    }

    private static double D(string s) => s.Length == 0 ? 0 : double.Parse(s, CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2))];
    }
}
