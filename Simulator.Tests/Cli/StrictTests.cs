using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Cli;

/// <summary>A scenario warning is a stderr line with its file position; <c>--strict</c> makes it an error.</summary>
public sealed class StrictTests
{
    // small.yaml's fleet (3 x 4 workers x 10 rps = 120 rps) with demand above its capacity from the start.
    private static string Overloaded(TempDirectory dir)
    {
        string path = dir.File("overloaded.yaml");
        File.WriteAllText(path, File.ReadAllText(CliRun.Small).Replace("requestsPerSecond: 60", "requestsPerSecond: 200", StringComparison.Ordinal));
        return path;
    }

    [Test]
    public void Validate_Warning_IsAStderrLineWithTheFilePosition()
    {
        using var dir = new TempDirectory();
        string path = Overloaded(dir);
        var r = CliRun.Run("validate", path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Error, Does.Contain($"warning: {path}:27:22: traffic.requestsPerSecond: demand 200 requests/s at 0s exceeds the fleet's capacity 120 requests/s"));
    }

    [Test]
    public void ValidateStrict_Warning_IsAnError()
    {
        using var dir = new TempDirectory();
        string path = Overloaded(dir);
        var r = CliRun.Run("validate", "--strict", path);
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        Assert.That(r.Error, Does.StartWith($"{path}:27:22: traffic.requestsPerSecond: demand 200"));
        Assert.That(r.Error, Does.Contain("(a warning; an error under --strict)"));
    }

    [Test]
    public void Run_Warning_IsPrintedAndTheRunGoesOn()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", Overloaded(dir), "-n", "1");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Ok), r.ToString());
        Assert.That(r.Error, Does.Contain("warning: ").And.Contain("exceeds the fleet's capacity"));
    }

    [Test]
    public void RunStrict_Warning_StopsBeforeRunning()
    {
        using var dir = new TempDirectory();
        var r = CliRun.Run("run", Overloaded(dir), "-n", "1", "--strict");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        Assert.That(r.Out, Is.Empty);
        Assert.That(r.Error, Does.Contain("traffic.requestsPerSecond: demand 200"));
    }

    [Test]
    public void Run_HealthConstraintsInvalid_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("all-healthy.yaml");
        File.WriteAllText(path, File.ReadAllText(CliRun.Small).Replace("CodeDeployDefault.OneAtATime", "{ minimumHealthyHosts: { type: HOST_COUNT, value: 3 } }", StringComparison.Ordinal));
        var r = CliRun.Run("run", path, "-n", "1");
        Assert.That(r.ExitCode, Is.EqualTo(Exit.Invalid), r.ToString());
        Assert.That(r.Out, Is.Empty);
        Assert.That(r.Error, Does.Contain($"{path}:31:21: deployment.deploymentConfig: HEALTH_CONSTRAINTS_INVALID: Custom(HOST_COUNT 3) keeps at least 3 of the 3 instances"));
    }
}
