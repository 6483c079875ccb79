using System.Runtime.InteropServices;

namespace DeploySim.Benchmarks;

/// <summary>The machine a measurement comes from, as the baseline and the performance table state it.</summary>
public static class MachineInfo
{
    /// <summary>For example <c>AMD EPYC, nproc 2, .NET 10.0.12, Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public static string Describe() => $"{Cpu()}, nproc {Environment.ProcessorCount}, {Runtime}, {Os()}";

    /// <summary>The CPU model from <c>/proc/cpuinfo</c> (the architecture where there is none).</summary>
    public static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The 1, 5 and 15 minute load averages from <c>/proc/loadavg</c> (empty where there is none).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>How many cores the process gets right now: one thread per logical core spins for
    /// <paramref name="duration"/>, and the process's CPU time is divided by the elapsed time (2.0 on an idle 2-core
    /// machine; less when other work takes cores).</summary>
    public static double AvailableCores(TimeSpan duration)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            var spin = System.Diagnostics.Stopwatch.StartNew();
            while (spin.Elapsed < duration) Thread.SpinWait(100);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalSeconds / watch.Elapsed.TotalSeconds;
    }

    public static string Os()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (line is not null) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.OSDescription;
    }
}
