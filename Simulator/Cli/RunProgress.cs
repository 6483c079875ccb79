using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>What a running command reports: units of work done (replications, plan rows) and what it is doing now.
/// Thread-safe: replication workers call <see cref="Advance"/> concurrently.</summary>
internal sealed class ProgressState(string label)
{
    private int _done;
    private volatile string _label = label;
    private volatile int[] _part = [0, 0];   // where the current part (one strategy of a compare) started, and its size

    public int Done => Volatile.Read(ref _done);

    /// <summary>Units done in the current part, and its size (0: the work has no parts).</summary>
    public (int Done, int Size) Part => (Done - _part[0], _part[1]);

    /// <summary>Starts a part of the work (one strategy of a compare) of <paramref name="size"/> units.</summary>
    public void BeginPart(string label, int size)
    {
        _part = [Done, size];
        _label = label;
    }

    public string Label
    {
        get => _label;
        set => _label = value;
    }

    public void Advance() => Interlocked.Increment(ref _done);
}

/// <summary>Progress for long work. Nothing is shown for work that ends within about a second, nor ever with --json.
/// Past that: a live bar (done/total, percentage, time left) when the console is an interactive terminal, otherwise
/// occasional plain lines on stderr. Cancellation reaches the work through the context's token.</summary>
internal static class RunProgress
{
    private static readonly TimeSpan s_showAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_lineEvery = TimeSpan.FromSeconds(5);

    public static T Run<T>(CliContext ctx, bool quiet, int total, string label, Func<ProgressState, T> work) =>
        Run(ctx, quiet, total, label, work, s_showAfter, s_lineEvery);

    /// <summary>Runs <paramref name="work"/> on a worker thread and reports on this one; rethrows the work's exception
    /// as it was thrown.</summary>
    internal static T Run<T>(CliContext ctx, bool quiet, int total, string label, Func<ProgressState, T> work, TimeSpan showAfter, TimeSpan lineEvery)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        var state = new ProgressState(label);
        var clock = Stopwatch.StartNew();
        var task = Task.Factory.StartNew(() => work(state), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (quiet || Finished(task, showAfter)) return task.GetAwaiter().GetResult();
        if (!Finished(task, TimeSpan.Zero) && Estimate(state, total, clock.Elapsed) is { } estimate && estimate > TimeSpan.FromMinutes(1))
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deploysim: this will take about {Math.Ceiling(estimate.TotalMinutes):0} min ({total:#,0} units of work, {state.Done:#,0} done in {clock.Elapsed.TotalSeconds:0} s); Ctrl+C stops it"));

        var profile = ctx.Console.Profile;
        if (profile.Capabilities.Interactive && profile.Capabilities.Ansi && profile.Out.IsTerminal)
        {
            ctx.Console.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn())
                .Start(p =>
                {
                    var bar = p.AddTask(Markup.Escape(Status(state, total, clock.Elapsed)), maxValue: Math.Max(1, total));
                    do
                    {
                        bar.Value = state.Done;
                        bar.Description = Markup.Escape(Status(state, total, clock.Elapsed));
                    }
                    while (!Finished(task, TimeSpan.FromMilliseconds(200)));
                    bar.Value = bar.MaxValue;
                });
        }
        else
        {
            do
            {
                ctx.Error.WriteLine($"deploysim: {Status(state, total, clock.Elapsed)}");
            }
            while (!Finished(task, lineEvery));
        }
        return task.GetAwaiter().GetResult();
    }

    /// <summary>The whole work's expected duration from the units done so far (null before the first).</summary>
    internal static TimeSpan? Estimate(ProgressState state, int total, TimeSpan elapsed) =>
        state.Done <= 0 ? null : TimeSpan.FromSeconds(elapsed.TotalSeconds * total / Math.Min(state.Done, total));

    /// <summary>"rails-api-2018: 40/200 done, about 12 s left", or with parts "in-place 39/200 (all: 39/600), about
    /// 1 min left": the estimate assumes the remaining units take as long as the ones done.</summary>
    internal static string Status(ProgressState state, int total, TimeSpan elapsed)
    {
        int done = Math.Min(state.Done, total);
        var (partDone, partSize) = state.Part;
        string text = partSize > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{state.Label} {Math.Min(partDone, partSize)}/{partSize} (all: {done}/{total})")
            : string.Create(CultureInfo.InvariantCulture, $"{state.Label}: {done}/{total} done");
        if (done <= 0 || done >= total) return text;
        double left = elapsed.TotalSeconds * (total - done) / done;
        return text + (left < 90
            ? string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling(left):0} s left")
            : string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling(left / 60):0} min left"));
    }

    /// <summary>Waits for the task without throwing its exception (that is rethrown by GetResult).</summary>
    private static bool Finished(Task task, TimeSpan timeout) => Task.WaitAny([task], timeout) == 0;
}
