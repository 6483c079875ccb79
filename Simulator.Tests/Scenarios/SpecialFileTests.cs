using System.Diagnostics;
using DeploySim.Scenarios;

namespace DeploySim.Tests.Scenarios;

/// <summary>A scenario that names a device or a pipe gets a clear error, never a hang or an exhausted memory.</summary>
public sealed class SpecialFileTests
{
    private static IReadOnlyList<ScenarioError> ValidateWithAppSpec(string appspec)
    {
        var yaml = BuiltInScenarios.SourceArticle.Replace("appspec: appspec/with-setup-wait.yml", $"appspec: {appspec}", StringComparison.Ordinal);
        return ScenarioLoader.ValidateText(yaml, "special.yaml", Path.GetTempPath());
    }

    [Test]
    public void AppSpec_DevZero_IsRefusedAsTooLarge()
    {
        if (!File.Exists("/dev/zero")) Assert.Ignore("no /dev/zero on this system");
        var errors = ValidateWithAppSpec("/dev/zero");
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("larger than 16 MiB"));
    }

    [Test]
    public void AppSpec_FifoWithNoWriter_GivesAnErrorInsteadOfHanging()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("FIFOs are a Unix feature");
        string fifo = Path.Combine(Path.GetTempPath(), "deploysim-fifo-" + Guid.NewGuid().ToString("N"));
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false }))
        {
            mkfifo!.WaitForExit();
            if (mkfifo.ExitCode != 0) Assert.Ignore("mkfifo is not available");
        }
        try
        {
            using var shortTimeout = ScenarioFiles.WithReadTimeout(TimeSpan.FromMilliseconds(300));
            var errors = ValidateWithAppSpec(fifo);
            Assert.That(errors.Select(e => e.Message), Has.Some.Contains("is it a pipe or a device"));
        }
        finally
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }   // lets the abandoned reader see end of file
            File.Delete(fifo);
        }
    }
}
