using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks;

/// <summary>Runs the benchmarks; exits non-zero when any benchmark fails or the filter matches nothing
/// (BenchmarkDotNet itself exits 0 in both cases).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
        return Failed(summaries) ? 1 : 0;
    }

    internal static bool Failed(IReadOnlyCollection<Summary> summaries)
    {
        if (summaries.Count == 0 || summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            Console.Error.WriteLine("benchmarks: no benchmark matched");
            return true;
        }
        bool failed = false;
        foreach (var s in summaries)
        {
            if (s.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine($"benchmarks: {s.Title}: validation errors");
                failed = true;
            }
            foreach (var r in s.Reports.Where(r => !r.Success || r.ExecuteResults.Any(e => e.ExitCode != 0)))
            {
                Console.Error.WriteLine($"benchmarks: {r.BenchmarkCase.DisplayInfo} failed");
                failed = true;
            }
        }
        return failed;
    }
}
