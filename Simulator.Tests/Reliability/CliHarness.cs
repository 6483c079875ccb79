using System.Diagnostics;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace DeploySim.Tests.Reliability;

/// <summary>What one in-process run of the command line did.</summary>
internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut)
{
    public string FirstErrorLine => Stderr.Split('\n', 2)[0].TrimEnd('\r');

    public override string ToString() =>
        $"exit {ExitCode} after {Elapsed.TotalSeconds:F2} s{(TimedOut ? " (timed out)" : "")}\n  stderr: {Clip(Stderr)}\n  stdout: {Clip(Stdout)}";

    private static string Clip(string s) => s.Length <= 600 ? s.TrimEnd() : s[..600] + "...";
}

/// <summary>Runs <c>DeploySim.Cli.CommandLineTool.Run</c> in-process with
/// captured output and a time limit: the token is cancelled at the limit, and a run that does not return soon after
/// is reported as timed out (its thread is left behind).</summary>
internal static partial class CliHarness
{
    public static CliOutcome Run(TimeSpan limit, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        using var cts = new CancellationTokenSource(limit);
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => DeploySim.Cli.CommandLineTool.Run(args, stdout, stderr, console, cts.Token));
        bool done = task.Wait(limit + TimeSpan.FromSeconds(5));
        clock.Stop();
        bool timedOut = !done || cts.IsCancellationRequested;
        return new CliOutcome(done ? task.Result : -1, Text(stdout), Text(stderr), clock.Elapsed, timedOut);
    }

    private static string Text(StringWriter w) => w.ToString();

    /// <summary>Every way the outcome breaks the command line's contract for a scenario file at <paramref name="path"/>:
    /// exit 0, or exit 1 with a first stderr line <c>file:line:column: ...</c> or <c>file: ...</c>; in time; never a stack
    /// trace, an internal error or an unexpected exception.</summary>
    public static IEnumerable<string> Problems(CliOutcome o, string path)
    {
        if (o.TimedOut) yield return $"did not finish within its time limit ({o.Elapsed.TotalSeconds:F1} s)";
        if (o.ExitCode is not (0 or 1)) yield return $"exit code {o.ExitCode}";
        if (o.Stderr.Contains("   at ", StringComparison.Ordinal) || o.Stdout.Contains("   at ", StringComparison.Ordinal)) yield return "a stack trace was printed";
        if (o.Stderr.Contains("internal error", StringComparison.OrdinalIgnoreCase)) yield return "the loader reported an internal error (an unexpected exception it caught)";
        if (o.Stderr.Contains("the simulation failed", StringComparison.Ordinal)) yield return "an unexpected exception reached the command line";
        if (o.ExitCode == 1)
        {
            var m = ErrorLine().Match(o.FirstErrorLine);
            if (!m.Success) yield return $"first stderr line is not 'file:line:column: ...' or 'file: ...': '{o.FirstErrorLine}'";
            // "--set" is the source of errors in overrides (the corpus runs with --set horizon=2h; on a document that
            // is not a mapping the override is what fails first).
            else if (!m.Groups["file"].Value.StartsWith(Path.GetDirectoryName(path)!, StringComparison.Ordinal) && m.Groups["file"].Value != "--set")
                yield return $"the error names '{m.Groups["file"].Value}', not a file beside '{path}'";
        }
    }

    [GeneratedRegex(@"^(?<file>[^:]+)(:(?<line>[0-9]+):(?<column>[0-9]+))?: \S")]
    private static partial Regex ErrorLine();
}
