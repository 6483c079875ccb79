using System.Diagnostics;
using Spectre.Console;

namespace DeploySim.Cli;

/// <summary>Progress for long runs: a live bar with an estimate of time left on a terminal, occasional plain lines on
/// stderr otherwise, nothing with --json. Shown only once the work has taken about a second.</summary>
internal static class Progress
{
    public static T Run<T>(CliContext ctx, bool json, int total, string label, Func<Action<int>, T> work)
    {
        int done = 0;
        void Completed(int _) => Interlocked.Increment(ref done);
        var task = Task.Run(() => work(Completed), ctx.Cancellation);
        if (json || task.Wait(TimeSpan.FromSeconds(1))) return Result(task);
        if (ctx.Console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            ctx.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(p =>
                {
                    var bar = p.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                    while (!task.Wait(200)) bar.Value = Volatile.Read(ref done);
                    bar.Value = bar.MaxValue;
                });
            return Result(task);
        }
        var clock = Stopwatch.StartNew();
        while (!task.Wait(TimeSpan.FromSeconds(5)))
        {
            int d = Volatile.Read(ref done);
            string eta = d > 0 ? $", about {clock.Elapsed.TotalSeconds * (total - d) / d:F0} s left" : "";
            ctx.Error.WriteLine($"deploysim: {label}: {d}/{total} done{eta}");
        }
        return Result(task);
    }

    private static T Result<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            throw ex.InnerExceptions[0];
        }
    }
}
