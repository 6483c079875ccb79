using DeploySim.Pipelines;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Cli;

/// <summary>Every command that takes a scenario accepts every shipped scenario (one fleet, several, a pipeline): each
/// runs once per scenario with the fewest replications and must exit 0. <c>import</c> and <c>fit</c> take no scenario
/// to run and are left out; <c>replay</c> reads the import tests' saved deployment targets. A multi-fleet scenario is
/// planned and replayed for its first fleet (<c>--fleet</c>), swept over one of its fleets' fields.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class EveryCommandEveryScenarioTests
{
    private static readonly string[] s_commands = ["validate", "run", "compare", "sweep", "plan", "replay"];

    private static IEnumerable<TestCaseData> Cases() =>
        from file in Directory.EnumerateFiles(CliRun.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal)
        from command in s_commands
        select new TestCaseData(command, Path.GetFileName(file)).SetName($"{command}_{Path.GetFileNameWithoutExtension(file)}");

    [TestCaseSource(nameof(Cases))]
    public void Command_ShippedScenario_ExitsZero(string command, string file)
    {
        string path = Path.Combine(CliRun.ScenariosDirectory, file);
        var scenario = ScenarioLoader.Load(path);
        var fleets = FleetScenarios.Names(scenario);
        string[] fleet = scenario.NamedFleets ? ["--fleet", fleets[0]] : [];
        string[] args = command switch
        {
            "validate" => [command, path],
            "run" => [command, path, "-n", "2", "--json"],
            "compare" => [command, path, "-n", "2", "--json"],
            "sweep" => [command, path, "-n", "1", "--json", "--vary", scenario.NamedFleets ? $"fleets[{fleets[0]}].unicorn.workers=2,3" : "unicorn.workers=2,3"],
            "plan" => [command, path, "-n", "1", "--json", "--demand", "50", "--strategies", "in-place", .. fleet],
            "replay" => [command, path, "-n", "2", "--json", "--targets", Import.ImportTestSupport.Fixture("targets-in-place-cli-v1.json"), .. fleet],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
        var r = CliRun.Run(args);
        Assert.That(r.ExitCode, Is.Zero, $"deploysim {string.Join(' ', args)}\n{r}");
        if (command != "validate") Assert.DoesNotThrow(() => r.Json(), "stdout is one JSON document");
    }
}
