namespace DeploySim.Benchmarks.Reports;

public static class PerfTable
{
    public static int Print(string dir, TextWriter output, TextWriter error) => 0;
}
