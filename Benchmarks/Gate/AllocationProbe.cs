using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace DeploySim.Benchmarks.Gate;

/// <summary>Marks a benchmark method whose return value is the number of simulated events one invocation dispatched:
/// the gate records it per operation and compares it exactly.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReturnsEventCountAttribute : Attribute;

/// <summary>What the probe measured for one case: exact bytes and, for a <see cref="ReturnsEventCountAttribute"/> method,
/// events per operation.</summary>
public sealed record ProbeResult(long BytesPerOperation, long? EventsPerOperation);

/// <summary>Measures a benchmark case's managed allocation per operation exactly, outside BenchmarkDotNet: a new instance
/// with the case's parameters and global setup, one warm-up batch, then the least of three batches measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (every thread, so a parallel benchmark's workers count). For a method
/// marked <see cref="ReturnsEventCountAttribute"/> it also reads the events dispatched, which must be the same on every
/// invocation (the model is deterministic): a difference throws.</summary>
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

    /// <summary>Measures <paramref name="benchmarkCase"/>. <paramref name="nanosecondsPerOperation"/> sizes the batches;
    /// NaN (no timing run) times the warm-up invocation instead. <paramref name="batches"/> below 3 is for cases too slow
    /// to run four times (one warm-up, then the least of the batches).</summary>
    public static ProbeResult Measure(BenchmarkCase benchmarkCase, double nanosecondsPerOperation, int batches = Batches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
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
            var method = descriptor.WorkloadMethod;
            bool counts = method.GetCustomAttribute<ReturnsEventCountAttribute>() is not null;
            if (counts && method.ReturnType != typeof(long) && method.ReturnType != typeof(int))
                throw new InvalidOperationException($"{method.Name} is marked [ReturnsEventCount] but returns {method.ReturnType.Name}");
            // A compiled call: no boxing, unlike MethodInfo.Invoke.
            Expression call = Expression.Call(Expression.Constant(instance), method);
            var invoke = Expression.Lambda<Func<long>>(counts ? Expression.Convert(call, typeof(long)) : Expression.Block(call, Expression.Constant(-1L))).Compile();
            int perInvoke = descriptor.OperationsPerInvoke;

            long events = -1;
            void Run()
            {
                long e = invoke();
                if (!counts) return;
                if (events >= 0 && e != events)
                    throw new InvalidOperationException($"{method.Name} dispatched {e} events after {events} on an earlier invocation: not deterministic");
                events = e;
            }

            var warm = Stopwatch.StartNew();
            Run();
            double nsPerInvoke = double.IsFinite(nanosecondsPerOperation) && nanosecondsPerOperation > 0
                ? nanosecondsPerOperation * perInvoke
                : Math.Max(warm.Elapsed.TotalNanoseconds, 1);
            int invocations = (int)Math.Clamp(Math.Ceiling(BatchTime.TotalNanoseconds / nsPerInvoke), 1, 10_000);

            for (int i = 1; i < invocations; i++) Run();   // the rest of the warm-up batch
            long least = long.MaxValue;
            for (int batch = 0; batch < batches; batch++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < invocations; i++) Run();
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                least = Math.Min(least, allocated);
            }
            long bytes = (long)Math.Round((double)least / ((long)invocations * perInvoke));
            return new ProbeResult(bytes, counts ? events / perInvoke : null);
        }
        finally
        {
            descriptor.GlobalCleanupMethod?.Invoke(instance, null);
        }
    }
}
