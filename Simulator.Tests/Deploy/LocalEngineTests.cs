using System.Diagnostics;
using DeploySim.Tests.Architecture;
using DeploySim.Tests.Cli;
using DeploySim.Tests.Reporting;

namespace DeploySim.Tests.Deploy;

/// <summary>The local "engine" of the README: scripts/local-engine.sh starts N shard processes in parallel with the
/// Kubernetes variables set, then merges; the result equals the unsharded command's output.</summary>
public sealed class LocalEngineTests
{
    [Test]
    public void LocalEngine_ThreeParallelShardProcesses_MergeToTheUnshardedSweep()
    {
        using var dir = new TempDirectory();
        string[] args = ["sweep", CliRun.Small, "-n", "2", "--vary", "unicorn.workers=2,3,4"];
        DeploySim.Tests.Sharding.ShardMergeTests.Ok(CliRun.Run([.. args, "--out", dir.File("full")]));

        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LayeringTests.RepositoryRoot(),
        };
        foreach (var a in (string[])[Path.Combine(LayeringTests.RepositoryRoot(), "scripts", "local-engine.sh"), "3", dir.File("engine"), .. args])
            start.ArgumentList.Add(a);
        start.Environment["DEPLOYSIM"] = $"dotnet {typeof(DeploySim.Cli.CommandLineTool).Assembly.Location}";
        start.Environment["DOTNET_TieredPGO"] = "0";   // as in the test host (Simulator.Tests.csproj): less JIT work per short process
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.Zero, stderr + stdout.Result);
        Assert.That(Directory.GetDirectories(dir.File("engine/shards")).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "shard-1-of-3", "shard-2-of-3", "shard-3-of-3" }));
        DeploySim.Tests.Sharding.ShardMergeTests.AssertSameFiles(dir.File("full"), dir.File("engine/merged"));
    }
}
