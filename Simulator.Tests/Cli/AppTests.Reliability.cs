namespace DeploySim.Tests.Cli;

/// <summary>Runaway protection and invariant checking from the command line.</summary>
public sealed class AppReliabilityTests
{
    private static string Scenario(string file) => Path.Combine(CliRun.ScenariosDirectory, file);

    [Test]
    public void Run_LaunchLoopOverTheEventBudget_SaysWhichLimitWasHitAndWhatWasRunning()
    {
        var r = CliRun.Run("run", Scenario("opsworks-launch-loop.yaml"), "--replications", "2", "--set", "eventBudget=1000", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        Assert.That(r.Error, Does.Contain("2 of 2 replications stopped at the event budget of 1,000 events"));
        Assert.That(r.Error, Does.Contain("abandoned").And.Contain("instances still launching or terminating"));
        Assert.That(r.Json().GetProperty("metrics").GetProperty("eventsProcessed").GetProperty("max").GetDouble(), Is.EqualTo(1000));
    }

    [Test]
    public void Run_CheckInvariants_RunsCleanOnEveryShippedScenario()
    {
        foreach (var file in Directory.EnumerateFiles(CliRun.ScenariosDirectory, "*.yaml"))
        {
            var r = CliRun.Run("run", file, "--replications", "1", "--check-invariants", "--json");
            Assert.That(r.ExitCode, Is.Zero, $"{Path.GetFileName(file)}: {r}");
        }
    }
}

/// <summary><c>plan</c> sizes one fleet: of a scenario with several, it must be named.</summary>
public sealed class AppFleetSelectionTests
{
    [Test]
    public void Plan_SeveralFleetsWithoutFleet_IsAUsageErrorNamingThem()
    {
        var r = CliRun.Run("plan", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "--demand", "100", "-n", "1");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("2 fleets (api, workers)").And.Contain("--fleet"));
    }

    [Test]
    public void Plan_UnknownFleet_IsAUsageErrorNamingTheFleets()
    {
        var r = CliRun.Run("plan", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "--demand", "100", "-n", "1", "--fleet", "web");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("no fleet 'web'").And.Contain("api, workers"));
    }

    [Test]
    public void Sweep_BadValueOfAFleetByName_IsNamedAsTheVary()
    {
        var r = CliRun.Run("sweep", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "--vary", "fleets[api].unicorn.workers=6,-1", "-n", "1");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("--vary: fleets[0].unicorn.workers: -1 is out of range"));
    }

    [Test]
    public void Sweep_PipelineScenario_ReportsMergeToLiveAndTheCriticalPathPerPoint()
    {
        var r = CliRun.Run("sweep", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "--vary",
            "fleets[api].targetGroups[0].healthCheck.interval=10s,30s", "-n", "2", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        var results = r.Json().GetProperty("results");
        Assert.That(results.GetArrayLength(), Is.EqualTo(2));
        var fast = results[0].GetProperty("metrics").GetProperty("mergeToLiveSeconds").GetProperty("p50").GetDouble();
        var slow = results[1].GetProperty("metrics").GetProperty("mergeToLiveSeconds").GetProperty("p50").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(fast, Is.LessThan(slow), "10 s health checks bring api live sooner than 30 s ones");
            Assert.That(results[0].GetProperty("criticalPath").GetProperty("fleet").GetString(), Is.EqualTo("api"));
            Assert.That(results[1].GetProperty("criticalPath").GetProperty("counts").GetProperty("api").GetInt32(), Is.EqualTo(2));
        });
        var table = CliRun.Run("sweep", Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), "--vary",
            "fleets[api].targetGroups[0].healthCheck.interval=10s,30s", "-n", "2", "--format", "plain");
        Assert.That(table.Out, Does.Contain("merge to live p50 (s)").And.Contain("api 2/2"));
    }
}
