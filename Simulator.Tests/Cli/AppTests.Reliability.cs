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

/// <summary>Commands that size or vary one fleet refuse scenarios with several fleets or a pipeline.</summary>
public sealed class AppPipelineGuardTests
{
    [TestCase("sweep", "--vary", "seed=1,2")]
    [TestCase("plan", "--demand", "100")]
    public void SingleFleetCommand_PipelineScenario_IsAUsageError(string command, string option, string value)
    {
        var r = CliRun.Run(command, Path.Combine(CliRun.ScenariosDirectory, "pipeline-article.yaml"), option, value, "-n", "1");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Error, Does.Contain("fleets or a pipeline"));
    }
}
