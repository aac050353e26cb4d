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

    /// <summary>
    /// Voluntary context switches of the whole process so far (every thread, ended ones too, from
    /// <c>getrusage</c>): each is a thread that blocked, so per job it counts parks and wake-ups,
    /// a measure that a noisy machine does not move as much as a time. 0 where unavailable.
    /// </summary>
    public static long ContextSwitches()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }
        // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs; ru_nvcsw is the 13th.
        var usage = new long[18];
        return GetRUsage(0, usage) == 0 ? usage[16] : 0;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, [Out] long[] usage);

    /// <summary>One line: runtime, OS, cores and GC mode.</summary>
    public static string Describe() =>
        $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), {RuntimeInformation.OSDescription}, "
        + $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";
}
