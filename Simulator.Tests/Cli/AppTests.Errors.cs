
namespace DeploySim.Tests.Cli;

/// <summary>Exit codes and messages for bad input: 1 for an invalid scenario, 2 for a usage error; one line per
/// problem on stderr, nothing on stdout, never a stack trace.</summary>
public sealed partial class AppTests
{
    private static void AssertFailure(CliResult r, int exitCode, string message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(exitCode), r.ToString());
            Assert.That(r.Error, Does.Contain(message), r.ToString());
            Assert.That(r.Out, Is.Empty, "errors go to stderr only");
            Assert.That(r.Error, Does.Not.Contain("   at "), "no stack trace");
            if (exitCode == Exit.Usage) Assert.That(r.Error, Does.StartWith("deploysim: "), "a usage error says whose it is");
        });
    }

    [Test]
    public void MistypedCommand_GivesOneErrorWithASuggestion()
    {
        var r = CliRun.Run("rnu", CliRun.Small, "-n", "2");

        AssertFailure(r, Exit.Usage, "unknown command 'rnu'; did you mean 'run'?");
        Assert.That(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "the error and where to find help");
    }

    [Test]
    public void Run_Strategy_IsTheSetShortcut()
    {
        var shortcut = CliRun.Run("run", CliRun.Small, "-n", "2", "--strategy", "graceful-restart", "--json");
        var set = CliRun.Run("run", CliRun.Small, "-n", "2", "--set", "deployment.strategy=graceful-restart", "--json");

        Assert.That(shortcut.ExitCode, Is.EqualTo(Exit.Ok), shortcut.ToString());
        Assert.That(shortcut.Json().GetProperty("strategy").GetString(), Is.EqualTo("graceful-restart"));
        Assert.That(shortcut.Out, Is.EqualTo(set.Out));
    }

    [Test]
    public void Run_UnknownStrategy_IsAUsageErrorWithASuggestion()
    {
        var r = CliRun.Run("run", CliRun.Small, "--strategy", "blue-gren");

        AssertFailure(r, Exit.Usage, "--strategy: unknown strategy 'blue-gren'; did you mean 'blue-green'?");
    }

    [Test]
    public void Run_MissingFile_Exits1NamingTheFile()
    {
        var r = CliRun.Run("run", "no-such-scenario.yaml");

        AssertFailure(r, Exit.Invalid, "no-such-scenario.yaml: file not found");
    }

    [Test]
    public void Run_InvalidScenario_Exits1WithFileLineAndColumn()
    {
        var r = CliRun.Run("run", CliRun.Broken);

        AssertFailure(r, Exit.Invalid, $"{CliRun.Broken}:15:47: targetGroups[0].healthCheck.healthyTreshold: unknown field 'healthyTreshold'; did you mean 'healthyThreshold'?");
        Assert.That(r.Error, Does.Match(@"broken\.yaml:10:20: autoScaling\.desiredCapacity: wrong type"));
    }

    [TestCase("nosuchfield=1", "--set: nosuchfield: unknown field 'nosuchfield'", TestName = "Run_SetUnknownTopLevelField_Exits2")]
    [TestCase("unicorn.wokers=3", "--set: unicorn.wokers: unknown field 'wokers'; did you mean 'workers'?", TestName = "Run_SetMisspeltField_Exits2WithDidYouMean")]
    [TestCase("unicorn.workers=many", "--set: unicorn.workers: wrong type", TestName = "Run_SetWrongType_Exits2")]
    [TestCase("targetGroups[7].name=x", "--set: targetGroups[7].name: index 7 is out of range", TestName = "Run_SetIndexOutOfRange_Exits2")]
    [TestCase("no-equals-sign", "is not path=value", TestName = "Run_SetWithoutValue_Exits2")]
    public void Run_BadSet_Exits2(string set, string message)
    {
        var r = CliRun.Run("run", CliRun.Small, "--set", set);

        AssertFailure(r, Exit.Usage, message);
    }

    [TestCase("unicorn.workers", "is not path=value1,value2", TestName = "Sweep_VaryWithoutValues_Exits2")]
    [TestCase("unicorn.workers=2,,4", "--vary: unicorn.workers: a value in the list '2,,4' is empty", TestName = "Sweep_VaryEmptyValue_Exits2")]
    [TestCase("unicorn.workers=[2,4", "--vary: unicorn.workers: unbalanced brackets", TestName = "Sweep_VaryUnbalancedBracket_Exits2")]
    [TestCase("unicorn.workers=2,many", "--vary: unicorn.workers: wrong type: expected a whole number, got 'many'", TestName = "Sweep_VaryBadValue_Exits2BeforeRunningAnything")]
    [TestCase("unicorn.wokers=2,4", "--vary: unicorn.wokers: unknown field 'wokers'; did you mean 'workers'?", TestName = "Sweep_VaryMisspeltPath_Exits2")]
    [TestCase("unicron.workers=2,4", "--vary: unicron: unknown field 'unicron'", TestName = "Sweep_VaryUnknownParent_IsTheVarysError")]
    public void Sweep_BadVary_Exits2(string vary, string message)
    {
        var r = CliRun.Run("sweep", CliRun.Small, "-n", "2", "--vary", vary);

        AssertFailure(r, Exit.Usage, message);
    }

    [Test]
    public void Sweep_InvalidCombination_NamesTheCombinationAndTheField()
    {
        var r = CliRun.Run("sweep", Path.Combine(CliRun.ScenariosDirectory, "source-article.yaml"), "-n", "2",
            "--vary", "targetGroups[0].healthCheck.timeout=5s,20s", "--vary", "targetGroups[0].healthCheck.interval=30s,10s");

        AssertFailure(r, Exit.Usage, "--vary: targetGroups[0].healthCheck.timeout: timeout (20s) must be shorter than interval (10s) (AWS rule) " +
            "(combination targetGroups[0].healthCheck.timeout=20s, targetGroups[0].healthCheck.interval=10s)");
    }

    [Test]
    public void Sweep_SamePathVariedTwice_Exits2()
    {
        var r = CliRun.Run("sweep", CliRun.Small, "--vary", "unicorn.workers=2", "--vary", "unicorn.workers=4");

        AssertFailure(r, Exit.Usage, "--vary: unicorn.workers: this path is varied twice");
    }

    [Test]
    public void Sweep_TooManyCombinations_Exits2BeforeReadingValues()
    {
        string[] args = ["sweep", CliRun.Small];
        foreach (var path in new[] { "a", "b", "c", "d", "e" }) args = [.. args, "--vary", $"{path}=1,2,3,4,5,6,7,8,9,10"];

        var r = CliRun.Run(args);

        AssertFailure(r, Exit.Usage, "--vary: more than 10,000 combinations");
    }

    [Test]
    public void NoArguments_BadSet_Exits2NamingTheOverride()
    {
        var r = CliRun.Run("--set", "unicorn.wokers=3");

        AssertFailure(r, Exit.Usage, "--set: unicorn.wokers: unknown field 'wokers'; did you mean 'workers'?");
    }

    [Test]
    public void Plan_BadInstanceMemory_Exits2NamingEveryBadSize()
    {
        var r = CliRun.Run("plan", CliRun.Small, "--demand", "100", "--instance-memory", "4G,8GiB,0MiB");

        AssertFailure(r, Exit.Usage, "--instance-memory: 4G: expected a size");
        Assert.That(r.Error, Does.Contain("--instance-memory: 0MiB: expected a size"));
    }

    [TestCase(new[] { "run", "--bogus" }, "unknown option '--bogus' for 'deploysim run'", TestName = "Run_UnknownOptionInPlaceOfTheFile_Exits2")]
    [TestCase(new[] { "run", "FILE", "--bogus" }, "unknown option '--bogus' for 'deploysim run'", TestName = "Run_UnknownOptionAfterTheFile_Exits2")]
    [TestCase(new[] { "plan", "FILE", "--demand", "5", "--replication", "2" }, "unknown option '--replication' for 'deploysim plan'; did you mean '--replications'?", TestName = "Plan_MisspeltOption_Exits2WithDidYouMean")]
    [TestCase(new[] { "--bogus" }, "unknown option '--bogus' for 'deploysim'", TestName = "Root_UnknownOption_Exits2")]
    [TestCase(new[] { "validate", "FILE", "--bogus" }, "unknown option '--bogus' for 'deploysim validate'", TestName = "Validate_UnknownOption_Exits2")]
    [TestCase(new[] { "frobnicate" }, "unknown command 'frobnicate'", TestName = "Root_UnknownCommand_Exits2")]
    [TestCase(new[] { "rnu" }, "unknown command 'rnu'; did you mean 'run'?", TestName = "Root_MisspeltCommand_Exits2WithDidYouMean")]
    [TestCase(new[] { "run" }, "'deploysim run' needs <file>", TestName = "Run_NoFile_Exits2")]
    [TestCase(new[] { "run", "FILE", "FILE" }, "unexpected argument", TestName = "Run_TwoFiles_Exits2")]
    [TestCase(new[] { "plan", "FILE" }, "Option '--demand' is required", TestName = "Plan_WithoutDemand_Exits2")]
    [TestCase(new[] { "plan", "FILE", "--demand", "-5" }, "--demand: '-5' is not a positive number", TestName = "Plan_NegativeDemand_Exits2")]
    [TestCase(new[] { "sweep", "FILE" }, "Option '--vary' is required", TestName = "Sweep_WithoutVary_Exits2")]
    [TestCase(new[] { "compare", "FILE", "--strategies", "in-place,sideways" }, "--strategies: unknown strategy 'sideways'", TestName = "Compare_UnknownStrategy_Exits2")]
    [TestCase(new[] { "compare", "FILE", "--strategies", "blue-gren" }, "did you mean 'blue-green'?", TestName = "Compare_MisspeltStrategy_Exits2WithDidYouMean")]
    [TestCase(new[] { "compare", "FILE", "--strategies", "," }, "--strategies: the list is empty", TestName = "Compare_EmptyStrategies_Exits2")]
    [TestCase(new[] { "--strategies", "fast" }, "--strategies: unknown strategy 'fast'", TestName = "Root_UnknownStrategy_Exits2")]
    [TestCase(new[] { "run", "FILE", "--replications", "0" }, "--replications: '0' is not a whole number from 1 to 1000000", TestName = "Run_ZeroReplications_Exits2")]
    [TestCase(new[] { "run", "FILE", "-n", "lots" }, "--replications: 'lots' is not a whole number", TestName = "Run_NonNumericReplications_Exits2")]
    [TestCase(new[] { "run", "FILE", "--seed", "-1" }, "--seed: '-1' is not a whole number", TestName = "Run_NegativeSeed_Exits2")]
    [TestCase(new[] { "run", "FILE", "--threads", "-1" }, "--threads: '-1' is not a whole number from 0 to 1024", TestName = "Run_NegativeThreads_Exits2")]
    [TestCase(new[] { "run", "FILE", "--seed" }, "--seed", TestName = "Run_OptionWithoutValue_Exits2")]
    public void UsageError_Exits2WithAClearMessageAndAPointerToHelp(string[] args, string message)
    {
        var r = CliRun.Run(args.Select(a => a == "FILE" ? CliRun.Small : a).ToArray());

        AssertFailure(r, Exit.Usage, message);
        Assert.That(r.Error, Does.Contain("--help' for usage."));
        Assert.That(r.Error, Does.Not.Contain("file not found"));
    }

    [Test]
    public void Run_OutIsAnExistingFile_Exits2BeforeSimulating()
    {
        var r = CliRun.Run("run", CliRun.Small, "--out", CliRun.Small);

        AssertFailure(r, Exit.Usage, "is a file, not a directory");
    }

    [TestCase("", TestName = "Help_Root_ShowsCommandsAndExamples")]
    [TestCase("validate", TestName = "Help_Validate_ShowsExamples")]
    [TestCase("run", TestName = "Help_Run_ShowsExamples")]
    [TestCase("compare", TestName = "Help_Compare_ShowsExamples")]
    [TestCase("sweep", TestName = "Help_Sweep_ShowsExamples")]
    [TestCase("plan", TestName = "Help_Plan_ShowsExamples")]
    public void Help_EveryCommand_Exits0WithUsageAndExamples(string command)
    {
        var r = CliRun.Run(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("Usage:").And.Contain("Options:").And.Contain("Examples:"));
        Assert.That(r.Out, Does.Contain($"  deploysim {command}".TrimEnd()));
        Assert.That(r.Error, Is.Empty);
    }

    [Test]
    public void Help_WithMissingRequiredOption_StillShowsHelp()
    {
        var r = CliRun.Run("plan", "-h");

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Out, Does.Contain("--demand"));
    }

    [Test]
    public void Help_Root_ListsExitCodes()
    {
        var r = CliRun.Run("--help");

        Assert.That(r.Out, Does.Contain("2 usage error, 130 interrupted"));
    }
}
