using System.Runtime;
using System.Runtime.InteropServices;

namespace ActorPool.Benchmarks;

/// <summary>What a result needs beside it: the machine, the runtime and how loaded the machine was.</summary>
internal static class Machine
{
    /// <summary>The first three fields of <c>/proc/loadavg</c> (1, 5 and 15 minutes), or why there are none.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} {fields[1]} {fields[2]} (1/5/15 min, {Environment.ProcessorCount} cores)";
        }
        catch (IOException e)
        {
            return $"unknown ({e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"unknown ({e.Message})";
        }
    }

    /// <summary>The CPU's model name from <c>/proc/cpuinfo</c>, or "unknown CPU".</summary>
    public static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown CPU";
        }
    }

    /// <summary>One line: runtime, OS, cores and GC mode.</summary>
    public static string Describe() =>
        $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), {RuntimeInformation.OSDescription}, "
        + $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";
}
