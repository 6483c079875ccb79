using System.Linq.Expressions;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Gate;

/// <summary>Measures a benchmark case's managed allocation per operation exactly, outside BenchmarkDotNet: a new instance
/// with the case's parameters and global setup, one warm-up batch, then the least of three batches measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (every thread, so a parallel benchmark's workers count).</summary>
/// <remarks>Why: BenchmarkDotNet's figure comes from one iteration and, in this process, sometimes includes an unrelated
/// allocation of about 6 KB made by another thread during it (seen as +57 to +373 B/op on scenario runs of a few
/// dozen invocations, and +6 KB on one-invocation runs). Such an allocation only ever adds, so the least of three
/// batches removes it. In steady state the model allocates exactly the same bytes every replication.
/// Not thread-safe: run it on one thread, with nothing else running in the process.</remarks>
public static class AllocationProbe
{
    /// <summary>A batch lasts at least this long (from the benchmark's measured time per invocation).</summary>
    public static readonly TimeSpan BatchTime = TimeSpan.FromMilliseconds(50);

    public const int Batches = 3;

    /// <summary>Bytes per operation (rounded), given the case's measured nanoseconds per operation to size the batches.</summary>
    public static long Measure(BenchmarkCase benchmarkCase, double nanosecondsPerOperation)
    {
        var descriptor = benchmarkCase.Descriptor;
        object instance = Activator.CreateInstance(descriptor.Type)
            ?? throw new InvalidOperationException($"cannot create {descriptor.Type.Name}");
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            var property = descriptor.Type.GetProperty(parameter.Name);
            if (property is not null) property.SetValue(instance, parameter.Value);
            else (descriptor.Type.GetField(parameter.Name) ?? throw new InvalidOperationException($"no parameter {parameter.Name}")).SetValue(instance, parameter.Value);
        }
        descriptor.GlobalSetupMethod?.Invoke(instance, null);
        try
        {
            // A compiled call that discards the result: no boxing, unlike MethodInfo.Invoke.
            var invoke = Expression.Lambda<Action>(Expression.Call(Expression.Constant(instance), descriptor.WorkloadMethod)).Compile();
            int perInvoke = descriptor.OperationsPerInvoke;
            double nsPerInvoke = double.IsFinite(nanosecondsPerOperation) && nanosecondsPerOperation > 0 ? nanosecondsPerOperation * perInvoke : 1e6;
            int invocations = (int)Math.Clamp(Math.Ceiling(BatchTime.TotalNanoseconds / nsPerInvoke), 1, 10_000);

            for (int i = 0; i < invocations; i++) invoke();
            long least = long.MaxValue;
            for (int batch = 0; batch < Batches; batch++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < invocations; i++) invoke();
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                least = Math.Min(least, allocated);
            }
            return (long)Math.Round((double)least / ((long)invocations * perInvoke));
        }
        finally
        {
            descriptor.GlobalCleanupMethod?.Invoke(instance, null);
        }
    }
}
