using System.Diagnostics;

namespace ActorPool.Internal.Load;

/// <summary>
/// CPU time of this process since the previous reading over wall time times the CPUs it may use
/// (<see cref="ResourceLimits.Cpus"/>). The first reading covers the time since the probe was made.
/// </summary>
internal sealed class ProcessCpuProbe : ILoadProbe
{
    private readonly TimeProvider _time;
    private readonly Func<double> _cpus;
    private TimeSpan _lastCpu;
    private long _lastWall;

    public ProcessCpuProbe(TimeProvider time, Func<double>? cpus = null)
    {
        _time = time;
        _cpus = cpus ?? ResourceLimits.Cpus;
        _lastCpu = CpuTime();
        _lastWall = time.GetTimestamp();
    }

    public LoadSignal Signal => LoadSignal.Cpu;

    public LoadReading Read()
    {
        var cpu = CpuTime();
        var wall = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastWall, wall);
        var used = cpu - _lastCpu;
        _lastCpu = cpu;
        _lastWall = wall;
        return elapsed <= TimeSpan.Zero ? new LoadReading(0) : new LoadReading(used / (elapsed * _cpus()));
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>
/// The larger of the GC heap against the GC's limit (which honours <c>GCHeapHardLimit</c> and the
/// container) and the process's working set against <see cref="ResourceLimits.MemoryBytes"/>.
/// </summary>
internal sealed class MemoryProbe : ILoadProbe
{
    public LoadSignal Signal => LoadSignal.Memory;

    public LoadReading Read()
    {
        var gcLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var heap = gcLimit > 0 ? (double)GC.GetTotalMemory(forceFullCollection: false) / gcLimit : 0;
        var process = (double)Environment.WorkingSet / Math.Max(1, ResourceLimits.MemoryBytes());
        return new LoadReading(Math.Max(heap, process));
    }
}

/// <summary>
/// Since the previous reading: the share of wall time the process was paused in GC, and gen-2
/// collections per second.
/// </summary>
internal sealed class GcProbe : ILoadProbe
{
    private readonly TimeProvider _time;
    private TimeSpan _lastPause = GC.GetTotalPauseDuration();
    private int _lastGen2 = GC.CollectionCount(2);
    private long _lastWall;

    public GcProbe(TimeProvider time)
    {
        _time = time;
        _lastWall = time.GetTimestamp();
    }

    public LoadSignal Signal => LoadSignal.Gc;

    public LoadReading Read()
    {
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        var wall = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastWall, wall);
        var reading = elapsed <= TimeSpan.Zero
            ? new LoadReading(0)
            : new LoadReading((pause - _lastPause) / elapsed, (gen2 - _lastGen2) / elapsed.TotalSeconds);
        (_lastPause, _lastGen2, _lastWall) = (pause, gen2, wall);
        return reading;
    }
}

/// <summary>.NET ThreadPool starvation: work items waiting per ThreadPool thread, now.</summary>
internal sealed class ThreadPoolProbe : ILoadProbe
{
    public LoadSignal Signal => LoadSignal.ThreadPool;

    public LoadReading Read() =>
        new((double)ThreadPool.PendingWorkItemCount / Math.Max(1, ThreadPool.ThreadCount));
}
