namespace DeploySim.Tests.Cli;

/// <summary>The latency model on the command line (issue 17): nested JSON keys and compare's ranking rows.</summary>
public sealed partial class AppTests
{
    private static string LatencyArticle => Path.Combine(CliRun.ScenariosDirectory, "latency-article.yaml");

    [Test]
    public void Run_LatencyScenario_Json_NestsLatencyErrorsAndSlo()
    {
        var r = CliRun.Run("run", LatencyArticle, "-n", "2", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var m = r.Json().GetProperty("metrics");
        Assert.That(m.GetProperty("latency").GetProperty("p99Ms").GetProperty("mean").GetDouble(), Is.GreaterThan(500));
        Assert.That(m.GetProperty("latency").GetProperty("steady").GetProperty("p50Ms").GetProperty("p50").GetDouble(), Is.GreaterThan(50));
        Assert.That(m.GetProperty("errors").GetProperty("http502").GetProperty("max").GetDouble(), Is.LessThan(1));
        Assert.That(m.GetProperty("slo").GetProperty("budgetBurnedPct").GetProperty("mean").GetDouble(), Is.GreaterThan(0));
        Assert.That(m.TryGetProperty("latency.p99Ms", out _), Is.False, "dotted names are nested, not flat keys");
    }

    [Test]
    public void Compare_LatencyScenario_RanksByRolloutTimeAndBySloBurn()
    {
        var r = CliRun.Run("compare", LatencyArticle, "-n", "2", "--format", "csv");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var rank = r.Out.Split('\n').Single(l => l.StartsWith("rank by SLO budget burned", StringComparison.Ordinal));
        var places = rank.Split(',').Skip(1).Select(int.Parse).ToArray();
        Assert.That(places, Has.Length.EqualTo(4), rank);
        Assert.That(places, Has.All.InRange(1, 4), rank);
        Assert.That(places, Does.Contain(1), rank);
        Assert.That(r.Out, Does.Contain("rank by rollout time (p50)").And.Contain("latency p99 in the deployment window (ms), mean"));
    }
}
