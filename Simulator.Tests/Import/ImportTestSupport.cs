using DeploySim.Cli;
using DeploySim.Tests.Architecture;
using Spectre.Console;

namespace DeploySim.Tests.Import;

/// <summary>Fixture paths, a scratch folder and an in-process command line for the import, fit and replay tests.</summary>
internal static class ImportTestSupport
{
    public static string FixturesDirectory => Path.Combine(LayeringTests.RepositoryRoot(), "Simulator.Tests", "Import", "Fixtures");

    public static string Fixture(string name) => Path.Combine(FixturesDirectory, name);

    /// <summary>The exit code, stdout and stderr of <c>deploysim ARGS</c>, run in-process with a wide plain console.</summary>
    public static (int Code, string Out, string Error) RunCli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = 220;
        int code = DeploySim.Cli.CommandLineTool.Run(args, stdout, stderr, console);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("deploysim-import-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
