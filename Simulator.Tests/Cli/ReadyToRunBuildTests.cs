using System.Reflection.PortableExecutable;

namespace DeploySim.Tests.Cli;

/// <summary>A Release build of the tool is precompiled (README, "Parallel replications"): the simulator's assembly
/// carries ReadyToRun native code beside its IL.</summary>
public sealed class ReadyToRunBuildTests
{
    [Test]
    public void ReleaseBuild_OfTheSimulator_IsReadyToRun()
    {
#if DEBUG
        Assert.Ignore("Debug builds are plain IL");
#endif
        string path = typeof(DeploySim.Cli.CommandLineTool).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var cor = pe.PEHeaders.CorHeader!;
        Assert.That(cor.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), $"{path} has no ReadyToRun header (crossgen2 did not run?)");
    }
}
