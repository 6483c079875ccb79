using System.Text.Json;
using DeploySim.Cli;
using DeploySim.Tests.Architecture;
using Spectre.Console;

namespace DeploySim.Tests.Cli;

/// <summary>What one in-process run of the command line gave.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>stdout parsed as exactly one JSON document (JsonDocument refuses trailing content).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>deploysim</c> in-process through <c>CommandLineTool.Run(args, stdout, stderr, console, token)</c>
/// with captured stdout and stderr and a plain, non-interactive Spectre console on stdout.</summary>
internal static class CliRun
{
    public static string Fixture(string name) => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Cli", "Fixtures", name);

    public static string Small => Fixture("small.yaml");

    public static string Broken => Fixture("broken.yaml");

    public static string ScenariosDirectory => Path.Combine(LayeringTests.RepositoryRoot(), "scenarios");

    public static CliResult Run(params string[] args) => Run(CancellationToken.None, args);

    public static CliResult Run(CancellationToken cancellation, params string[] args) => Run(cancellation, _ => null, args);

    /// <summary>Runs with the given environment variables (and no others) visible to the command line.</summary>
    public static CliResult RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(CancellationToken.None, name => environment.GetValueOrDefault(name), args);

    private static CliResult Run(CancellationToken cancellation, Func<string, string?> environment, string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        int code = DeploySim.Cli.CommandLineTool.Run(args, stdout, stderr, console, cancellation, environment);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>The exit codes of <c>Cli.CommandLineTool</c>.</summary>
internal static class Exit
{
    public const int Ok = DeploySim.Cli.CommandLineTool.Ok;
    public const int Invalid = DeploySim.Cli.CommandLineTool.Invalid;
    public const int Usage = DeploySim.Cli.CommandLineTool.Usage;
    public const int Interrupted = DeploySim.Cli.CommandLineTool.Interrupted;
}
