using System.Runtime.InteropServices;

namespace DeploySim.Benchmarks;

/// <summary>The machine a measurement comes from, as the baseline and the performance table state it.</summary>
public static class MachineInfo
{
    /// <summary>For example <c>AMD EPYC, nproc 2, .NET 10.0.12, Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public static string Describe() => $"{Cpu()}, nproc {Environment.ProcessorCount}, {RuntimeInformation.FrameworkDescription}, {Os()}";

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

    private static string Os()
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
