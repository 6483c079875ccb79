namespace DeploySim.Tests.Cli;

/// <summary>Runaway protection and invariant checking from the command line.</summary>
public sealed class AppReliabilityTests
{
    private static string Scenario(string file) => Path.Combine(CliRun.ScenariosDirectory, file);

    [Test]
    public void Run_LaunchLoopOverTheEventBudget_SaysWhichLimitWasHitAndWhatWasRunning()
    {
        var r = CliRun.Run("run", Scenario("opsworks-launch-loop.yaml"), "--replications", "2", "--set", "eventBudget=5000", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        Assert.That(r.Error, Does.Contain("2 of 2 replications stopped at the event budget of 5,000 events"));
        Assert.That(r.Error, Does.Contain("abandoned").And.Contain("instances still launching or terminating"));
        Assert.That(r.Json().GetProperty("metrics").GetProperty("eventsProcessed").GetProperty("max").GetDouble(), Is.EqualTo(5000));
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
}
