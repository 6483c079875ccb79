using System.Text.Json;
using static DeploySim.Tests.Import.ImportTestSupport;

namespace DeploySim.Tests.Import;

/// <summary><c>deploysim replay</c>: the comparison table, JSON, and the plot files.</summary>
public sealed class ReplayTests
{
    private static readonly string[] s_targets =
        [Fixture("targets-in-place-cli-v1.json"), Fixture("targets-in-place-cli-v2.json"), Fixture("instances-cli-v1.json")];

    /// <summary>The fitted AfterInstall failure rate (1 of 15) set to 0, for tests that count a clean rollout's events.</summary>
    private const string NoFailures = "deployment.scripts[codedeploy/db-migrate.sh].failureRate=0";

    private static string Fitted(ScratchDirectory dir, string group, string[] targets)
    {
        var (code, _, stderr) = RunCli("import", "--asg", Fixture("asg.json"), "--target-groups", Fixture("target-groups.json"),
            "--target-group-attributes", "api=" + Fixture("tg-attributes-api.json"), "--deployment-group", Fixture(group),
            "--appspec", Fixture("appspec.yml"), "--out", dir.File("web.yaml"));
        Assert.That(code, Is.Zero, stderr);
        (code, _, stderr) = RunCli(["fit", "--targets", .. targets, "--scenario", dir.File("web.yaml"), "--out", dir.File("fitted.yaml")]);
        Assert.That(code, Is.Zero, stderr);
        return dir.File("fitted.yaml");
    }

