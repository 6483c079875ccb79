using System.CommandLine;
using DeploySim.Scenarios;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>The <c>deploysim</c> command line: parses, dispatches to a command, and maps failures to exit codes
/// (0 success, 1 invalid scenario or failed simulation, 2 usage error, 130 interrupted). Results go to stdout, errors to
/// stderr, and no stack trace reaches the user.</summary>
/// <remarks>A deployment that fails inside the simulation is a result, not an error: the run exits 0.</remarks>
public static class CommandLineTool
{
    public const int Ok = 0, Invalid = 1, Usage = 2, Interrupted = 130;

    /// <summary>The process entry: the real console, Ctrl+C cancels the run (a second Ctrl+C ends the process).</summary>
    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            if (cancel.IsCancellationRequested) return;     // second Ctrl+C: let the process end
            e.Cancel = true;
            cancel.Cancel();
        }
        Console.CancelKeyPress += OnCancelKey;
        try
        {
            return Run(args, Console.Out, Console.Error, new LazyConsole(StdoutConsole), cancel.Token,
                tables: Console.IsOutputRedirected ? Reporting.TableFormat.Plain : Reporting.TableFormat.Boxed);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
        }
    }

    /// <summary>Spectre's console on stdout. Piped or redirected, it would wrap tables at 80 columns: use $COLUMNS, or 160.</summary>
    private static IAnsiConsole StdoutConsole()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns is >= 40 and <= 1000
                ? columns
                : 160;
        }
        return console;
    }

    /// <summary>Runs the command line with the given output streams (tests call this in-process). <paramref name="console"/>
    /// is where tables and the live progress bar go: it should write to <paramref name="stdout"/>.</summary>
    /// <remarks>The environment (the batch engines' shard variables) is read through <paramref name="environment"/>;
    /// the process's own when null.</remarks>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, IAnsiConsole console, CancellationToken cancellation = default,
        Func<string, string?>? environment = null, Reporting.TableFormat tables = Reporting.TableFormat.Boxed)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr, console, cancellation)
        {
            Args = args,
            Environment = environment ?? System.Environment.GetEnvironmentVariable,
            Tables = tables,
        };
        try
        {
            var root = Commands.Build(context);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0) return UsageError(stderr, parsed, ParseErrors.Describe(parsed));
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return Fail(context, Unwrap(ex));
        }
    }

    private static int Fail(CliContext ctx, Exception ex)
    {
        var stderr = ctx.Error;
        switch (ex)
        {
            case ScenarioException s when s.Errors.Count > 0 && s.Errors.All(e => e.Line == 0 && e.File.StartsWith("--", StringComparison.Ordinal)):
                // Every problem is in an option's value (--set, --vary, --instance-memory): a usage error.
                foreach (var e in s.Errors) stderr.WriteLine($"deploysim: {e}");
                stderr.WriteLine($"Run '{CommandPath(ctx)} --help' for usage.");
                return Usage;
            case ScenarioException s:
                foreach (var e in s.Errors) stderr.WriteLine(e.ToString());
                return Invalid;
            case UsageException u:
                stderr.WriteLine($"deploysim: {u.Message}");
                stderr.WriteLine($"Run '{u.CommandPath ?? "deploysim"} --help' for usage.");
                return Usage;
            case DeploySim.Sharding.ShardException sh:
                stderr.WriteLine($"deploysim: {sh.Message}");
                return Invalid;
            case DeploySim.Model.InvariantViolationException v:
                stderr.WriteLine($"deploysim: {v.Message}");
                return Invalid;
            case OperationCanceledException:
                stderr.WriteLine("deploysim: interrupted; no output was left half-written");
                return Interrupted;
            case IOException or UnauthorizedAccessException:
                stderr.WriteLine($"deploysim: cannot write the output: {FirstLine(ex.Message)}");
                return Invalid;
            default:
                stderr.WriteLine($"deploysim: the simulation failed: {ex.GetType().Name}: {FirstLine(ex.Message)}");
                return Invalid;
        }
    }

    /// <summary><c>deploysim run</c>: the command named by the arguments (the first that is a command name).</summary>
    private static string CommandPath(CliContext ctx) =>
        ctx.Args.FirstOrDefault(a => a is "validate" or "run" or "compare" or "sweep" or "plan" or "import" or "fit" or "replay") is { } c ? "deploysim " + c : "deploysim";

    private static int UsageError(TextWriter stderr, ParseResult parsed, IReadOnlyList<string> messages)
    {
        foreach (var m in messages) stderr.WriteLine($"deploysim: {m}");
        stderr.WriteLine($"Run '{ParseErrors.CommandPath(parsed)} --help' for usage.");
        return Usage;
    }

    /// <summary>The exception that says what happened: a task's or a worker's, not its wrapper.</summary>
    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException a when a.InnerExceptions.Count > 0:
                    var flat = a.Flatten().InnerExceptions;
                    ex = flat.FirstOrDefault(e => e is OperationCanceledException) ?? flat[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    continue;
                default:
                    return ex;
            }
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}

/// <summary>What every command writes to and listens to.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IAnsiConsole Console, CancellationToken Cancellation)
{
    /// <summary>The arguments after <c>deploysim</c>, for the provenance of reports.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    /// <summary>Reads an environment variable: the batch engines' shard index and count.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Set by <c>merge</c>: the commands take each point's replications from the shards instead of simulating.</summary>
    public DeploySim.Sharding.MergedResults? Merge { get; init; }

    /// <summary>How tables print unless --format says otherwise.</summary>
    public Reporting.TableFormat Tables { get; init; } = Reporting.TableFormat.Boxed;

    /// <summary>Above this many replications, <c>run</c> streams results to disk instead of keeping them in memory:
    /// 20,000 unless the environment sets <c>DEPLOYSIM_STREAM_ABOVE</c> (tests lower it to exercise streaming).</summary>
    public int StreamAbove => int.TryParse(Environment("DEPLOYSIM_STREAM_ABOVE"), out int n) && n > 0 ? n : 20_000;
}

/// <summary>A command line that parsed but does not make sense (e.g. an empty --strategies list).</summary>
public sealed class UsageException(string message, string? commandPath = null) : Exception(message)
{
    /// <summary>The command whose help to point at, e.g. <c>deploysim compare</c>; null for the root.</summary>
    public string? CommandPath { get; } = commandPath;
}
