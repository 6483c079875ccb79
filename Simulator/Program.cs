namespace DeploySim;

/// <summary>The <c>deploysim</c> command.</summary>
public static class Program
{
    public static int Main(string[] args) => Cli.CommandLineTool.Run(args);
}
