using DeploySim.Cli;
using Spectre.Console;

namespace DeploySim.Tests.Cli;

/// <summary>Progress reporting: plain lines on stderr when not on a terminal, a live bar on one, nothing when quiet.</summary>
public sealed class RunProgressTests
{
    private sealed class TerminalOutput(TextWriter writer) : IAnsiConsoleOutput
    {
        public TextWriter Writer { get; } = writer;
        public bool IsTerminal => true;
        public int Width => 100;
        public int Height => 40;

        public void SetEncoding(System.Text.Encoding encoding)
        {
        }
    }

    private static (CliContext Context, StringWriter Out, StringWriter Error) Context(bool terminal, CancellationToken cancellation = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = terminal ? new TerminalOutput(stdout) : new AnsiConsoleOutput(stdout),
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        return (new CliContext(stdout, stderr, console, cancellation), stdout, stderr);
    }

    private static int VerySlowWork(ProgressState state)
    {
        for (int i = 0; i < 4; i++)
        {
            Thread.Sleep(300);
            state.Advance();
        }
        return 42;
    }

    private static int SlowWork(ProgressState state)
    {
        for (int i = 0; i < 4; i++)
        {
            Thread.Sleep(40);
            state.Advance();
        }
        return 42;
    }

    [Test]
    public void Run_NotATerminal_PrintsPlainLinesOnStderrOnly()
    {
        var (ctx, stdout, stderr) = Context(terminal: false);

        int result = RunProgress.Run(ctx, quiet: false, 4, "small-fleet", SlowWork, TimeSpan.Zero, TimeSpan.FromMilliseconds(30));

        Assert.That(result, Is.EqualTo(42));
        Assert.That(stdout.ToString(), Is.Empty);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines, Has.All.Match(@"^deploysim: small-fleet: \d/4 done"));
    }

    [Test]
    public void Run_Terminal_DrawsALiveBarOnTheConsole()
    {
        var (ctx, stdout, stderr) = Context(terminal: true);

        // Spectre refreshes the live display every 100 ms: work of about 1.2 s leaves it time to draw even on a loaded machine.
        int result = RunProgress.Run(ctx, quiet: false, 4, "small-fleet", VerySlowWork, TimeSpan.Zero, TimeSpan.FromMilliseconds(30));

        Assert.That(result, Is.EqualTo(42));
        Assert.That(stdout.ToString(), Does.Contain("small-fleet: "));
        Assert.That(stderr.ToString(), Is.Empty);
    }

    [TestCase(true, TestName = "Run_Quiet_PrintsNothingEvenWhenSlow")]
    public void Run_Quiet_PrintsNothing(bool terminal)
    {
        var (ctx, stdout, stderr) = Context(terminal);

        RunProgress.Run(ctx, quiet: true, 4, "small-fleet", SlowWork, TimeSpan.Zero, TimeSpan.FromMilliseconds(30));

        Assert.That(stdout.ToString() + stderr.ToString(), Is.Empty);
    }

    [Test]
    public void Run_FastWork_PrintsNothing()
    {
        var (ctx, stdout, stderr) = Context(terminal: false);

        RunProgress.Run(ctx, quiet: false, 1, "fast", s => 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        Assert.That(stdout.ToString() + stderr.ToString(), Is.Empty);
    }

    [Test]
    public void Run_WorkThrows_RethrowsTheSameExceptionNotAWrapper()
    {
        var (ctx, _, _) = Context(terminal: false);

        Assert.Throws<InvalidOperationException>(() =>
            RunProgress.Run<int>(ctx, quiet: false, 1, "x", _ => throw new InvalidOperationException("boom"), TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));
    }

    [Test]
    public void Run_PreCancelled_ThrowsOperationCanceledWithoutStartingTheWork()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var (ctx, _, _) = Context(terminal: false, cancel.Token);
        bool started = false;

        Assert.That(() => RunProgress.Run(ctx, quiet: true, 1, "x", _ => started = true), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(started, Is.False);
    }

    [TestCase(0, 10, 5.0, "job: 0/10 done", TestName = "Status_NothingDone_HasNoEstimate")]
    [TestCase(5, 10, 5.0, "job: 5/10 done, about 5 s left", TestName = "Status_HalfDone_EstimatesTheSameTimeAgain")]
    [TestCase(1, 100, 60.0, "job: 1/100 done, about 99 min left", TestName = "Status_LongEstimate_InMinutes")]
    [TestCase(10, 10, 5.0, "job: 10/10 done", TestName = "Status_AllDone_HasNoEstimate")]
    public void Status_Formats(int done, int total, double elapsedSeconds, string expected)
        => Assert.That(StatusOf(done, total, elapsedSeconds), Is.EqualTo(expected));

    [Test]
    public void Status_CompareParts_CountPerStrategy()
    {
        var state = new ProgressState("x");
        for (int i = 0; i < 200; i++) state.Advance();
        state.BeginPart("in-place", 200);
        for (int i = 0; i < 39; i++) state.Advance();

        Assert.That(RunProgress.Status(state, 600, TimeSpan.FromSeconds(239)), Is.EqualTo("in-place 39/200 (all: 239/600), about 7 min left"));
        Assert.That(RunProgress.Estimate(state, 600, TimeSpan.FromSeconds(239)), Is.EqualTo(TimeSpan.FromSeconds(600)));
    }

    private static string StatusOf(int done, int total, double elapsedSeconds)
    {
        var state = new ProgressState("job");
        for (int i = 0; i < done; i++) state.Advance();
        return RunProgress.Status(state, total, TimeSpan.FromSeconds(elapsedSeconds));
    }
}
