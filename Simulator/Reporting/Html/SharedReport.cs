using System.Globalization;
using System.Text.Json.Nodes;
using DeploySim.Metrics;

namespace DeploySim.Reporting.Html;

/// <summary>The files of an <c>--out</c> directory meant to be shared: <c>scenario.resolved.yaml</c> and
/// <c>report.html</c> (the question, the scenario as resolved, the tables, every plot written, the failure reasons and
/// the provenance), and the <c>provenance</c> key of <c>summary.json</c>.</summary>
internal static class SharedReport
{
    public const string FileName = "report.html";
    public const string ResolvedScenarioFile = "scenario.resolved.yaml";

    /// <summary>One configuration's outcomes, for the failure reasons; <paramref name="Results"/> is null when the
    /// replications were not kept.</summary>
    public sealed record Outcomes(string Label, RunSummary Summary, IReadOnlyList<ReplicationResult>? Results);

    /// <summary>Writes <c>scenario.resolved.yaml</c> and <c>report.html</c> into <paramref name="dir"/>; returns
    /// their paths. <paramref name="written"/> are the files written so far: every SVG among them is drawn.</summary>
    public static IReadOnlyList<string> Write(string dir, ReportContext context, string title, string question,
        TextReport tables, IReadOnlyList<Outcomes> outcomes, IReadOnlyList<string> written)
    {
        var yamlPath = Path.Combine(dir, ResolvedScenarioFile);
        AtomicFile.WriteAllText(yamlPath, context.ResolvedYaml);

        var page = new HtmlPage(title).Paragraph(question, "question");
        page.Heading("Results");
        foreach (var block in tables.Blocks)
        {
            switch (block)
            {
                case TextReport.Heading h: page.Paragraph(h.Text, "note"); break;
                case TextReport.Line l: page.Paragraph(l.Text); break;
                case TextReport.Table t: page.Table(null, t.Value.Headers, t.Value.Rows); break;
            }
        }
        page.Heading("Plots");
        string root = Path.GetFullPath(dir);
        foreach (var svg in written.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            string name = Path.GetRelativePath(root, Path.GetFullPath(svg)).Replace('\\', '/')[..^4];
            page.Plot(name, PlotCaptions.For(name), File.ReadAllText(svg));
        }
        if (page.PlotNames.Count == 0) page.Paragraph("No plot was drawn for this run (no replication's trace was kept).", "note");
        page.Heading("Failure reasons");
        FailureReasons(page, outcomes);
        page.Heading("Scenario as resolved");
        page.Paragraph($"{context.Provenance.Scenario.Path} with every override applied (also in {ResolvedScenarioFile}); relative paths resolve against the scenario's folder.", "note");
        page.Preformatted(context.ResolvedYaml);
        page.Heading("Provenance");
        Provenance(page, context.Provenance);

        var htmlPath = Path.Combine(dir, FileName);
        AtomicFile.WriteAllText(htmlPath, page.Render());
        return [yamlPath, htmlPath];
    }

    /// <summary><paramref name="json"/> (a summary.json object) with <c>provenance</c> as its last key.</summary>
    public static string WithProvenance(string json, ReportContext? context)
    {
        if (context is null) return json;
        var node = JsonNode.Parse(json)!.AsObject();
        node["provenance"] = context.Provenance.ToJson();
        var options = new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return node.ToJsonString(options) + "\n";
    }

    /// <summary>Per configuration: how many replications ended how, and what went wrong in them.</summary>
    private static void FailureReasons(HtmlPage page, IReadOnlyList<Outcomes> outcomes)
    {
        var headers = new List<string> { "reason" };
        headers.AddRange(outcomes.Select(o => o.Label));
        var rows = new List<IReadOnlyList<string>>();
        void Row(string reason, Func<Outcomes, long?> count)
        {
            var cells = outcomes.Select(o => count(o) is { } n ? n.ToString("#,0", CultureInfo.InvariantCulture) : "").ToList();
            rows.Add([reason, .. cells]);
        }
        Row("replications", o => o.Summary.Replications);
        Row("succeeded", o => o.Summary.Outcome.Succeeded);
        Row("deployment failed", o => o.Summary.Outcome.Failed);
        Row("deployment stopped", o => o.Summary.Outcome.Stopped);
        Row("rolled back", o => o.Summary.Outcome.RolledBack);
        Row("unfinished at the horizon", o => o.Summary.Outcome.Unfinished);
        Row("with an OOM kill", o => o.Results?.Count(r => r.OomKills > 0));
        Row("with an abandoned launch", o => o.Results?.Count(r => r.AbandonedLaunches > 0));
        Row("with unserved requests", o => o.Results?.Count(r => r.UnservedRequests > 0));
        Row("with failed requests", o => o.Results?.Count(r => r.FailedRequests > 0));
        Row("stopped at the event budget", o => o.Results?.Count(r => r.StopReason == Engine.StopReason.Budget));
        page.Table("Replications by outcome and by what went wrong in them (a replication can count in several rows; empty: not kept)", headers, rows);
    }

    private static void Provenance(HtmlPage page, Provenance p)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "tool version", p.ToolVersion },
            new[] { "command line", p.CommandText },
            new[] { "scenario", p.Scenario.Path },
            new[] { "scenario SHA-256", p.Scenario.Sha256 },
        };
        foreach (var f in p.Files) rows.Add([$"read: {f.Path}", f.Sha256]);
        rows.Add(["overrides", p.Overrides.Count == 0 ? "none" : string.Join("; ", p.Overrides)]);
        rows.Add(["seed", p.Seed.ToString(CultureInfo.InvariantCulture)]);
        rows.Add(["replications", p.Replications.ToString(CultureInfo.InvariantCulture)]);
        rows.Add(["threads", p.Threads == 0 ? "all cores (results do not depend on it)" : p.Threads.ToString(CultureInfo.InvariantCulture)]);
        page.Table(null, ["", ""], rows);
    }
}
