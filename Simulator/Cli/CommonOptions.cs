using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary>The options the simulation commands share (each command gets its own instances).</summary>
internal sealed class CommonOptions
{
    public Option<ulong?> Seed { get; } = CliValues.UInt64("--seed", "Master seed (overrides the scenario's)");

    public Option<int?> Replications { get; } =
        CliValues.Int32("--replications", "Number of replications, 1 to 1,000,000 (overrides the scenario's)", 1, 1_000_000, "-n");

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a field by its path, validated like the file, e.g. --set targetGroups[0].healthCheck.interval=5s (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "path=value",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Also write summary.json, CSV files and plots (PNG, SVG) to this directory",
        HelpName = "dir",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document on stdout and nothing else" };

    public Option<Reporting.TableFormat?> Format { get; } = CliValues.TableFormat();

    public Option<int?> Threads { get; } =
        CliValues.Int32("--threads", "Worker threads for replications (default 0: all cores); results do not depend on it", 0, 1024);

    public Option<bool> Strict { get; } = StrictOption();

    /// <summary><c>--strict</c>: a scenario warning (file:line:column on stderr) becomes an error that stops the command.</summary>
    public static Option<bool> StrictOption() => new("--strict") { Description = "Treat the scenario's warnings as errors (exit 1)" };

    /// <summary>Warnings as the errors <c>--strict</c> makes of them, saying so.</summary>
    public static IReadOnlyList<ScenarioError> AsErrors(IEnumerable<ScenarioError> warnings) =>
        [.. warnings.Select(w => w with { Message = w.Message + " (a warning; an error under --strict)" })];

    public Option<bool> CheckInvariants { get; } = new("--check-invariants")
    {
        Description = "Check the model's invariants after every event; a violation stops the run naming the invariant, time and instance",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(CheckInvariants);
        command.Options.Add(Strict);
        command.Options.Add(Seed);
        command.Options.Add(Replications);
        command.Options.Add(Set);
        command.Options.Add(Out);
        command.Options.Add(Json);
        command.Options.Add(Format);
        command.Options.Add(Threads);
    }

    /// <summary>Reads the scenario file (the built-in default when <paramref name="file"/> is null) and applies the
    /// --set overrides; mapping (and so validation) is left to the caller.</summary>
    public ScenarioDocument Read(ParseResult p, string? file)
    {
        var document = file is null ? BuiltInScenarios.ArticleFinalFlowDocument() : ScenarioDocument.Read(file);
        _file = file;
        var overrides = (p.GetValue(Set) ?? []).ToList();
        if (Strategy is not null && p.GetValue(Strategy) is { } name)
        {
            // --strategy NAME is --set deployment.strategy=NAME, applied last.
            if (!StrategyNames.TryParse(name, out var kind))
                throw new UsageException($"--strategy: unknown strategy '{name}'{DidYouMean.Hint(name, [.. Enum.GetValues<StrategyKind>().Select(StrategyNames.Of)])}",
                    StrategyCommand);
            overrides.Add("deployment.strategy=" + StrategyNames.Of(kind));
        }
        return Document = document.With(overrides);
    }

    private string? _file;

    /// <summary><c>--strategy NAME</c>, for the commands that run one strategy (added by them).</summary>
    public Option<string?>? Strategy { get; private set; }

    private string? StrategyCommand { get; set; }

    /// <summary>Adds <c>--strategy NAME</c> to <paramref name="command"/>: a shortcut for <c>--set deployment.strategy=NAME</c>.</summary>
    public void AddStrategyTo(Command command, string commandPath)
    {
        Strategy = new Option<string?>("--strategy")
        {
            Description = "in-place, blue-green or graceful-restart: a shortcut for --set deployment.strategy=NAME",
            HelpName = "name",
        };
        StrategyCommand = commandPath;
        command.Options.Add(Strategy);
    }

    /// <summary><c>--replication N|worst|median</c>, for the commands that draw one replication (added by them).</summary>
    public Option<Running.ReplicationChoice?>? Replication { get; private set; }

    /// <summary>Adds <c>--replication</c> to <paramref name="command"/>.</summary>
    public void AddReplicationTo(Command command)
    {
        Replication = CliValues.ReplicationChoice();
        command.Options.Add(Replication);
    }

    /// <summary>Refuses a <c>--replication</c> number beyond <paramref name="scenario"/>'s replications (after -n), before any work.</summary>
    public void CheckReplication(ParseResult p, Scenario scenario, string command)
    {
        if (Replication is not null && p.GetValue(Replication) is { Number: > 0 } choice && choice.Number > scenario.Replications)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--replication: '{choice}' is beyond the run's {scenario.Replications} replications (a number from 1 to {scenario.Replications}, worst or median)"), command);
    }

    /// <summary>The document last read by <see cref="Read"/> (overrides applied).</summary>
    public ScenarioDocument? Document { get; private set; }

    /// <summary>What the report of an --out directory needs: the scenario as resolved (the document last read) and
    /// the provenance of <paramref name="scenario"/> (its seed and replications after --seed and -n).</summary>
    public Reporting.ReportContext ReportContext(ParseResult p, CliContext ctx, string command, Scenario scenario)
    {
        var document = Document ?? throw new InvalidOperationException("no scenario was read");
        var scenarioFile = _file is null
            ? new Reporting.InputFile(BuiltInScenarios.ArticleFinalFlowName, Reporting.Provenance.Sha256OfText(BuiltInScenarios.ArticleFinalFlow))
            : new Reporting.InputFile(_file, Reporting.Provenance.Sha256OfFile(_file));
        var provenance = new Reporting.Provenance(Reporting.Provenance.CurrentToolVersion(), scenarioFile,
            [.. document.FilesRead.Select(f => new Reporting.InputFile(f.DisplayName, Reporting.Provenance.Sha256OfFile(f.FullPath)))],
            [.. document.Overrides.Select(o => o.ToString())], scenario.Seed, scenario.Replications, ThreadCount(p), ctx.Args)
        {
            Shards = ctx.Merge?.Shards.Shards.Select(s => new Reporting.InputFile(s.Dir, s.Manifest.Files[0].Sha256)).ToList(),
        };
        string header = $"# {scenarioFile.Path} as resolved by deploysim {provenance.ToolVersion} ({command})" +
            (provenance.Overrides.Count == 0 ? ", no overrides" : ", overrides applied: " + string.Join("; ", provenance.Overrides)) +
            ".\n";
        var asRun = document.With([$"seed={scenario.Seed}", $"replications={scenario.Replications}"]);
        return new Reporting.ReportContext(command, header + ResolvedYaml.Of(asRun.ToYaml(), _file, document), provenance);
    }

    /// <summary>Reads, validates and maps the scenario, then applies --seed and --replications; warnings go to
    /// <paramref name="warnings"/> (stderr), or with --strict fail like errors. Throws <see cref="ScenarioException"/> with every problem found.</summary>
    public Scenario Load(ParseResult p, string? file, TextWriter warnings)
    {
        var scenario = Read(p, file).ToScenario(out var found);
        if (p.GetValue(Strict) && found.Count > 0) throw new ScenarioException(AsErrors(found));
        foreach (var w in found) warnings.WriteLine($"warning: {w}");
        return Apply(p, scenario);
    }

    /// <summary>Applies --seed and --replications to a mapped scenario.</summary>
    public Scenario Apply(ParseResult p, Scenario scenario)
    {
        if (p.GetValue(Seed) is { } seed) scenario = scenario with { Seed = seed };
        if (p.GetValue(Replications) is { } n) scenario = scenario with { Replications = n };
        return scenario;
    }

    public bool IsJson(ParseResult p) => p.GetValue(Json);

    /// <summary>--format, or the context's default (boxed on a terminal, plain columns otherwise).</summary>
    public Reporting.TableFormat TableFormat(ParseResult p, CliContext ctx) => p.GetValue(Format) ?? ctx.Tables;

    public int ThreadCount(ParseResult p) => p.GetValue(Threads) ?? 0;

    /// <summary>How replications run: threads and invariant checking.</summary>
    public RunSettings Settings(ParseResult p) =>
        new(ThreadCount(p), p.GetValue(CheckInvariants), Replication is null ? null : p.GetValue(Replication));

    /// <summary>The --out directory, or null. Refused before any work when it names an existing file.</summary>
    public string? OutDirectory(ParseResult p, string command)
    {
        var dir = p.GetValue(Out);
        if (dir is null) return null;
        if (dir.Length == 0) throw new UsageException("--out needs a directory", command);
        if (File.Exists(dir)) throw new UsageException($"--out '{dir}' is a file, not a directory", command);
        return dir;
    }
}

/// <summary>Arguments and options with their own parsing, so that a bad value reads as a short usage error
/// ("--replications: 'abc' is not a whole number") instead of a .NET type name.</summary>
internal static class CliValues
{
    /// <summary>A scenario file argument. A token that looks like an option and is not an existing file is reported
    /// as an unknown option, not as a missing file (<c>deploysim run --bogus</c>).</summary>
    public static Argument<string> ScenarioFile()
    {
        var file = new Argument<string>("file") { Description = "Scenario file (YAML)" };
        file.Validators.Add(RejectOptionLikeTokens);
        return file;
    }

