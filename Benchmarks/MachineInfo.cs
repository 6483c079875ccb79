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