    [Test]
    public void Replay_OutAndJson_WritesJsonAndPlotsAndPrintsTheSameJson()
    {
        using var dir = new ScratchDirectory();
        var fitted = Fitted(dir, "deployment-group-in-place.json", s_targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. s_targets, "-n", "4", "--out", dir.File("out"), "--json", "--set", NoFailures]);
        Assert.That(code, Is.Zero, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var events = root.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("event").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(dir.File("out/replay.json")), Is.EqualTo(stdout));
            Assert.That(File.ReadAllBytes(dir.File("out/replay.png")).Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
            Assert.That(File.ReadAllText(dir.File("out/replay.svg")), Does.Contain("<svg").And.Contain("ApplicationStop"));
            Assert.That(root.GetProperty("replications").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("observedDeployments").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("rollout").GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(2), "the two deployments where nothing failed");
            Assert.That(root.GetProperty("failedRollout").GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(1), "d-7QXHL1R3B failed AfterInstall on one instance");
            Assert.That(root.GetProperty("rollout").GetProperty("simulated").GetProperty("n").GetInt32(), Is.EqualTo(4));
            Assert.That(events["BlockTraffic"].GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(15));
            Assert.That(events["BlockTraffic"].GetProperty("simulated").GetProperty("n").GetInt32(), Is.EqualTo(4 * 12), "every instance of every replication");
            Assert.That(events["Install"].GetProperty("simulated").GetProperty("p50").GetDouble(),
                Is.EqualTo(events["Install"].GetProperty("observed").GetProperty("p50").GetDouble()).Within(25).Percent);
            Assert.That(root.GetProperty("outcomes").GetProperty("succeeded").GetInt32(), Is.EqualTo(4));
        });
    }

    [Test]
    public void Replay_Console_PrintsTheTableAndOutcomes()
    {
        using var dir = new ScratchDirectory();
        var fitted = Fitted(dir, "deployment-group-in-place.json", s_targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. s_targets, "-n", "2", "--set", NoFailures]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout, Does.Contain("rails-api-dg: 3 observed deployment(s), 15 instance(s) vs 2 simulated replication(s)"));
            Assert.That(stdout, Does.Contain("obs n").And.Contain("sim n").And.Contain("KS D"));
            Assert.That(stdout, Does.Contain("│ rollout "));
            Assert.That(stdout, Does.Contain("simulated outcomes: 2 succeeded"));
            Assert.That(stdout, Does.Contain("note: WARNING: target counts differ: the simulated fleet deploys to 12 instance(s), observed deployments to 6 (d-7QXHL1R3B), 6 (d-K2M9P4T6W), 3 (d-R5T8V1Y4Z)"));
            Assert.That(stdout, Does.Not.Contain("not run by the scenario (no scripts)"), "fit set emptyEventTime and agentEventGap: the scenario runs them");
            Assert.That(stdout, Does.Contain("│ BeforeBlockTraffic ").And.Contain("│ gap between events "));
        });
    }

    [Test]
    public void Replay_WithoutReplications_RunsAtLeast200AndSaysHowMany()
    {
        using var dir = new ScratchDirectory();
        var fitted = Fitted(dir, "deployment-group-in-place.json", s_targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. s_targets, "--json"]);
        Assert.That(code, Is.Zero, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.That(doc.RootElement.GetProperty("replications").GetInt32(), Is.EqualTo(DeploySim.Import.Replay.MinimumReplications));
        int Simulated(string key) => doc.RootElement.TryGetProperty(key, out var c) ? c.GetProperty("simulated").GetProperty("n").GetInt32() : 0;
        Assert.That(Simulated("rollout") + Simulated("failedRollout"), Is.EqualTo(200), "one rollout per replication");
    }

    [Test]
    public void Replay_FailedDeployments_AreComparedApartFromSuccessfulOnes()
    {
        using var dir = new ScratchDirectory();
        var fitted = Fitted(dir, "deployment-group-in-place.json", s_targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. s_targets, "-n", "12", "--json"]);
        Assert.That(code, Is.Zero, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        int succeeded = root.GetProperty("outcomes").TryGetProperty("succeeded", out var ok) ? ok.GetInt32() : 0;
        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.InRange(1, 11), "the fitted AfterInstall failure rate (1 of 15 per instance) fails some of 12 replications");
            Assert.That(root.GetProperty("rollout").GetProperty("simulated").GetProperty("n").GetInt32(), Is.EqualTo(succeeded));
            Assert.That(root.GetProperty("failedRollout").GetProperty("simulated").GetProperty("n").GetInt32(), Is.EqualTo(12 - succeeded));
            Assert.That(root.GetProperty("failedRollout").GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Replay_FleetOfTheObservedSize_SaysNothingOfTargetCounts()
    {
        using var dir = new ScratchDirectory();
        string[] targets = [Fixture("targets-in-place-cli-v1.json")];
        var fitted = Fitted(dir, "deployment-group-in-place.json", targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. targets, "-n", "2", "--set", "autoScaling.desiredCapacity=6",
            "--set", "autoScaling.minSize=6", "--set", NoFailures]);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Not.Contain("target counts differ"));
    }

    [Test]
    public void Comparison_IdenticalSamples_HaveKsAboutZeroWithinTheSamplingError()
    {
        double[] sample = [.. Enumerable.Range(1, 50).Select(i => (double)i)];
        var same = new DeploySim.Import.Comparison("x", sample, [.. sample, .. sample]);
        var shifted = new DeploySim.Import.Comparison("x", sample, [.. sample.Select(v => v + 25)]);
        Assert.Multiple(() =>
        {
            Assert.That((same.KsDistance, same.BeyondSamplingError), Is.EqualTo((0.0, false)));
            Assert.That(same.KsCritical, Is.EqualTo(1.358 * Math.Sqrt(150.0 / 5000)).Within(1e-12));
            Assert.That((shifted.KsDistance, shifted.BeyondSamplingError), Is.EqualTo((0.5, true)));
        });
    }

    [Test]
    public void Replay_Console_ExplainsKsAndMarksDeviationsBeyondTheSamplingError()
    {
        using var dir = new ScratchDirectory();
        var fitted = Fitted(dir, "deployment-group-in-place.json", s_targets);
        // DownloadBundle set far above every observation: its KS D is 1, beyond the sampling error.
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. s_targets, "-n", "20", "--set", "deployment.downloadBundleTime=10m"]);
        Assert.That(code, Is.Zero, stderr);
        var row = stdout.Split('\n').Single(l => l.Contains("│ DownloadBundle ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Does.Contain("KS D: the largest gap between the observed and the simulated cumulative distributions"));
            Assert.That(row, Does.Contain("1.00 !"));
        });
    }

    [Test]
    public void Replay_BlueGreen_ComparesOriginalsAndReplacements()
    {
        using var dir = new ScratchDirectory();
        string[] targets = [Fixture("targets-blue-green.json")];
        var fitted = Fitted(dir, "deployment-group-blue-green.json", targets);
        var (code, stdout, stderr) = RunCli(["replay", fitted, "--targets", .. targets, "-n", "2", "--set", "opsWorks.enabled=false", "--json"]);
        Assert.That(code, Is.Zero, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("event").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(events["BlockTraffic"].GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(4), "the 4 blue instances");
            Assert.That(events["AllowTraffic"].GetProperty("observed").GetProperty("n").GetInt32(), Is.EqualTo(4), "the 4 green instances");
            Assert.That(events["BlockTraffic"].GetProperty("simulated").GetProperty("n").GetInt32(), Is.EqualTo(2 * 12));
            Assert.That(doc.RootElement.GetProperty("outcomes").GetProperty("succeeded").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Replay_NoTargets_ExitsTwo()
    {
        Assert.That(RunCli("replay", Fixture("appspec.yml")).Code, Is.EqualTo(2));
    }

    [Test]
    public void Replay_WrongShapedTargets_ExitsOne()
    {
        var (code, _, stderr) = RunCli("replay", Path.Combine(DeploySim.Tests.Architecture.LayeringTests.RepositoryRoot(), "scenarios", "source-article.yaml"),
            "--targets", Fixture("deployment-group-in-place.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("expected the output of 'aws deploy batch-get-deployment-targets'").And.Contain("get-deployment-group"));
        });
    }
}
