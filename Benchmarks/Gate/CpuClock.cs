using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace DeploySim.Benchmarks.Gate;

/// <summary>The gate's BenchmarkDotNet clock: CPU time, not elapsed time, so that what other processes on a shared
/// machine take from ours is not counted (what they do to the caches and memory bandwidth still is; the ratio to the
/// reference cancels most of that). It reads the CPU time of the measuring thread (Linux
/// <c>CLOCK_THREAD_CPUTIME_ID</c>, nanoseconds), which leaves out the runtime's background threads (tiered compilation,
/// background GC); a benchmark that runs on several threads sets <see cref="WholeProcess"/> in its global setup and is
/// measured by the CPU time of the whole process (<c>CLOCK_PROCESS_CPUTIME_ID</c>): its work on every thread, not its
/// elapsed time.</summary>
/// <remarks>Unavailable off Linux (BenchmarkDotNet then reports the job as invalid). Thread-safe.</remarks>
public sealed partial class CpuClock : IClock
{
    private const int ClockProcessCpuTimeId = 2;
    private const int ClockThreadCpuTimeId = 3;

    public static CpuClock Instance { get; } = new();

    /// <summary>Measure the whole process's CPU time rather than the measuring thread's (for a multi-threaded benchmark).
    /// Set by the benchmark's global setup and cleared by its cleanup; ignored under any other clock.</summary>
    public static bool WholeProcess { get; set; }

    public string Title => "CPU time";

    public bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(ClockThreadCpuTimeId, out _) && TryRead(ClockProcessCpuTimeId, out _);

    public Frequency Frequency => Frequency.FromHz(1e9);

    public long GetTimestamp() => TryRead(WholeProcess ? ClockProcessCpuTimeId : ClockThreadCpuTimeId, out long ns)
        ? ns
        : throw new InvalidOperationException("clock_gettime failed");

    private static bool TryRead(int clock, out long nanoseconds)
    {
        try
        {
            if (ClockGetTime(clock, out var ts) == 0)
            {
                nanoseconds = ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
        nanoseconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ClockGetTime(int clockId, out Timespec time);
}
