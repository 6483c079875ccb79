using System.Security.Cryptography;
using System.Text.Json;
using DeploySim.Scenarios;
using DeploySim.Tests.Cli;

namespace DeploySim.Tests.Reporting;

/// <summary>report.html, scenario.resolved.yaml and the provenance of summary.json.</summary>
public sealed class SharedReportTests
{
    [Test]
    public void Run_Out_SummaryJsonEndsWithTheProvenance()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", CliRun.Small, "-n", "3", "--seed", "9", "--threads", "1", "--set", "unicorn.workers=5", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Last().Name, Is.EqualTo("provenance"));
        var p = root.GetProperty("provenance");
        Assert.That(p.GetProperty("toolVersion").GetString(), Does.Match(@"^\d+\.\d+\.\d+"));
        Assert.That(p.GetProperty("scenarioPath").GetString(), Is.EqualTo(CliRun.Small));
        Assert.That(p.GetProperty("scenarioSha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CliRun.Small)))));
        Assert.That(p.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()), Is.EqualTo(new[] { "unicorn.workers=5" }));
        Assert.That(p.GetProperty("seed").GetUInt64(), Is.EqualTo(9));
        Assert.That(p.GetProperty("replications").GetInt32(), Is.EqualTo(3));
        Assert.That(p.GetProperty("threads").GetInt32(), Is.EqualTo(1));
        Assert.That(p.GetProperty("commandLine").GetString(), Does.StartWith("deploysim run ").And.Contain("--set unicorn.workers=5"));
    }

    [Test]
    public void Run_WithAnAppspec_ProvenanceHashesTheFileRead()
    {
        using var dir = new TempDirectory();
        string scenario = Path.Combine(CliRun.ScenariosDirectory, "source-article.yaml");
        var r = CliRun.Run("run", scenario, "-n", "1", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var files = json.RootElement.GetProperty("provenance").GetProperty("files").EnumerateArray().ToList();
        Assert.That(files, Has.Count.EqualTo(1));
        string appspec = Path.Combine(CliRun.ScenariosDirectory, "appspec", "with-setup-wait.yml");
        Assert.That(files[0].GetProperty("path").GetString(), Does.EndWith("appspec/with-setup-wait.yml"));
        Assert.That(files[0].GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(appspec)))));
    }

    [Test]
    public void ResolvedScenario_RunAgain_GivesTheSameResultsAsTheRunWithOverrides()
    {
        using var dir = new TempDirectory();
        var first = CliRun.Run("run", CliRun.Small, "-n", "3", "--seed", "11", "--set", "unicorn.workers=5", "--set", "traffic.requestsPerSecond=70", "--out", dir.Path, "--json");
        Assert.That(first.ExitCode, Is.EqualTo(Exit.Ok), first.ToString());
        string resolved = dir.File("scenario.resolved.yaml");
        Assert.That(File.ReadAllText(resolved), Does.Contain("workers: 5").And.Contain("requestsPerSecond: 70").And.Contain("seed: 11"));

        var again = CliRun.Run("run", resolved, "--json");

        Assert.That(again.ExitCode, Is.EqualTo(Exit.Ok), again.ToString());
        Assert.That(again.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void ResolvedScenario_WithAnAppspec_RunsFromTheOutputFolder()
    {
        // The appspec is named relative to the scenario's folder; the resolved copy names it by its full path.
        using var dir = new TempDirectory();
        var first = CliRun.Run("run", Path.Combine(CliRun.ScenariosDirectory, "bad-revision-blue-green.yaml"), "-n", "2", "--out", dir.Path, "--json");
        Assert.That(first.ExitCode, Is.EqualTo(Exit.Ok), first.ToString());
        string resolved = dir.File("scenario.resolved.yaml");
        Assert.That(File.ReadAllText(resolved), Does.Contain(Path.Combine(CliRun.ScenariosDirectory, "appspec", "with-setup-wait.yml")));

        var again = CliRun.Run("run", resolved, "--json");

        Assert.That(again.ExitCode, Is.EqualTo(Exit.Ok), again.ToString());
        Assert.That(again.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void ResolvedScenario_OfTheBuiltInDefault_EmbedsItsAppspecAndRunsFromAnyFolder()
    {
        // The default comparison's appspec is built into the tool (no file on disk): the resolved copy embeds it.
        using var dir = new TempDirectory();
        var first = CliRun.Run("-n", "2", "--out", dir.Path, "--json");
        Assert.That(first.ExitCode, Is.EqualTo(Exit.Ok), first.ToString());
        string resolved = dir.File("scenario.resolved.yaml");
        Assert.That(File.ReadAllText(resolved), Does.Contain("appspec: # built-in appspec/two-target-groups.yml, embedded")
            .And.Contain("location: codedeploy/setup-wait.sh"));

        var again = CliRun.Run("compare", resolved, "--json");

        Assert.That(again.ExitCode, Is.EqualTo(Exit.Ok), again.ToString());
        Assert.That(again.Out, Is.EqualTo(first.Out));
    }

    [TestCaseSource(nameof(ShippedScenarios))]
    public void ShippedScenario_ResolvedYaml_IsValidAndWritesBackTheSame(string file)
    {
        var document = ScenarioDocument.Read(file);
        string yaml = document.ToYaml();
        var reread = ScenarioDocument.Parse(yaml, file, Path.GetDirectoryName(Path.GetFullPath(file))!);

        Assert.That(reread.Validate(), Is.Empty, yaml);
        Assert.That(reread.ToYaml(), Is.EqualTo(yaml));
    }

    public static IEnumerable<string> ShippedScenarios() => Directory.GetFiles(CliRun.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal);

    [Test]
    public void ReportHtml_IsSelfContained_NoScriptNoExternalReference()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("compare", CliRun.Small, "-n", "2", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        string html = File.ReadAllText(dir.File("report.html"));

        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(html, Does.Not.Match(@"(src|href)\s*=\s*""(https?:|//)"));
        Assert.That(html, Does.Not.Contain("@import"));
        Assert.That(html, Does.Contain("<svg").And.Contain("Scenario as resolved").And.Contain("Provenance").And.Contain("Failure reasons"));
        // Clip-path ids are unique within the page although every plot numbers its own from cl_0.
        var ids = System.Text.RegularExpressions.Regex.Matches(html, @"id=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Plot_SvgWithWidthAndHeightOnly_GetsAViewBoxSoThePageScalesItInsteadOfCroppingIt()
    {
        string svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"700\"><rect width=\"10\" height=\"10\"/></svg>";
        string html = new DeploySim.Reporting.Html.HtmlPage("t").Plot("p", "c", svg).Render();
        Assert.That(html, Does.Contain("width=\"1200\" height=\"700\" viewBox=\"0 0 1200 700\">"));
        Assert.That(html, Does.Not.Contain("<rect width=\"10\" height=\"10\" viewBox"), "only the root element");
    }
}
