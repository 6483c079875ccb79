using System.CommandLine;
using System.Globalization;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Scenarios;

namespace DeploySim.Cli;

/// <summary><c>deploysim sweep FILE --vary path=v1,v2 [--vary ...]</c>: every combination of the listed values, one row each.</summary>
/// <remarks>Every combination is validated before the first one runs, so a bad value fails at once with its position.
/// Any scenario can be swept; over a pipeline each row also carries merge-to-live and the critical path.</remarks>
internal static class SweepCommand
{
    private const string Path = "deploysim sweep";
    private const string Source = "--vary";

    /// <summary>Most combinations one sweep runs.</summary>
    public const int MaxCombinations = 10_000;

    public static Command Create(CliContext ctx)
    {
        var file = CliValues.ScenarioFile();
        var vary = new Option<string[]>("--vary")
        {
            Description = "A field path and the values to try, e.g. --vary targetGroups[0].healthCheck.interval=5s,10s,30s " +
                "or of one fleet, --vary fleets[api].unicorn.workers=6,8 (repeatable: every combination runs; commas inside [...] or {...} do not split)",
            Required = true,
            HelpName = "path=v1,v2,...",
        };
        var metrics = new Option<string?>("--metrics")
        {
            Description = "The sweep plot's panels, by JSON key, e.g. --metrics rolloutSeconds,peakMemoryPct (the success rate " +
                "always comes first; default: the metrics that vary). One of: " + string.Join(", ", Reporting.Plots.SweepPlots.MetricNames),
            HelpName = "key,key,...",
        };
        var options = new CommonOptions();
        var shards = new ShardOptions();
        var command = new Command("sweep", "Run every combination of the varied values, one row each")
        {
            file,
            vary,
            metrics,
        }.WithExamples(
            "deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,10s,30s",
            "deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,30s " +
            "--vary targetGroups[0].healthCheck.healthyThreshold=2,5,10 --out out/",
            "deploysim sweep scenarios/source-article.yaml --vary unicorn.workers=6,8,10,12 --json",
            "deploysim sweep scenarios/pipeline-article.yaml --vary fleets[api].targetGroups[0].healthCheck.healthyThreshold=2,5,10");
        options.AddTo(command);
        shards.AddTo(command);
        command.SetAction(p =>
        {
            var axes = ParseAxes(p.GetValue(vary) ?? []);
            var panels = PlotMetrics(p.GetValue(metrics));
            var document = options.Read(p, p.GetValue(file));
            var combinations = Combinations(axes).ToList();
            var scenarios = Prepare(document, combinations, axes).Select(s => options.Apply(p, s)).ToList();
            if (Sharded.Begin(ctx, p, shards, options, "sweep", p.GetValue(file)!, [.. scenarios.Select(Sharding.WorkPoint.Of)]) is { } shardExit)
                return shardExit;
            string? outDir = options.OutDirectory(p, Path);
            bool json = options.IsJson(p);
            int total = (int)Math.Min(int.MaxValue, scenarios.Sum(s => (long)s.Replications));
            var rows = RunProgress.Run(ctx, json, total, document.DisplayName, state =>
            {
                var result = new List<SweepRow>();
                for (int i = 0; i < scenarios.Count; i++)
                {
                    state.Label = string.Create(CultureInfo.InvariantCulture, $"{Label(combinations[i])} ({i + 1}/{scenarios.Count})");
                    var run = RunnerWithProgress.Run(ctx, scenarios[i], options.Settings(p), state, i);
                    result.Add(new SweepRow(combinations[i], run.Summary, run.CriticalPath));
                }
                return result;
            });
            var written = outDir is null ? null : ReportWriter.WriteSweep(outDir, rows, scenarios.Count > 0 ? options.ReportContext(p, ctx, "sweep", scenarios[0]) : null, panels);
            if (json) ctx.Out.Write(JsonReport.Sweep(rows));
            else
            {
                ConsoleTables.Sweep(ctx.Console, rows, options.TableFormat(p, ctx));
                RunFooter.ReportFiles(ctx, outDir, written);
            }
            RunFooter.ReportInvariants(ctx, options.Settings(p), json, rows.Select(r => r.Summary));
            return CommandLineTool.Ok;
        });
        return command;
    }

