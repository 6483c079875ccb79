using System.CommandLine;
using DeploySim.Pipelines;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>--fleet NAME</c>: which fleet of a scenario <c>plan</c> sizes and <c>replay</c> compares. It may be left
/// out when the scenario has one fleet (a short-form scenario's fleet is named like the scenario).</summary>
internal static class FleetOption
{
    public static Option<string?> Create(string what) => new("--fleet")
    {
        Description = $"The fleet to {what}, by its name under fleets: (needed when the scenario has several fleets)",
        HelpName = "name",
    };

    /// <summary>The index of the fleet named <paramref name="name"/>, or of the only fleet when no name is given; a usage
    /// error naming the scenario's fleets otherwise.</summary>
    public static int Resolve(Scenario scenario, string? name, string commandPath)
    {
        var names = FleetScenarios.Names(scenario);
        string list = string.Join(", ", names);
        if (name is null)
            return names.Count == 1 ? 0
                : throw new UsageException($"{scenario.Name} has {names.Count} fleets ({list}): pick one with --fleet, e.g. --fleet {names[0]}", commandPath);
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        throw new UsageException($"{scenario.Name} has no fleet '{name}': its fleets are {list}", commandPath);
    }
}
