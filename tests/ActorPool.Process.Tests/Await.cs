namespace ActorPool.Process.Tests;

/// <summary>Polls a condition until it holds or a generous deadline passes: no sleeps as waits.</summary>
internal static class Await
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        using var deadline = new CancellationTokenSource(within ?? WorkerFixture.Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await tick.WaitForNextTickAsync(CancellationToken.None);
        }
    }

    /// <summary>Whether a process no longer runs: absent, or a zombie waiting to be reaped (a
    /// container's init may never reap an orphan, but a zombie runs no code).</summary>
    public static bool IsGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..][0];
                return state is 'Z' or 'X';
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