    private static string Label(IReadOnlyList<KeyValuePair<string, string>> combination) =>
        string.Join(", ", combination.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Parses every --vary; throws one <see cref="ScenarioException"/> listing every problem (a malformed
    /// list, a path given twice, too many combinations).</summary>
    /// <summary>The --metrics list: each a metric the sweep plot draws, else a usage error naming it and the choices.</summary>
    private static IReadOnlyList<string>? PlotMetrics(string? text)
    {
        if (text is null) return null;
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new UsageException("--metrics: expected one or more metric keys separated by commas", Path);
        foreach (var name in names)
            if (!Reporting.Plots.SweepPlots.MetricNames.Contains(name, StringComparer.Ordinal))
                throw new UsageException($"--metrics: unknown metric '{name}'; expected one of {string.Join(", ", Reporting.Plots.SweepPlots.MetricNames)}", Path);
        return names;
    }

    internal static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ParseAxes(IReadOnlyList<string> texts)
    {
        var errors = new List<ScenarioError>();
        var axes = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var text in texts)
        {
            if (!TryParseAxis(text, out var axis, out var error)) errors.Add(error!);
            else if (axes.Any(a => a.Key == axis.Key)) errors.Add(new ScenarioError(Source, 0, 0, axis.Key, "this path is varied twice: list all its values in one --vary"));
            else axes.Add(axis);
        }
        if (errors.Count == 0)
        {
            long count = 1;
            foreach (var a in axes) count = Math.Min((long)MaxCombinations + 1, count * a.Value.Count);
            if (count > MaxCombinations)
                errors.Add(new ScenarioError(Source, 0, 0, "", string.Create(CultureInfo.InvariantCulture, $"more than {MaxCombinations:N0} combinations: vary fewer values")));
        }
        return errors.Count > 0 ? throw new ScenarioException(errors) : axes;
    }

    /// <summary>Parses <c>path=v1,v2,...</c>: the path is split off as in <c>--set</c>, the values at commas outside
    /// brackets, braces and quotes. Each value is YAML, as in <c>--set</c>.</summary>
    internal static bool TryParseAxis(string text, out KeyValuePair<string, IReadOnlyList<string>> axis, out ScenarioError? error)
    {
        axis = default;
        if (!ScenarioOverride.TryParse(text, out var o, out error))
        {
            error = error! with
            {
                File = Source,
                Message = error.Field.Length == 0 ? $"'{text}' is not path=value1,value2,... (e.g. unicorn.workers=4,8,12)" : error.Message,
            };
            return false;
        }
        var values = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0', previous = ',';
        string list = o.Value;
        for (int i = 0; i < list.Length && depth >= 0; i++)
        {
            char c = list[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'' when previous is ',' or '[' or '{' or ':':
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    values.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
            if (!char.IsWhiteSpace(c)) previous = c;
        }
        values.Add(list[start..].Trim());
        if (depth != 0 || quote != '\0')
        {
            error = new ScenarioError(Source, 0, 0, o.Path, $"unbalanced brackets or quotes in '{list}'");
            return false;
        }
        if (values.Any(v => v.Length == 0))
        {
            error = new ScenarioError(Source, 0, 0, o.Path, $"a value in the list '{list}' is empty");
            return false;
        }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            error = new ScenarioError(Source, 0, 0, o.Path, $"a value is listed twice in '{list}'");
            return false;
        }
        axis = new(o.Path, values);
        error = null;
        return true;
    }

    /// <summary>Applies and maps each combination; throws one <see cref="ScenarioException"/> with every distinct
    /// problem, the ones caused by a varied value naming <c>--vary</c>.</summary>
    private static List<Scenario> Prepare(ScenarioDocument document, List<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> axes)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        var fleets = FleetNames(document);
        foreach (var combination in combinations)
        {
            try
            {
                scenarios.Add(document.With(combination.Select(kv => new ScenarioOverride(kv.Key, kv.Value))).ToScenario());
            }
            catch (ScenarioException ex)
            {
                errors.AddRange(ex.Errors.Select(e => Relabel(e, axes, fleets, combination)));
            }
            if (errors.Count > ScenarioError.MaxErrors) break;
        }
        return errors.Count > 0 ? throw new ScenarioException(errors.Distinct().Take(ScenarioError.MaxErrors).ToList()) : scenarios;
    }

    /// <summary>An error of one combination: an override's error that concerns a varied path (within it, or a parent the
    /// path does not exist under) is the <c>--vary</c>'s; with several axes the message names the combination.</summary>
    private static ScenarioError Relabel(ScenarioError e, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> axes, IReadOnlyList<string> fleets,
        IReadOnlyList<KeyValuePair<string, string>> combination)
    {
        if (e.File == ScenarioDocument.OverrideSource && axes.Any(a => IsWithin(e.Field, a.Key) || IsWithin(e.Field, ByIndex(a.Key, fleets))
                || (e.Field.Length > 0 && IsWithin(a.Key, e.Field))))
            e = e with { File = Source };
        return axes.Count > 1 ? e with { Message = $"{e.Message} (combination {Label(combination)})" } : e;
    }

    /// <summary>The fleets' names of the unvaried scenario (none when it does not map), to match an error's
    /// <c>fleets[0]...</c> with a <c>--vary fleets[api]...</c>.</summary>
    private static IReadOnlyList<string> FleetNames(ScenarioDocument document)
    {
        try
        {
            return Pipelines.FleetScenarios.Names(document.ToScenario());
        }
        catch (ScenarioException)
        {
            return [];
        }
    }

    /// <summary><c>fleets[api].x</c> as <c>fleets[0].x</c> when api is the first fleet; other paths unchanged.</summary>
    private static string ByIndex(string path, IReadOnlyList<string> fleets)
    {
        const string prefix = "fleets[";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.IndexOf(']', prefix.Length) is not (> 0 and var close)) return path;
        int index = fleets.ToList().IndexOf(path[prefix.Length..close]);
        return index < 0 ? path : string.Create(CultureInfo.InvariantCulture, $"{prefix}{index}{path[close..]}");
    }

    private static bool IsWithin(string field, string path) =>
        field == path || (field.StartsWith(path, StringComparison.Ordinal) && field[path.Length] is '.' or '[');

    internal static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Combinations(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> axes)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> acc = [[]];
        foreach (var axis in axes)
        {
            var a = axis;
            acc = acc.SelectMany(prefix => a.Value.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. prefix, new(a.Key, v)]));
        }
        return acc;
    }
}
