using System.Collections.Frozen;
using Akka.Actor;

namespace ActorPool;

/// <summary>
/// The signals a <c>SystemLoad</c> actor samples. Each has its own block under
/// <c>actor-pool.system-load</c>, named by <see cref="LoadSignals.ConfigName"/>.
/// </summary>
public enum LoadSignal
{
    /// <summary>CPU time of this process against the CPUs it may use (the container's quota when there is one).</summary>
    Cpu,

    /// <summary>Memory in use against the limit: the larger of the GC heap against its limit and the process or container memory against its limit.</summary>
    Memory,

    /// <summary>How late a tick scheduled on an Akka.NET dispatcher ran: Crawlee's event-loop lag.</summary>
    SchedulingLag,

    /// <summary>The share of wall time spent in garbage collection over the last sample interval, and the gen-2 rate.</summary>
    Gc,

    /// <summary>.NET ThreadPool starvation: work items waiting while the pool injects threads.</summary>
    ThreadPool,
}

/// <summary>Names of <see cref="LoadSignal"/> values as they appear in configuration and in logs.</summary>
public static class LoadSignals
{
    /// <summary>Every signal, in declaration order.</summary>
    public static IReadOnlyList<LoadSignal> All { get; } = Enum.GetValues<LoadSignal>();

    /// <summary>The kebab-case key of the signal's block, e.g. <c>scheduling-lag</c>.</summary>
    public static string ConfigName(this LoadSignal signal) => signal switch
    {
        LoadSignal.Cpu => "cpu",
        LoadSignal.Memory => "memory",
        LoadSignal.SchedulingLag => "scheduling-lag",
        LoadSignal.Gc => "gc",
        LoadSignal.ThreadPool => "thread-pool",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "unknown load signal"),
    };
}

/// <summary>
/// The load a <c>SystemLoad</c> actor measured at one sample, with its overload verdicts: the reply
/// to <see cref="GetLoad"/>, and what <see cref="SubscribeLoad"/> subscribers receive. Immutable.
/// </summary>
/// <remarks>
/// A signal is <em>overloaded</em> when the time-weighted share of its overloaded samples over a
/// window is greater than its <c>overloaded-ratio</c>, as Crawlee's <c>SystemStatus</c> decides.
/// The current verdicts (<see cref="Overloaded"/>, <see cref="OverloadedSignals"/>) use
/// <c>current-window</c>; the historical ones use the whole <c>history</c>. A signal whose probe
/// failed at this sample is in <see cref="UnknownSignals"/>: its value is <see cref="double.NaN"/>
/// (<see cref="TimeSpan.Zero"/> for the lag) and it is never overloaded.
/// </remarks>
public sealed record LoadSnapshot : INoSerializationVerificationNeeded
{
    /// <summary>Checks and keeps the fields.</summary>
    /// <exception cref="ArgumentException">A signal is both unknown and overloaded, or a ratio is outside 0..1.</exception>
    public LoadSnapshot(
        DateTimeOffset timestamp,
        double cpu,
        double memory,
        TimeSpan schedulingLag,
        double gcTimeRatio,
        IReadOnlyDictionary<LoadSignal, double> overloadedShares,
        IReadOnlyDictionary<LoadSignal, double> historicalShares,
        IReadOnlySet<LoadSignal> overloadedSignals,
        IReadOnlySet<LoadSignal> historicallyOverloadedSignals,
        IReadOnlySet<LoadSignal> unknownSignals)
    {
        ArgumentNullException.ThrowIfNull(overloadedShares);
        ArgumentNullException.ThrowIfNull(historicalShares);
        ArgumentNullException.ThrowIfNull(overloadedSignals);
        ArgumentNullException.ThrowIfNull(historicallyOverloadedSignals);
        ArgumentNullException.ThrowIfNull(unknownSignals);
        Ratio(cpu, nameof(cpu));
        Ratio(memory, nameof(memory));
        Ratio(gcTimeRatio, nameof(gcTimeRatio));
        if (schedulingLag < TimeSpan.Zero)
        {
            throw new ArgumentException($"schedulingLag must be >= 0, was: [{schedulingLag}]", nameof(schedulingLag));
        }
        foreach (var signal in unknownSignals)
        {
            if (overloadedSignals.Contains(signal))
            {
                throw new ArgumentException($"a signal cannot be both unknown and overloaded, was: [{signal.ConfigName()}]", nameof(unknownSignals));
            }
        }
        Timestamp = timestamp;
        Cpu = cpu;
        Memory = memory;
        SchedulingLag = schedulingLag;
        GcTimeRatio = gcTimeRatio;
        OverloadedShares = overloadedShares.ToFrozenDictionary();
        HistoricalShares = historicalShares.ToFrozenDictionary();
        OverloadedSignals = overloadedSignals.ToFrozenSet();
        HistoricallyOverloadedSignals = historicallyOverloadedSignals.ToFrozenSet();
        UnknownSignals = unknownSignals.ToFrozenSet();
    }

    /// <summary>When the sample was taken (the <see cref="TimeProvider"/> of the <c>SystemLoad</c> actor).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>CPU time of this process against the CPUs it may use, 0..1; NaN when unknown.</summary>
    public double Cpu { get; }