    /// <summary>One or more scenario files, as <see cref="ScenarioFile"/>.</summary>
    public static Argument<string[]> ScenarioFiles()
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files (YAML)", Arity = ArgumentArity.OneOrMore };
        files.Validators.Add(RejectOptionLikeTokens);
        return files;
    }

    private static void RejectOptionLikeTokens(ArgumentResult result)
    {
        if (result.Parent is not CommandResult command) return;
        foreach (var token in result.Tokens)
        {
            if (ParseErrors.LooksLikeOption(token.Value) && !File.Exists(token.Value))
                result.AddError(ParseErrors.UnknownOption(token.Value, command.Command));
        }
    }

    public static Option<int?> Int32(string name, string description, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "n",
            CustomParser = r => Parse(r, name, (string t, out int v) => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v) && v >= min && v <= max,
                string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}")),
        };

    /// <summary><c>--replication N|worst|median</c>: the replication drawn where one replication is shown.</summary>
    public static Option<Running.ReplicationChoice?> ReplicationChoice() =>
        new("--replication")
        {
            Description = "The replication drawn where one is shown (timeline, memory, capacity, the capacity band's line): N (from 1), " +
                "worst (lowest minimum serving capacity, then most requests failed or unserved) or median (the middle of that order); default 1",
            HelpName = "N|worst|median",
            CustomParser = r => Parse(r, "--replication", (string t, out Running.ReplicationChoice v) => Running.ReplicationChoice.TryParse(t, out v),
                "a replication number from 1, worst or median"),
        };

    /// <summary><c>--format boxed|plain|markdown|csv</c>.</summary>
    public static Option<Reporting.TableFormat?> TableFormat() =>
        new("--format")
        {
            Description = "Tables as boxed, plain (aligned columns, the default when stdout is not a terminal), markdown or csv",
            HelpName = "format",
            CustomParser = r => Parse(r, "--format", (string t, out Reporting.TableFormat v) =>
                Enum.TryParse(t, ignoreCase: true, out v) && !int.TryParse(t, out _), "one of boxed, plain, markdown, csv"),
        };

    public static Option<ulong?> UInt64(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "n",
            CustomParser = r => Parse(r, name, (string t, out ulong v) => ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v),
                "a whole number from 0 to 18446744073709551615"),
        };

    public static Option<double?> PositiveNumber(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "n",
            CustomParser = r => Parse(r, name, (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && v > 0 && double.IsFinite(v),
                "a positive number"),
        };

    private delegate bool TryParser<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, string name, TryParser<T> tryParse, string expected)
        where T : struct
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[^1].Value;
        if (tryParse(text.Trim(), out var value)) return value;
        result.AddError($"{name}: '{text}' is not {expected}");
        return null;
    }
}
