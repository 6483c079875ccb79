using System.CommandLine;
using DeploySim.Scenarios;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>The <c>deploysim</c> command line: parses, dispatches to a command, and maps failures to exit codes
/// (0 success, 1 invalid scenario or failed simulation, 2 usage error, 130 interrupted). No stack trace reaches the user.</summary>
public static class App
{
    public const int Ok = 0, Invalid = 1, Usage = 2, Interrupted = 130;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, AnsiConsole.Console, CancelOnCtrlC());

    /// <summary>Runs the command line with the given output streams (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, IAnsiConsole console, CancellationToken cancellation = default)
    {
        var context = new CliContext(stdout, stderr, console, cancellation);
        var root = Commands.Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"deploysim: {error.Message}");
            stderr.WriteLine("Run 'deploysim --help' for usage.");
            return Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (ScenarioException ex)
        {
            foreach (var e in ex.Errors) stderr.WriteLine(e.ToString());
            return Invalid;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"deploysim: {ex.Message}");
            stderr.WriteLine("Run 'deploysim --help' for usage.");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("deploysim: interrupted; no output was left half-written");
            return Interrupted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"deploysim: {ex.Message}");
            return Invalid;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"deploysim: the simulation failed: {ex.GetType().Name}: {ex.Message}");
            return Invalid;
        }
    }

    private static CancellationToken CancelOnCtrlC()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts.Token;
    }
}

/// <summary>What every command writes to and listens to.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IAnsiConsole Console, CancellationToken Cancellation);

/// <summary>A command line that parsed but does not make sense (a bad --vary list, an unknown strategy).</summary>
public sealed class UsageException(string message) : Exception(message);
