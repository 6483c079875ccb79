namespace DeploySim.Cli;

/// <summary>Entry point of the command line (replaced by the full CLI in the scenario issue).</summary>
public static class App
{
    public static int Run(string[] args)
    {
        Console.WriteLine("deploysim: engine only so far");
        return 0;
    }
}
