using System.Text.Json;

namespace DeploySim.Tests.Cli;

/// <summary>The command line end to end, in-process: each command's happy path.</summary>
public sealed partial class AppTests
{
    private static readonly string[] s_runKeys = ["scenario", "strategy", "seed", "replications", "outcome", "metrics"];

    private static string[] Strategies(JsonElement results) =>
        results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()!).ToArray();

    [Test]
    public void NoArguments_ComparesTheBuiltInScenarioAcrossTheThreeStrategies()
    {
        var r = CliRun.Run("--replications", "2");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("article-final-flow: strategies compared, 2 replications each"));
        Assert.That(r.Out, Does.Contain("in-place").And.Contain("blue-green").And.Contain("graceful-restart"));
        Assert.That(r.Out, Does.Contain("rollout time of successes, p50").And.Contain("success rate"));
        Assert.That(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.Match("^deploysim: article-final-flow \\([a-z-]+\\): \\d+/6 done"),
            "nothing on stderr but progress lines (printed when the run takes over a second)");
    }

    /// <summary>issue 12 item 14: the default comparison reads right to a newcomer: success rate (with its counts) first,
    /// then the rollout time of the successes in hours and minutes, the weakest group's capacity dip, peak memory,
    /// instance-hours.</summary>
    [Test]
    public void NoArguments_ReadsTopDown_SuccessRolloutTimeCapacityMemoryInstanceHours()
    {
        var r = CliRun.Run("--replications", "5", "--format", "plain");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var rows = r.Out.Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l[..48].TrimEnd()).Take(8).ToArray();
        Assert.That(rows, Is.EqualTo(new[]
        {
            "success rate", "top failure reason", "rollout time of successes, p50", "rollout time of successes, p90",
            "min serving capacity, weakest group (%), worst", "min serving capacity, weakest group (%), mean",
            "peak memory (% of instance), max", "instance-hours, mean",
        }));
        var lines = r.Out.Split('\n');
        Assert.That(lines.First(l => l.StartsWith("success rate", StringComparison.Ordinal)), Does.Contain("100 % (5 of 5)"), "in-place succeeds every time");
        Assert.That(lines.First(l => l.StartsWith("rollout time of successes, p50", StringComparison.Ordinal)), Does.Match(@" \d+ h \d+ min .* \d+ h \d+ min .* 2 min \d+ s"),
            "in-place and blue/green take hours, graceful restart about 2.6 min");
    }

    [Test]
    public void NoArguments_Json_GivesOneResultPerStrategy()
    {
        var r = CliRun.Run("-n", "2", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(Strategies(r.Json()), Is.EqualTo(new[] { "in-place", "blue-green", "graceful-restart", "instance-refresh" }));
        Assert.That(r.Json().GetProperty("results")[0].GetProperty("scenario").GetString(), Is.EqualTo("article-final-flow"));
    }

    [Test]
    public void NoArguments_SetAndStrategies_ChangeTheBuiltInScenario()
    {
        var r = CliRun.Run("-n", "2", "--seed", "3", "--set", "unicorn.workers=6", "--strategies", "graceful-restart", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(Strategies(r.Json()), Is.EqualTo(new[] { "graceful-restart" }));
        Assert.That(r.Json().GetProperty("results")[0].GetProperty("seed").GetUInt64(), Is.EqualTo(3UL));
    }

    [Test]
    public void Run_Table_ShowsHeadingOutcomeAndMetrics()
    {
        var r = CliRun.Run("run", CliRun.Small, "--replications", "2");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("small-fleet: in-place, seed 7, 2 replications"));
        Assert.That(r.Out, Does.Contain("outcome: 2 succeeded"));
        Assert.That(r.Out, Does.Contain("rollout time of successes (s)").And.Contain("success rate: ").And.Contain("phase (s per instance)"));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public void Run_Json_PrintsExactlyOneJsonDocumentAndNothingElse()
    {
        var r = CliRun.Run("run", CliRun.Small, "--replications", "2", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var json = r.Json();
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(s_runKeys));
        Assert.That(json.GetProperty("replications").GetInt32(), Is.EqualTo(2));
        Assert.That(json.GetProperty("metrics").TryGetProperty("rolloutSeconds", out _), Is.True);
        Assert.That(r.Out, Does.StartWith("{").And.EndWith("}\n"));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public void Run_SeedReplicationsAndSet_OverrideTheFile()
    {
        var r = CliRun.Run("run", CliRun.Small, "--seed", "99", "-n", "3", "--set", "deployment.strategy=graceful-restart", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var json = r.Json();
        Assert.That(json.GetProperty("seed").GetUInt64(), Is.EqualTo(99UL));
        Assert.That(json.GetProperty("replications").GetInt32(), Is.EqualTo(3));
        Assert.That(json.GetProperty("strategy").GetString(), Is.EqualTo("graceful-restart"));
    }

    [Test]
    public void Run_DeploymentFailsInTheSimulation_IsStillASuccessfulRun()
    {
        var r = CliRun.Run("run", CliRun.Small, "-n", "2", "--json", "--set", "deployment.hooks={AfterInstall: [{location: start.sh, failureRate: 1}]}");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Json().GetProperty("outcome").GetProperty("failed").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Compare_Table_ShowsTheStrategiesSideBySide()
    {
        var r = CliRun.Run("compare", CliRun.Small, "-n", "2");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var header = r.Out.Split('\n').First(l => l.Contains("metric", StringComparison.Ordinal));
        Assert.That(header, Does.Match(@"metric\s+│\s+in-place\s+│\s+blue-green\s+│\s+graceful-restart"));
    }

    [Test]
    public void Compare_Strategies_RunsOnlyThoseInTheGivenOrder()
    {
        var r = CliRun.Run("compare", CliRun.Small, "-n", "2", "--strategies", "graceful-restart,in-place", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(Strategies(r.Json()), Is.EqualTo(new[] { "graceful-restart", "in-place" }));
    }

    [Test]
    public void Sweep_TwoAxes_RunsEveryCombinationOneRowEach()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,4", "--vary", "targetGroups[0].healthCheck.interval=5s,10s,15s", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var rows = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(6));
        var combos = rows.Select(x => x.GetProperty("parameters")).Select(p =>
            $"{p.GetProperty("unicorn.workers").GetString()}/{p.GetProperty("targetGroups[0].healthCheck.interval").GetString()}");
        Assert.That(combos, Is.EqualTo(new[] { "2/5s", "2/10s", "2/15s", "4/5s", "4/10s", "4/15s" }));
    }

    [Test]
    public void Sweep_Table_HasOneRowPerCombination()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,3,4");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("small-fleet: sweep of 3 combinations"));
        Assert.That(r.Out.Split('\n').Count(l => l.StartsWith("│ ", StringComparison.Ordinal)), Is.EqualTo(1 + 3), "header and three rows");
    }

    [Test]
    public void Sweep_ValuesWithCommasInsideBrackets_AreOneValue()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", "instances.bootTime={ normal: { mean: 30s, sd: 5s } }, 10s", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var values = r.Json().GetProperty("results").EnumerateArray().Select(x => x.GetProperty("parameters").GetProperty("instances.bootTime").GetString());
        Assert.That(values, Is.EqualTo(new[] { "{ normal: { mean: 30s, sd: 5s } }", "10s" }));
    }

    [Test]
    public void Plan_Json_OneRowPerStrategyAndInstanceSize()
    {
        var r = CliRun.Run("plan", CliRun.Small, "--demand", "100", "--instance-memory", "2GiB,4GiB", "--strategies", "in-place,graceful-restart", "-n", "2", "--json");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        var rows = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(rows.Select(x => $"{x.GetProperty("strategy").GetString()} {x.GetProperty("instanceMemoryMiB").GetInt64()}"),
            Is.EqualTo(new[] { "in-place 2048", "in-place 4096", "graceful-restart 2048", "graceful-restart 4096" }));
        Assert.That(rows.All(x => x.GetProperty("maxSafeWorkers").GetInt32() > 0 && x.GetProperty("instancesNeeded").GetInt32() > 0), Is.True);
    }

    [Test]
    public void Plan_Table_DefaultsToTheScenariosInstanceSize()
    {
        var r = CliRun.Run("plan", CliRun.Small, "--demand", "100", "--strategies", "in-place", "-n", "2");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("Capacity plan").And.Contain("4,096"));
    }

    [Test]
    public void Validate_EveryShippedScenario_IsOk()
    {
        var files = Directory.GetFiles(CliRun.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        Assume.That(files, Is.Not.Empty);

        var r = CliRun.Run(["validate", .. files]);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(files.Select(f => $"{f}: ok")));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public void Validate_BrokenFile_PrintsEveryProblemWithPositionAndExits1()
    {
        var r = CliRun.Run("validate", CliRun.Broken, CliRun.Small);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        var problems = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(CliRun.Broken, StringComparison.Ordinal)).ToList();
        Assert.That(problems, Has.Some.StartsWith($"{CliRun.Broken}:10:20: autoScaling.desiredCapacity: wrong type"));
        Assert.That(problems, Has.Some.StartsWith($"{CliRun.Broken}:15:47: targetGroups[0].healthCheck.healthyTreshold: unknown field").And.Contains("did you mean 'healthyThreshold'"));
        Assert.That(problems, Has.Some.StartsWith($"{CliRun.Broken}:19:13: deployment.strategy: "));
        Assert.That(r.Out, Is.EqualTo($"{CliRun.Small}: ok\n"), "the valid file is still reported");
        Assert.That(r.Error, Does.Contain("problems in 1 of 2 files"));
    }
}
