using System.Diagnostics;
using System.Runtime.InteropServices;
using OsProcess = System.Diagnostics.Process;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>What a result needs beside it: the machine, the runtime, its load, and the commit measured.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load average from <c>/proc/loadavg</c>, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>One line: runtime, OS and cores.</summary>
    public static string Describe() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores";

    /// <summary>The commit checked out (git), flagged when src/, tests/ or benchmarks/ has uncommitted changes.</summary>
    public static string Commit()
    {
        var head = Git("rev-parse", "--short", "HEAD");
        if (head.Length == 0)
        {
            return "unknown (no git)";
        }
        return Git("status", "--porcelain", "--", "src", "tests", "benchmarks", ":(exclude)benchmarks/results").Length > 0 ? $"{head} with uncommitted changes" : head;
    }

    private static string Git(params string[] arguments)
    {
        try
        {
            using var git = OsProcess.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
