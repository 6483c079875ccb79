using System.Text.Json;
using DeploySim.Pipelines;
using DeploySim.Reporting;
using DeploySim.Tests.Reporting;
using Spectre.Console;
using static DeploySim.Tests.Scenarios.ScenarioTestSupport;
using DeploySim.Running;

namespace DeploySim.Tests.Pipelines;

/// <summary>What a pipeline run reports: the JSON additions, the CSV files, the pipeline plot, the --out file set, the
/// console tables, and the run and compare commands.</summary>
public sealed class PipelineReportTests
{
    private static readonly Lazy<ScenarioRun> s_run = new(() => Runner.Run(Load(PipelineRunnerTests.TwoFleets)));

    private static IAnsiConsole Console(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return console;
    }

    [Test]
    public void PipelineRunJson_HasMergeToLiveFirst_StagesCriticalPathAndFleets()
    {
        using var doc = JsonDocument.Parse(JsonReport.PipelineRun(s_run.Value));
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "scenario", "strategy", "seed", "replications", "outcome", "metrics", "stages", "criticalPath", "fleets" }));
            Assert.That(root.GetProperty("metrics").EnumerateObject().Take(2).Select(p => p.Name), Is.EqualTo(new[] { "successRate", "mergeToLiveSeconds" }));
            Assert.That(root.GetProperty("metrics").GetProperty("mergeToLiveSeconds").EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "mean", "p50", "p90", "p99", "min", "max" }));
            Assert.That(root.GetProperty("metrics").TryGetProperty("peakBacklog", out _), Is.True, "a worker fleet");
            var stages = root.GetProperty("stages");
            Assert.That(stages.EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "Source", "Deploy", "After" }));
            var deploy = stages[1].GetProperty("actions")[0];
            Assert.That(deploy.GetProperty("kind").GetString(), Is.EqualTo("deploy"));
            Assert.That(deploy.GetProperty("fleet").GetString(), Is.EqualTo("api"));
            Assert.That(deploy.GetProperty("succeeded").GetInt32(), Is.EqualTo(4));
            Assert.That(stages[0].GetProperty("actions")[1].GetProperty("durationSeconds").GetProperty("max").GetDouble(), Is.EqualTo(60));
            Assert.That(stages[0].GetProperty("actions")[1].GetProperty("fleet").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var critical = root.GetProperty("criticalPath");
            Assert.That(critical.GetProperty("fleet").GetString(), Is.EqualTo("api"));
            Assert.That(critical.GetProperty("counts").GetProperty("api").GetInt32(), Is.EqualTo(4));
            Assert.That(critical.GetProperty("counts").GetProperty("workers").GetInt32(), Is.Zero);
            var fleets = root.GetProperty("fleets");
            Assert.That(fleets.EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("kind").GetString())),
                Is.EqualTo(new[] { ("api", "web"), ("workers", "worker") }));
            Assert.That(fleets[1].GetProperty("metrics").TryGetProperty("peakBacklog", out _), Is.True);
            Assert.That(fleets[0].GetProperty("metrics").TryGetProperty("peakBacklog", out _), Is.False);
            Assert.That(fleets[0].GetProperty("outcome").GetProperty("succeeded").GetInt32(), Is.EqualTo(4));
        });
    }

    [Test]
    public void PipelineRunJson_CombinesTheFleets()
    {
        var run = s_run.Value;
        var m = run.Summary;
        Assert.Multiple(() =>
        {
            Assert.That(m["peakInstances"].Mean, Is.EqualTo(run.Fleets.Sum(f => f.Summary["peakInstances"].Mean)).Within(1e-9), "sums");
            Assert.That(m["rolloutSeconds"].Mean, Is.EqualTo(run.ReplicationRuns.Average(r => r.Fleets.Max(f => f.RolloutSeconds))).Within(1e-9), "max");
            Assert.That(m["minServingCapacityPct"].Min, Is.EqualTo(run.Fleets.Min(f => f.Summary["minServingCapacityPct"].Min)).Within(1e-9), "min");
            Assert.That(m.Outcome.Succeeded, Is.EqualTo(4));
        });
    }

    [Test]
    public void PipelineCsv_ListsEveryActionOfEveryReplication_AndStageStatistics()
    {
        var run = s_run.Value;
        using var actions = new MemoryStream();
        PipelineCsv.Actions(actions, run);
        var lines = System.Text.Encoding.UTF8.GetString(actions.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var stages = new MemoryStream();
        PipelineCsv.Stages(stages, run);
        var stageLines = System.Text.Encoding.UTF8.GetString(stages.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("replication,stage,action,kind,fleet,status,outcome,startSeconds,endSeconds,durationSeconds"));
            Assert.That(lines, Has.Length.EqualTo(1 + 4 * 5));
            Assert.That(lines[1], Is.EqualTo("0,Source,ci,source,,succeeded,,1800,2100,300"));
            Assert.That(lines[3], Does.StartWith("0,Deploy,deploy-api,deploy,api,succeeded,succeeded,2100,"));
            Assert.That(stageLines[0], Is.EqualTo("stage,action,kind,fleet,ran,succeeded,failed,unfinished,notRun,mean,p50,p90,p99,min,max"));
            Assert.That(stageLines[1], Is.EqualTo("Source,,,,4,4,0,0,0,300,300,300,300,300,300"));
            Assert.That(stageLines, Has.Length.EqualTo(1 + 3 + 5));
        });
    }

    [Test]
    public void WritePipelineRun_WritesCombinedFilesThePipelineAndEachFleetsSet_SummaryJsonLast()
    {
        using var dir = new TempDirectory();
        var files = ReportWriter.WritePipelineRun(dir.Path, s_run.Value).Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files, Is.SupersetOf(new[]
            {
                "summary.csv", "replications.csv", "pipeline.csv", "stages.csv", "pipeline.png", "pipeline.svg",
                "fleets/api/summary.json", "fleets/api/timeline.png", "fleets/workers/capacity.svg", "summary.json",
            }));
            Assert.That(files[^1], Is.EqualTo("summary.json"));
            Assert.That(new FileInfo(dir.File("pipeline.png")).Length, Is.GreaterThan(10_000));
            Assert.That(File.ReadAllText(dir.File("pipeline.svg")), Does.Contain("deploy-api"));
        });
    }

    [Test]
    public void ConsoleTables_PipelineRun_ShowsStagesCriticalPathAndFleets()
    {
        var writer = new StringWriter();
        ConsoleTables.PipelineRun(Console(writer), s_run.Value);
        var text = writer.ToString();
        Assert.That(text, Does.Contain("merge to live (s)").And.Contain("deploy-workers").And.Contain("critical path: api (api 4, workers 0; stopped 0)"));
        Assert.That(text, Does.Contain("workers").And.Contain("worker"));
    }

    [Test]
    public void DirectoryName_KeepsSafeNames_ReplacesTheRest()
    {
        Assert.That(ReportWriter.DirectoryName("api-1_x"), Is.EqualTo("api-1_x"));
        Assert.That(ReportWriter.DirectoryName("a/b c"), Is.EqualTo("a_b_c"));
        Assert.That(ReportWriter.DirectoryName(".."), Is.EqualTo("fleet"));
    }

    [Test]
    public void RunCommand_PipelineScenario_PrintsThePipelineJson()
    {
        using var dir = new TempDirectory();
        var path = dir.File("two-fleets.yaml");
        File.WriteAllText(path, PipelineRunnerTests.TwoFleets);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = DeploySim.Cli.CommandLineTool.Run(["run", path, "--json", "-n", "2", "--out", dir.File("out")], stdout, stderr, Console(new StringWriter()));
        Assert.That(code, Is.Zero, stderr.ToString());
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("replications").GetInt32(), Is.EqualTo(2));
            Assert.That(doc.RootElement.GetProperty("criticalPath").GetProperty("fleet").GetString(), Is.EqualTo("api"));
            Assert.That(File.Exists(Path.Combine(dir.File("out"), "fleets", "workers", "summary.json")), Is.True);
        });
    }

    [Test]
    public void CompareCommand_PipelineScenario_AppliesEachStrategyToTheWebFleet()
    {
        using var dir = new TempDirectory();
        var path = dir.File("two-fleets.yaml");
        File.WriteAllText(path, PipelineRunnerTests.TwoFleets);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = DeploySim.Cli.CommandLineTool.Run(["compare", path, "--json", "-n", "2", "--strategies", "in-place,graceful-restart"], stdout, stderr, Console(new StringWriter()));
        Assert.That(code, Is.Zero, stderr.ToString());
        using var doc = JsonDocument.Parse(stdout.ToString());
        var results = doc.RootElement.GetProperty("results");
        Assert.Multiple(() =>
        {
            Assert.That(results.EnumerateArray().Select(r => r.GetProperty("strategy").GetString()), Is.EqualTo(new[] { "in-place", "graceful-restart" }));
            Assert.That(results[1].GetProperty("fleets").EnumerateArray().Select(f => f.GetProperty("strategy").GetString()),
                Is.EqualTo(new[] { "graceful-restart", "in-place" }), "workers stay in place");
            Assert.That(results[1].GetProperty("metrics").TryGetProperty("mergeToLiveSeconds", out _), Is.True);
        });
    }
}
