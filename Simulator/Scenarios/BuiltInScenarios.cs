namespace DeploySim.Scenarios;

/// <summary>Scenarios built into the simulator, usable with no file at hand: the shipped files
/// <c>scenarios/source-article.yaml</c>, <c>scenarios/article-final-flow.yaml</c> and the appspec.yml files of the
/// source article in <c>scenarios/appspec/</c>, embedded in the assembly at build time (one copy of each text).</summary>
public static class BuiltInScenarios
{
    /// <summary>Prefix of the built-in texts' names in errors.</summary>
    public const string Prefix = "built-in:";

    /// <summary>How the source article's scenario is named in errors.</summary>
    public const string SourceArticleName = Prefix + "source-article.yaml";

    /// <summary>How the source article's final flow is named in errors.</summary>
    public const string ArticleFinalFlowName = Prefix + "article-final-flow.yaml";

    /// <summary>The source article's fleet (the scenario): 12 to 24 instances behind two target groups,
    /// OpsWorks setup, unicorn with 8 workers, an in-place OneAtATime deployment at 1 h with the setup-wait hook, a
    /// scale-out to 16 at 90 min.</summary>
    public static string SourceArticle => Text("source-article.yaml");

    /// <summary>The source article's final, working flow (the default job): the fleet of <see cref="SourceArticle"/>,
    /// with the OpsWorks wait and the second target group handled by hook scripts (deregistered before the stop,
    /// registered again once the instance serves), ELB health checks.</summary>
    public static string ArticleFinalFlow => Text("article-final-flow.yaml");

    /// <summary>The built-in files, by the relative path a scenario names them with (the appspec.yml versions).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["appspec/without-setup-wait.yml"] = Text("appspec/without-setup-wait.yml"),
        ["appspec/with-setup-wait.yml"] = Text("appspec/with-setup-wait.yml"),
        ["appspec/two-target-groups.yml"] = Text("appspec/two-target-groups.yml"),
    };

    /// <summary>The source article's scenario, parsed. Its relative paths resolve to the built-in appspec files first,
    /// then against the current directory.</summary>
    public static ScenarioDocument SourceArticleDocument() =>
        ScenarioDocument.Parse(SourceArticle, SourceArticleName, new ScenarioFiles(Directory.GetCurrentDirectory(), "", Files, Prefix));

    /// <summary>The source article's final flow, parsed (relative paths as in <see cref="SourceArticleDocument"/>).</summary>
    public static ScenarioDocument ArticleFinalFlowDocument() =>
        ScenarioDocument.Parse(ArticleFinalFlow, ArticleFinalFlowName, new ScenarioFiles(Directory.GetCurrentDirectory(), "", Files, Prefix));

    /// <summary>The source article's scenario with <c>path=value</c> overrides applied. Throws <see cref="ScenarioException"/>.</summary>
    public static Scenario LoadSourceArticle(IEnumerable<string>? overrides = null) =>
        SourceArticleDocument().With(overrides ?? []).ToScenario();

    /// <summary>An embedded shipped file's text (line endings as <c>\n</c>, as on every checkout).</summary>
    private static string Text(string relativePath)
    {
        using var stream = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream("DeploySim.Scenarios." + relativePath)
            ?? throw new InvalidOperationException($"built-in file '{relativePath}' is missing from the assembly (see Simulator.csproj)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
