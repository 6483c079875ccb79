using System.Text.RegularExpressions;

namespace DeploySim.Tests.Architecture;

/// <summary>The one-way layers, read from the sources: Engine ← model (World and its components: Cloud, App,
/// Strategies) ← running (Running, Pipelines, Planning) ← Metrics ← Reporting ← Cli. One test per rule; each offence is listed
/// as file:line with what to do instead (after ScottPlot's ForbiddenCodeTests).</summary>
public sealed partial class LayerRulesTests
{
    private static readonly string[] s_model = ["Model", "Cloud", "App", "Strategies"];
    private static readonly string[] s_running = ["Running", "Pipelines", "Planning"];
    private static readonly string[] s_presentation = ["Reporting", "Cli"];

    [Test]
    public void Model_NamesNoReportingCliOrImport() =>
        AssertNone(s_model, NamespaceRef("Reporting", "Cli", "Import"),
            "the model produces results and observations; Reporting and Cli present them and Import reads AWS outputs: pass what the model needs in through Scenario records");

    [Test]
    public void Model_NamesNoRunner() =>
        AssertNone(s_model, NamespaceRef("Running", "Pipelines", "Planning"),
            "runners drive worlds, never the reverse: give the world what it needs through World.Reset");

    [Test]
    public void Running_NamesNoReportingOrCli() =>
        AssertNone(s_running, NamespaceRef("Reporting", "Cli"),
            "runners return results; let Reporting or Cli format and write them");

    [Test]
    public void Metrics_NameNoReportingOrCli() =>
        AssertNone(["Metrics"], NamespaceRef("Reporting", "Cli"),
            "metrics summarise results; formatting belongs in Reporting");

    [Test]
    public void Reporting_NamesNoCli() =>
        AssertNone(["Reporting"], NamespaceRef("Cli"),
            "Cli calls Reporting: pass the options Reporting needs as parameters");

    [Test]
    public void OnlyReportingAndCli_ReferenceScottPlotOrSpectreConsole() =>
        AssertNone(AllFoldersExcept(s_presentation), PresentationLibrary(),
            "plots and console tables live in Reporting (or in the command in Cli)");

    [Test]
    public void OnlyReportingAndCli_WriteFiles() =>
        // Sharding (merged from main late) writes shard rows and manifests: an output stage of its own, allowed for now.
        AssertNone(AllFoldersExcept([.. s_presentation, "Sharding"]), FileWrite(),
            "return the text or bytes and write them from Reporting (AtomicFile) or the command");

    [Test]
    public void Cli_RunsEveryScenarioThroughTheOneRunner() =>
        AssertNone(["Cli"], CliRunnerChoice(),
            "run the scenario with Running.Runner (through RunnerWithProgress) whatever its shape; let Reporting choose the pipeline sections (ScenarioRunReport)");

    [GeneratedRegex(@"\bScenarioRunner\b|\bPipelineStages\b|\bNamedFleets\b|\.Pipeline\s+is\b|\bnew\s+(Model\.)?World\b")]
    private static partial Regex CliRunnerChoice();

    private static Regex NamespaceRef(params string[] layers) =>
        new($@"\bDeploySim\.({string.Join('|', layers)})\b|^\s*using\s+DeploySim\.({string.Join('|', layers)})\s*;");

    [GeneratedRegex(@"\b(ScottPlot|Spectre\.Console)\b")]
    private static partial Regex PresentationLibrary();

    [GeneratedRegex(@"\bFile\.(Write\w*|Create\w*|AppendAll\w*|Move|Copy|Replace)\(|\bnew\s+(StreamWriter|FileStream)\(|\bDirectory\.CreateDirectory\(|\bAtomicFile\.")]
    private static partial Regex FileWrite();

    private static string[] AllFoldersExcept(string[] allowed) =>
        Directory.EnumerateDirectories(SourceRoot()).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj") && !allowed.Contains(d)).ToArray()!;

    private static string SourceRoot() => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator");

    /// <summary>Every line under the folders that matches <paramref name="forbidden"/> (comments skipped), as
    /// file:line: text: what to do instead.</summary>
    private static void AssertNone(IEnumerable<string> folders, Regex forbidden, string instead)
    {
        var offences = new List<string>();
        foreach (var folder in folders)
        {
            var dir = Path.Combine(SourceRoot(), folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                int n = 0;
                foreach (var line in File.ReadLines(file))
                {
                    n++;
                    var code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                    if (forbidden.IsMatch(code))
                        offences.Add($"{Path.GetRelativePath(LayeringTests.RepositoryRoot(), file)}:{n}: {code} -- {instead}");
                }
            }
        }
        Assert.That(offences, Is.Empty, string.Join(Environment.NewLine, offences));
    }
}
