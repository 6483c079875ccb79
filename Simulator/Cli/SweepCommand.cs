using System.CommandLine;
using DeploySim.Metrics;
using DeploySim.Reporting;
using DeploySim.Scenarios;
using DeploySim.World;

namespace DeploySim.Cli;

/// <summary><c>deploysim sweep FILE --vary path=v1,v2 [--vary ...]</c>: every combination of the listed values, one row each.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "Scenario file (YAML)" };
        var vary = new Option<string[]>("--vary") { Description = "A field path and the values to try, e.g. --vary targetGroups[0].healthCheck.interval=5s,10s,30s (repeatable: every combination runs)", Required = true };
        var options = new CommonOptions();
        var command = new Command("sweep", "Run every combination of the varied values.\n\nExamples:\n  deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,10s,30s\n  deploysim sweep scenarios/source-article.yaml --vary targetGroups[0].healthCheck.interval=5s,30s --vary targetGroups[0].healthCheck.healthyThreshold=2,5,10 --out out/") { file, vary };
        options.AddTo(command);
        command.SetAction(p =>
        {
            var axes = (p.GetValue(vary) ?? []).Select(ParseAxis).ToList();
            bool json = p.GetValue(options.Json);
            var rows = new List<SweepRow>();
            foreach (var combination in Combinations(axes))
            {
                var overrides = combination.Select(kv => $"{kv.Key}={kv.Value}").ToList();
                var scenario = options.Load(p, p.GetValue(file), overrides);
                string label = string.Join(", ", overrides);
                var run = Progress.Run(ctx, json, scenario.Replications, label, done => ScenarioRunner.Run(scenario, p.GetValue(options.Threads), done, ctx.Cancellation));
                rows.Add(new SweepRow(combination, run.Summary));
            }
            if (p.GetValue(options.Out) is { } dir) ReportWriter.WriteSweep(dir.FullName, rows);
            if (json) ctx.Out.WriteLine(JsonReport.Sweep(rows));
            else ConsoleTables.Sweep(ctx.Console, rows);
            return App.Ok;
        });
        return command;
    }

    /// <summary>Parses <c>path=v1,v2,...</c>; commas inside brackets or braces do not split.</summary>
    internal static KeyValuePair<string, IReadOnlyList<string>> ParseAxis(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw Bad(text, "expected path=value1,value2,..., e.g. targetGroups[0].healthCheck.interval=5s,10s");
        string path = text[..eq].Trim();
        var values = new List<string>();
        int depth = 0, start = eq + 1;
        for (int i = start; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                string v = text[start..i].Trim();
                if (v.Length == 0) throw Bad(text, "a value in the list is empty");
                values.Add(v);
                start = i + 1;
            }
            else if (text[i] is '[' or '{') depth++;
            else if (text[i] is ']' or '}') depth--;
        }
        return new(path, values);
    }

    private static ScenarioException Bad(string text, string message) => new(new ScenarioError("--vary", 0, 0, text, message));

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
