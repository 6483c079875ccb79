using System.Reflection;

namespace DeploySim.Benchmarks;

/// <summary>Finds the checkout the benchmarks belong to (for <c>scenarios/</c> and <c>Benchmarks/baseline.json</c>): the
/// first directory holding <c>DeploySim.sln</c> above the current directory or the executable, else the checkout the
/// assembly was built from.</summary>
public static class RepositoryPaths
{
    private const string Marker = "DeploySim.sln";

    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string Baseline => Path.Combine(Root, "Benchmarks", "baseline.json");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
            }
        }
        var built = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, Marker))) return built;
        throw new InvalidOperationException($"cannot find the DeploySim checkout ({Marker}) above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }
}