    /// <summary>Memory in use against its limit, 0..1; NaN when unknown.</summary>
    public double Memory { get; }

    /// <summary>How late the latest scheduling probe ran.</summary>
    public TimeSpan SchedulingLag { get; }

    /// <summary>The share of wall time spent in GC over the last interval, 0..1; NaN when unknown.</summary>
    public double GcTimeRatio { get; }

    /// <summary>Per signal, the overloaded share over <c>current-window</c>.</summary>
    public IReadOnlyDictionary<LoadSignal, double> OverloadedShares { get; }

    /// <summary>Per signal, the overloaded share over <c>history</c>.</summary>
    public IReadOnlyDictionary<LoadSignal, double> HistoricalShares { get; }

    /// <summary>Signals overloaded over <c>current-window</c>.</summary>
    public IReadOnlySet<LoadSignal> OverloadedSignals { get; }

    /// <summary>Signals overloaded over the whole <c>history</c>: the verdict Crawlee's autoscaler uses.</summary>
    public IReadOnlySet<LoadSignal> HistoricallyOverloadedSignals { get; }

    /// <summary>Signals whose probe failed at this sample.</summary>
    public IReadOnlySet<LoadSignal> UnknownSignals { get; }

    /// <summary>Whether any signal is overloaded over <c>current-window</c>.</summary>
    public bool Overloaded => OverloadedSignals.Count > 0;

    /// <summary>Whether any signal is overloaded over the whole <c>history</c>.</summary>
    public bool HistoricallyOverloaded => HistoricallyOverloadedSignals.Count > 0;

    /// <summary>A snapshot with no data: every signal unknown, nothing overloaded. What policies see
    /// before the first sample, or when no <c>SystemLoad</c> is wired in.</summary>
    public static LoadSnapshot Unknown(DateTimeOffset timestamp) => new(
        timestamp, double.NaN, double.NaN, TimeSpan.Zero, double.NaN,
        FrozenDictionary<LoadSignal, double>.Empty, FrozenDictionary<LoadSignal, double>.Empty,
        FrozenSet<LoadSignal>.Empty, FrozenSet<LoadSignal>.Empty, LoadSignals.All.ToFrozenSet());

    /// <summary>
    /// A synthetic snapshot for tests and trace replays: <paramref name="overloaded"/> are overloaded
    /// in the current window and the history (share 1), every other signal idle (share 0, value 0).
    /// </summary>
    public static LoadSnapshot Of(DateTimeOffset timestamp, params LoadSignal[] overloaded)
    {
        ArgumentNullException.ThrowIfNull(overloaded);
        var set = overloaded.ToFrozenSet();
        var shares = LoadSignals.All.ToFrozenDictionary(s => s, s => set.Contains(s) ? 1.0 : 0.0);
        return new LoadSnapshot(
            timestamp,
            set.Contains(LoadSignal.Cpu) ? 1.0 : 0.0,
            set.Contains(LoadSignal.Memory) ? 1.0 : 0.0,
            TimeSpan.Zero,
            set.Contains(LoadSignal.Gc) ? 1.0 : 0.0,
            shares, shares, set, set, FrozenSet<LoadSignal>.Empty);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        static string Percent(double ratio) => double.IsNaN(ratio) ? "?" : $"{ratio * 100:0}%";
        var verdict = Overloaded ? $"overloaded: {string.Join(", ", OverloadedSignals.Order().Select(s => s.ConfigName()))}" : "ok";
        return $"cpu {Percent(Cpu)} mem {Percent(Memory)} lag {SchedulingLag.TotalMilliseconds:0}ms gc {Percent(GcTimeRatio)} {verdict}";
    }

    private static void Ratio(double value, string name)
    {
        if (!double.IsNaN(value) && (value < 0 || value > 1))
        {
            throw new ArgumentException($"{name} must be a ratio in 0..1 or NaN, was: [{value}]", name);
        }
    }
}

/// <summary>Asks a <c>SystemLoad</c> actor for its latest <see cref="LoadSnapshot"/>.</summary>
public sealed class GetLoad : INoSerializationVerificationNeeded
{
    private GetLoad()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetLoad Instance { get; } = new();
}

/// <summary>
/// Subscribes an actor to a <c>SystemLoad</c> actor: it receives every new <see cref="LoadSnapshot"/>,
/// one per sample interval, until it sends <see cref="UnsubscribeLoad"/> or stops (subscribers are
/// watched). Subscribing twice has no further effect.
/// </summary>
public sealed record SubscribeLoad : INoSerializationVerificationNeeded
{
    /// <summary>Subscribes <paramref name="subscriber"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    public SubscribeLoad(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Subscriber = subscriber;
    }

    /// <summary>The actor that receives the snapshots.</summary>
    public IActorRef Subscriber { get; }
}

/// <summary>Ends a <see cref="SubscribeLoad"/>; unknown subscribers are ignored.</summary>
public sealed record UnsubscribeLoad : INoSerializationVerificationNeeded
{
    /// <summary>Unsubscribes <paramref name="subscriber"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    public UnsubscribeLoad(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Subscriber = subscriber;
    }

    /// <summary>The actor to unsubscribe.</summary>
    public IActorRef Subscriber { get; }
}
