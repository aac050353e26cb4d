using ActorPool.Internal.Load;
using Akka.Actor;

namespace ActorPool;

/// <summary>
/// The actor that samples CPU, memory, scheduling lag, GC and .NET ThreadPool starvation and
/// decides when this process is overloaded, the way Crawlee's <c>Snapshotter</c> and
/// <c>SystemStatus</c> do. Use the one shared instance, <see cref="ActorPools.SystemLoad"/>, or
/// start your own with these props.
/// </summary>
/// <remarks>
/// <para>
/// Protocol: <see cref="GetLoad"/> answers the latest <see cref="LoadSnapshot"/>
/// (<see cref="LoadSnapshot.Unknown"/> before the first sample, one <c>sample-interval</c> after the
/// start); <see cref="SubscribeLoad"/> and <see cref="UnsubscribeLoad"/> manage subscribers, which
/// receive every snapshot and are watched. A probe that throws makes its signal unknown (never
/// overloaded) for that sample and is logged as a warning at most once a minute; the actor keeps
/// running. Settings: <c>actor-pool.system-load</c>, see <see cref="SystemLoadSettings"/>.
/// </para>
/// <para>
/// The scheduling lag is measured on the dispatcher the actor runs on: start it with
/// <c>Props.WithDispatcher(...)</c> to watch another one.
/// </para>
/// </remarks>
public static class SystemLoad
{
    /// <summary>
    /// The actor with the settings of <c>actor-pool.system-load</c> of the system it is started in,
    /// read when it starts (an invalid block fails the actor's start).
    /// </summary>
    public static Props Props() => Create(null, TimeProvider.System, null);

    /// <summary>The actor with explicit settings.</summary>
    /// <exception cref="ArgumentException">A value of <paramref name="settings"/> is invalid.</exception>
    public static Props Props(SystemLoadSettings settings) => Props(settings, TimeProvider.System);

    /// <summary>The actor with explicit settings and the time source of its timestamps and windows
    /// (a <c>FakeTimeProvider</c> in tests). Its timers still run on the actor system's scheduler.</summary>
    /// <exception cref="ArgumentException">A value of <paramref name="settings"/> is invalid.</exception>
    public static Props Props(SystemLoadSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Create(settings.Validate(), timeProvider, null);
    }

    /// <summary>For tests: each probe replaces the built-in of its signal; signals without a probe
    /// are never read and stay unknown, except the scheduling lag, which the actor then measures.</summary>
    internal static Props Props(SystemLoadSettings settings, TimeProvider timeProvider, IReadOnlyList<ILoadProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(probes);
        IReadOnlyList<ILoadProbe> copy = [.. probes];
        return Create(settings.Validate(), timeProvider, copy);
    }

    private static Props Create(SystemLoadSettings? settings, TimeProvider time, IReadOnlyList<ILoadProbe>? probes) =>
        Akka.Actor.Props.Create(() => new SystemLoadActor(settings, time, probes));
}
