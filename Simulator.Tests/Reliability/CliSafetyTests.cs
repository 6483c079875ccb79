namespace DeploySim.Tests.Reliability;

/// <summary>The command line never executes a hook script, and the files a scenario names (appspec, empirical data)
/// resolve against the scenario's folder, not the current directory.</summary>
[NonParallelizable]
public sealed class CliSafetyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("deploysim-safety-").FullName;

    [TearDown]
    public void RemoveRoot()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string Fleet = """
        name: safety
        seed: 3
        replications: 2
        horizon: 2h
        autoScaling: { desiredCapacity: 3, minSize: 3, maxSize: 6, healthCheckType: ELB }
        opsWorks: { setupTime: 2m }
        targetGroups:
          - name: api
            healthCheck: { interval: 10s, timeout: 5s, healthyThreshold: 2, unhealthyThreshold: 2 }
        traffic: { requestsPerSecond: 100 }

        """;

    /// <summary>Writes an executable shell script that would create <paramref name="marker"/> if anything ran it.</summary>
    private static void WriteTrap(string path, string marker)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\ntouch '{marker}'\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    [Test]
    public void HookScripts_NamedByAppSpecOrInline_AreNeverExecuted()
    {
        var marker = Path.Combine(_root, "pwned");
        var absoluteScript = Path.Combine(_root, Guid.NewGuid().ToString("N"), "pwned.sh");
        WriteTrap(absoluteScript, marker);
        WriteTrap(Path.Combine(_root, "codedeploy", "start.sh"), marker);
        var injected = $"codedeploy/x.sh; touch {marker}; $(touch {marker}) `touch {marker}`";

        File.WriteAllText(Path.Combine(_root, "appspec.yml"), $$"""
            version: 0.0
            os: linux
            hooks:
              ApplicationStop:
                - location: {{absoluteScript}}
                  timeout: 60
              AfterInstall:
                - location: codedeploy/start.sh
              ValidateService:
                - location: "{{injected}}"
                  runas: root
            """);
        var fromAppSpec = Path.Combine(_root, "appspec-hooks.yaml");
        File.WriteAllText(fromAppSpec, Fleet + $$"""
            deployment:
              startAt: 10m
              targetGroups: [api]
              appspec: appspec.yml
              scripts:
                {{absoluteScript}}: { duration: 5s, action: stopApplication }
                codedeploy/start.sh: { duration: 20s, action: startApplication }
                "{{injected}}": { duration: 1s }
            """);
        var inline = Path.Combine(_root, "inline-hooks.yaml");
        File.WriteAllText(inline, Fleet + $$"""
            deployment:
              startAt: 10m
              targetGroups: [api]
              hooks:
                ApplicationStop: [ { location: "{{absoluteScript}}", timeout: 60s, duration: 5s, action: stopApplication } ]
                AfterInstall: [ { location: codedeploy/start.sh, duration: 20s, action: startApplication } ]
                ValidateService: [ { location: "{{injected}}", runas: root } ]
            """);

        foreach (var file in new[] { fromAppSpec, inline })
        {
            var validate = CliHarness.Run(Limit, "validate", file);
            Assert.That(validate.ExitCode, Is.Zero, validate.ToString());
            var run = CliHarness.Run(Limit, "run", file, "--json", "--threads", "1");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var compare = CliHarness.Run(Limit, "compare", file, "--replications", "1", "--json", "--threads", "1");
            Assert.That(compare.ExitCode, Is.Zero, compare.ToString());
            Assert.That(run.Stdout, Does.Contain("\"succeeded\": 2"), "the deployment ran its (simulated) hooks");
        }
        Assert.That(File.Exists(marker), Is.False, "a hook script was executed");
    }

    [Test]
    public void RelativePaths_ResolveAgainstTheScenarioFile_FromAnotherCurrentDirectory()
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "project", "scenarios")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(home, "appspec"));
        Directory.CreateDirectory(Path.Combine(home, "data"));
        File.WriteAllText(Path.Combine(home, "appspec", "app.yml"), "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n  AfterInstall:\n    - location: start.sh\n");
        File.WriteAllText(Path.Combine(home, "data", "boot.csv"), "boot\n30s\n45s\n1m\n");
        // Decoys where the current directory would find them: if either is read, the scenario is invalid.
        Directory.CreateDirectory(Path.Combine(elsewhere, "appspec"));
        Directory.CreateDirectory(Path.Combine(elsewhere, "data"));
        File.WriteAllText(Path.Combine(elsewhere, "appspec", "app.yml"), "version: 0.0\nhooks: [not, a, mapping\n");
        File.WriteAllText(Path.Combine(elsewhere, "data", "boot.csv"), "boot\nforty seconds\n");
        var scenario = Path.Combine(home, "relative.yaml");
        File.WriteAllText(scenario, Fleet.Replace("horizon: 2h\n", "horizon: 2h\ninstances: { bootTime: { empirical: data/boot.csv } }\n", StringComparison.Ordinal) + """
            deployment:
              startAt: 10m
              targetGroups: [api]
              appspec: appspec/app.yml
              scripts:
                stop.sh: { duration: 5s, action: stopApplication }
                start.sh: { duration: 20s, action: startApplication }
            """);
        var broken = Path.Combine(home, "broken.yaml");
        File.WriteAllText(broken, "name: broken\ndeployment:\n  appspec: appspec/missing.yml\n");

        string saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = elsewhere;
            string relative = Path.GetRelativePath(elsewhere, scenario);
            Assert.That(relative, Does.StartWith(".."));

            var validate = CliHarness.Run(Limit, "validate", relative);
            Assert.That(validate.ExitCode, Is.Zero, validate.ToString());
            var run = CliHarness.Run(Limit, "run", relative, "--json", "--threads", "1");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("\"succeeded\": 2"));

            var missing = CliHarness.Run(Limit, "validate", Path.GetRelativePath(elsewhere, broken));
            Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
            Assert.That(missing.FirstErrorLine, Does.Contain(Path.Combine(home, "appspec", "missing.yml")), "the error names the file where it was looked for");
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }
    }
}
