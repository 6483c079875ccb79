using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks;

/// <summary>A benchmark case by class, method and parameters, as the gate, the baseline file and the performance table
/// name it: <c>EventQueueBenchmarks.Hold_EventQueue(Pending=1000)</c>.</summary>
/// <param name="Type">The benchmark class's name, without namespace.</param>
/// <param name="Method">The benchmark method's name.</param>
/// <param name="Parameters">BenchmarkDotNet's form, <c>Name=value</c> joined by <c>&amp;</c>; empty without parameters.</param>
public sealed record BenchmarkId(string Type, string Method, string Parameters)
{
    public string Name => Parameters.Length == 0 ? $"{Type}.{Method}" : $"{Type}.{Method}({Parameters})";

    /// <summary>The value of parameter <paramref name="name"/>, or null.</summary>
    public string? Parameter(string name) =>
        Parameters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == name)
            .Select(p => p[1])
            .FirstOrDefault();

    public static BenchmarkId Of(BenchmarkCase benchmarkCase) => new(
        benchmarkCase.Descriptor.Type.Name,
        benchmarkCase.Descriptor.WorkloadMethod.Name,
        string.Join("&", benchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}")));

    /// <summary>The inverse of <see cref="Name"/>.</summary>
    public static BenchmarkId Parse(string name)
    {
        int open = name.IndexOf('(', StringComparison.Ordinal);
        string head = open < 0 ? name : name[..open];
        string parameters = open < 0 ? "" : name[(open + 1)..^1];
        int dot = head.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) throw new FormatException($"not a benchmark name: {name}");
        return new BenchmarkId(head[..dot], head[(dot + 1)..], parameters);
    }

    public override string ToString() => Name;
}
