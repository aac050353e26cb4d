namespace ActorPool.Internal.Process.Child;

/// <summary>
/// Ends the child when its parent is gone. The link's end of stream is the fast path (the kernel
/// closes the parent's end of the pipe however it died); this poll is the second line, for a pipe
/// held open by something else. A pid reused by another process is told apart by its start time.
/// </summary>
internal static class ParentWatch
{
    public static void Start(int parentPid, long parentStartTicks, TimeSpan interval)
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(interval);
                if (!IsAlive(parentPid, parentStartTicks))
                {
                    Console.Error.WriteLine($"ActorPool.Process child {Environment.ProcessId}: parent {parentPid} is gone; exiting.");
                    Environment.Exit(ChildExitCodes.ParentGone);
                }
            }
        })
        {
            IsBackground = true,
            Name = "actorpool-parent-watch",
        };
        thread.Start();
    }

    private static bool IsAlive(int pid, long startTicks)
    {
        try
        {
            using var parent = System.Diagnostics.Process.GetProcessById(pid);
            if (parent.HasExited)
            {
                return false;
            }

            // Start times are read from the same clock by both sides; a second covers rounding.
            return Math.Abs(parent.StartTime.ToUniversalTime().Ticks - startTicks) < TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
