using System.Text.Json;
using System.Text.RegularExpressions;
using DeploySim.Cli;
using DeploySim.Tests.Architecture;
using DeploySim.Tests.Cli;
using Spectre.Console;
using YamlDotNet.RepresentationModel;

namespace DeploySim.Tests.Deploy;

/// <summary>The manifests of deploy/ parse as YAML or JSON, and every deploysim command line in them is accepted by the
/// tool's own parser; the shard counts agree with the engines' array sizes.</summary>
public sealed partial class DeployManifestTests
{
    private static string DeployFile(string path) => Path.Combine(LayeringTests.RepositoryRoot(), "deploy", path);

    /// <summary>Parses <paramref name="args"/> with the tool's command tree; the scenario it names must be a shipped one.</summary>
    private static void AssertAccepted(IReadOnlyList<string> args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var parsed = Commands.Build(new CliContext(TextWriter.Null, TextWriter.Null, console, default)).Parse([.. args]);
        Assert.That(parsed.Errors.Select(e => e.Message), Is.Empty, string.Join(' ', args));
        if (args[0] != "merge")
            Assert.That(File.Exists(Path.Combine(CliRun.ScenariosDirectory, Path.GetFileName(args[1]))), Is.True, $"{args[1]} is a shipped scenario");
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(DeployFile(path))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node;
    }

    private static List<string> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];

    [Test]
    public void KubernetesIndexedJob_IsIndexedAndItsCommandIsAccepted()
    {
        var job = Yaml("kubernetes/indexed-job.yaml");
        var spec = At(job, "spec");
        Assert.That(At(spec, "completionMode").ToString(), Is.EqualTo("Indexed"));
        Assert.That(At(spec, "backoffLimitPerIndex").ToString(), Is.EqualTo("2"));
        var container = At(spec, "template", "spec", "containers", 0);
        var args = Strings(At(container, "args"));
        AssertAccepted(args);
        Assert.That(After(args, "--shards"), Is.EqualTo(At(spec, "completions").ToString()));
        Assert.That(At(spec, "parallelism").ToString(), Is.EqualTo(At(spec, "completions").ToString()));

        var merge = Strings(At(Yaml("kubernetes/merge-job.yaml"), "spec", "template", "spec", "containers", 0, "args"));
        AssertAccepted(merge);
        Assert.That(merge[1], Is.EqualTo(After(args, "--out")), "merge reads what the shards wrote");
    }

    [Test]
    public void AwsBatchJobDefinition_ParsesAndItsCommandsAreAccepted()
    {
        using var definition = JsonDocument.Parse(File.ReadAllText(DeployFile("aws-batch/job-definition.json")));
        var container = definition.RootElement.GetProperty("containerProperties");
        var args = container.GetProperty("command").EnumerateArray().Select(e => e.GetString()!).ToList();
        AssertAccepted(args);
        var shards = container.GetProperty("environment").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "DEPLOYSIM_SHARDS");
        string submit = File.ReadAllText(DeployFile("aws-batch/submit.sh"));
        Assert.That(submit, Does.Contain($"size={shards.GetProperty("value").GetString()}").Or.Contain("size=$size"));
        Assert.That(SizeVariable().Match(submit).Groups[1].Value, Is.EqualTo(shards.GetProperty("value").GetString()));

        using var overrides = JsonDocument.Parse(File.ReadAllText(DeployFile("aws-batch/merge-overrides.json")));
        var merge = overrides.RootElement.GetProperty("command").EnumerateArray().Select(e => e.GetString()!).ToList();
        AssertAccepted(merge);
        Assert.That(merge[1], Is.EqualTo(After(args, "--out")));
    }

    [Test]
    public void SlurmArrayScript_ItsCommandsAreAcceptedAndTheArrayIsConsecutive()
    {
        string script = File.ReadAllText(DeployFile("slurm/deploysim-array.sbatch"));
        var line = script.Split('\n').Single(l => l.StartsWith("srun ", StringComparison.Ordinal));
        var args = ShellWords(line.Replace("\"$SLURM_CPUS_PER_TASK\"", "2", StringComparison.Ordinal)).Skip(2).ToList();
        AssertAccepted(args);
        Assert.That(script, Does.Contain("#SBATCH --array=0-7"));

        string submit = File.ReadAllText(DeployFile("slurm/submit.sh"));
        var merge = MergeWords().Match(submit);
        Assert.That(merge.Success, Is.True, "submit.sh runs merge");
        var mergeArgs = ShellWords(merge.Groups[1].Value);
        AssertAccepted(mergeArgs);
        Assert.That(mergeArgs[1], Is.EqualTo(After(args, "--out")));
        Assert.That(submit, Does.Contain("--dependency=\"afterok:$array\""));
    }

    [Test]
    public void Dockerfile_IsMultiStageNonRootWithTheToolAsEntrypoint()
    {
        var lines = File.ReadAllLines(Path.Combine(LayeringTests.RepositoryRoot(), "Dockerfile"));
        Assert.That(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)), Does.StartWith("FROM mcr.microsoft.com/dotnet/runtime"));
        Assert.That(lines.Single(l => l.StartsWith("USER ", StringComparison.Ordinal)), Is.EqualTo("USER $APP_UID"));
        Assert.That(lines.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)), Does.Contain("deploysim"));
        Assert.That(lines, Has.Some.Contains("scripts/publish-single-file.sh"));
    }

    /// <summary>Splits a shell command line into words (single and double quotes, no expansion).</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line.Trim())
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"^size=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex SizeVariable();

    [GeneratedRegex("\\\\\"\\$DEPLOYSIM\\\\\" (merge [^\"]+)\"")]
    private static partial Regex MergeWords();
}
