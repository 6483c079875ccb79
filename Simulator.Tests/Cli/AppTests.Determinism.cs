using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>Same command, same bytes; the thread count changes nothing. Ctrl+C (the token) stops with 130 and leaves
/// no summary.json.</summary>
public sealed partial class AppTests
{
    [Test]
    public void Run_JsonTwice_GivesByteIdenticalStdout()
    {
        var first = CliRun.Run("run", CliRun.Small, "-n", "4", "--json");
        var second = CliRun.Run("run", CliRun.Small, "-n", "4", "--json");

        Assert.That(first.ExitCode, Is.EqualTo(Exit.Ok), first.ToString());
        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [TestCase("run", TestName = "Run_OneOrTwoThreads_GiveIdenticalJson")]
    [TestCase("compare", TestName = "Compare_OneOrTwoThreads_GiveIdenticalJson")]
    public void Command_OneOrTwoThreads_GiveIdenticalJson(string command)
    {
        var serial = CliRun.Run(command, CliRun.Small, "-n", "6", "--threads", "1", "--json");
        var parallel = CliRun.Run(command, CliRun.Small, "-n", "6", "--threads", "2", "--json");

        Assert.That(serial.ExitCode, Is.EqualTo(Exit.Ok), serial.ToString());
        Assert.That(parallel.Out, Is.EqualTo(serial.Out));
    }

    [Test]
    public void Run_TableTwice_GivesIdenticalText()
    {
        var first = CliRun.Run("compare", CliRun.Small, "-n", "2");
        var second = CliRun.Run("compare", CliRun.Small, "-n", "2");

        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [TestCase("run", TestName = "Run_PreCancelled_Exits130AndWritesNothing")]
    [TestCase("compare", TestName = "Compare_PreCancelled_Exits130AndWritesNothing")]
    public void Command_PreCancelled_Exits130AndWritesNothing(string command)
    {
        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var r = CliRun.Run(cancel.Token, command, CliRun.Small, "-n", "2", "--out", dir.Path);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Interrupted), r.ToString());
        Assert.That(File.Exists(dir.File("summary.json")), Is.False);
        Assert.That(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(r.Out, Is.Empty);
        Assert.That(r.Error, Does.Contain("interrupted"));
    }

    [Test]
    public void Run_CancelledWhileRunning_Exits130Promptly()
    {
        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The source article with 100,000 replications would take minutes.
        var r = CliRun.Run(cancel.Token, "-n", "100000", "--threads", "2", "--json", "--out", dir.Path);

        Assert.That(r.ExitCode, Is.EqualTo(Exit.Interrupted), r.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(r.Out, Is.Empty);
    }
}
