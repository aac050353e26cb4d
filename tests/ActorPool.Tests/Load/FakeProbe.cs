using ActorPool.Internal.Load;

namespace ActorPool.Tests.Load;

/// <summary>A probe whose reading the test sets, or that throws; safe to set from the test thread.</summary>
public sealed class FakeProbe : ILoadProbe
{
    private readonly Func<LoadReading> _read;
    private int _reads;

    internal FakeProbe(LoadSignal signal, Func<LoadReading> read)
    {
        Signal = signal;
        _read = read;
    }

    public LoadSignal Signal { get; }

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Fixed probes for every signal: CPU at <paramref name="cpu"/>, the rest idle.</summary>
    internal static List<ILoadProbe> Fixed(double cpu) =>
    [
        new FakeProbe(LoadSignal.Cpu, () => new(cpu)),
        new FakeProbe(LoadSignal.Memory, () => new(0.1)),
        new FakeProbe(LoadSignal.SchedulingLag, () => new(0)),
        new FakeProbe(LoadSignal.Gc, () => new(0)),
        new FakeProbe(LoadSignal.ThreadPool, () => new(0)),
    ];

    LoadReading ILoadProbe.Read()
    {
        Interlocked.Increment(ref _reads);
        return _read();
    }
}
