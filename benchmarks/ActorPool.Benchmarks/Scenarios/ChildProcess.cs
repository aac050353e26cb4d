using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>
/// Runs one case in a new process of this same program (<c>scenario-case B5 oracle --csv F
/// --summary F --scale S</c>), so its threads, GC and ThreadPool state (hill climbing's history,
/// SetMinThreads) start fresh and never leak into the next case.
/// </summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Output)> RunCaseAsync(string scenario, string contender, string csv, string summary, double scale, TimeSpan timeout)
    {
        var start = Start();
        foreach (var arg in new[] { "scenario-case", scenario, contender, "--csv", csv, "--summary", summary, "--scale", scale.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment[Jobs.Spin.EnvironmentVariable] = Jobs.Spin.Calibration.ForEnvironment;
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start the case process");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>This program again: its app host, or <c>dotnet</c> with its dll when it was started that way.</summary>
    private static ProcessStartInfo Start()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }
        return start;
    }
}
