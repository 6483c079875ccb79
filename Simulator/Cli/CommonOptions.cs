using System.CommandLine;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary>The options the simulation commands share (each command gets its own instances).</summary>
internal sealed class CommonOptions
{
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Master seed (overrides the scenario's)" };
    public Option<int?> Replications { get; } = new("--replications", "-n") { Description = "Number of replications (overrides the scenario's)" };
    public Option<string[]> Set { get; } = new("--set") { Description = "Override a field by its path, e.g. --set targetGroups[0].healthCheck.interval=5s (repeatable)", AllowMultipleArgumentsPerToken = false };
    public Option<DirectoryInfo?> Out { get; } = new("--out") { Description = "Write summary.json, CSV files and plots (PNG, SVG) to this directory" };
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document on stdout and nothing else" };
    public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads for replications (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Replications);
        command.Options.Add(Set);
        command.Options.Add(Out);
        command.Options.Add(Json);
        command.Options.Add(Threads);
    }

    /// <summary>Loads the scenario file (or the built-in default when <paramref name="file"/> is null) with the
    /// --set overrides and any extra ones, then applies --seed and --replications.</summary>
    public Scenario Load(ParseResult p, FileInfo? file, IEnumerable<string>? extraOverrides = null)
    {
        var overrides = (p.GetValue(Set) ?? []).Concat(extraOverrides ?? []).ToList();
        var scenario = file is null ? BuiltInScenarios.LoadSourceArticle(overrides) : ScenarioLoader.Load(file.FullName, overrides);
        if (p.GetValue(Seed) is { } seed) scenario = scenario with { Seed = seed };
        if (p.GetValue(Replications) is { } n)
        {
            if (n < 1) throw new UsageException($"--replications must be at least 1, got {n}");
            scenario = scenario with { Replications = n };
        }
        return scenario;
    }
}
