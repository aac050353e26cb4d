using ActorPool.Internal.Settings;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool;

/// <summary>
/// Immutable settings of one <c>PoolSupervisor</c>: the <c>actor-pool</c> HOCON block.
/// </summary>
/// <remarks>
/// <para>
/// Read them with <see cref="Create(ActorSystem)"/> (the system's <c>actor-pool</c> block over the
/// embedded defaults) or <see cref="Create(Config)"/>, then change them in code with
/// <c>with { MinPools = 2 }</c>, which returns a copy. Property names follow the HOCON keys
/// (<c>min-pools</c> is <see cref="MinPools"/>); each key is documented, with an example, in
/// <c>HOCON/reference.conf</c>. A parameterless <c>new PoolSettings()</c> holds the same defaults.
/// </para>
/// <para>
/// Configuration is checked when it is read: a bad value or an unknown key throws one
/// <see cref="ArgumentException"/> that lists every problem, each naming the full key and the
/// value, e.g. <c>actor-pool.min-pools must be &lt;= actor-pool.max-pools, was: [5] &gt; [3]</c>.
/// A copy made with <c>with</c> is checked by <see cref="Validate"/>.
/// </para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed record PoolSettings
{
    /// <summary>
    /// The fewest pools the supervisor keeps, whatever the signal says (HOCON
    /// <c>actor-pool.min-pools</c>). Must be at least 0 and at most <see cref="MaxPools"/>.
    /// </summary>
    /// <value>The default value is 1.</value>
    public int MinPools { get; init; } = 1;

    /// <summary>
    /// The most pools that may exist at once, draining ones included (HOCON
    /// <c>actor-pool.max-pools</c>). Must be at least 1.
    /// </summary>
    /// <value>The default value is 8.</value>
    public int MaxPools { get; init; } = 8;

    /// <summary>
    /// How many units (devices, tenants, sessions...) one pool serves (HOCON
    /// <c>actor-pool.units-per-pool</c>). Must be at least 1. See <see cref="DesiredPools"/>.
    /// </summary>
    /// <value>The default value is 10.</value>
    public int UnitsPerPool { get; init; } = 10;

    /// <summary>
    /// Dedicated worker threads in each pool, so the most jobs one pool runs at once (HOCON
    /// <c>actor-pool.workers-per-pool</c>). Must be at least 1.
    /// </summary>
    /// <value>The default value is 4.</value>
    public int WorkersPerPool { get; init; } = 4;

    /// <summary>
    /// How often the supervisor re-reads its size provider on its own (HOCON
    /// <c>actor-pool.check-interval</c>). Must be positive and at most 24.20:31:23.647
    /// (<see cref="int.MaxValue"/> milliseconds, the longest Akka's scheduler waits).
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// What a failing size provider does to the unit count (HOCON
    /// <c>actor-pool.on-signal-failure</c>: <c>hold</c> or <c>zero</c>).
    /// </summary>
    /// <value>The default value is <see cref="SignalFailureMode.Hold"/>.</value>
    public SignalFailureMode OnSignalFailure { get; init; } = SignalFailureMode.Hold;

    /// <summary>
    /// The most jobs that may wait in the pools' queues while every worker is busy; past it a
    /// submit is refused (HOCON <c>actor-pool.max-queued-jobs</c>). Must be at least 0; 0 refuses
    /// a job at once when no worker is free.
    /// </summary>
    /// <value>The default value is 10000.</value>
    public int MaxQueuedJobs { get; init; } = 10_000;

    /// <summary>
    /// How often each supervisor logs its state line, or <see langword="null"/> for never (HOCON
    /// <c>actor-pool.logging-interval</c>: a positive duration, or <c>off</c> or <c>0s</c> for
    /// never). Must be at most 24.20:31:23.647.
    /// </summary>
    /// <remarks>
    /// <see cref="TimeSpan.Zero"/> also means never, as it does for the hosting option
    /// <c>ActorPoolOptions.LoggingInterval</c>; it is kept as <see langword="null"/>, so settings
    /// that differ only in how they say "never" are equal.
    /// </remarks>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan? LoggingInterval
    {
        get;
        init => field = value == TimeSpan.Zero ? null : value;
    } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The state line's period when it is on, or <see langword="null"/> when it is off: never zero
    /// or negative, so it can be given to a timer as it is.
    /// </summary>
    internal TimeSpan? LoggingEvery => LoggingInterval is { } every && every > TimeSpan.Zero ? every : null;

    /// <summary>
    /// Which policy sizes the pools and the stages around it (HOCON block <c>actor-pool.sizing</c>).
    /// </summary>
    /// <value>The default value is a <see cref="SizingSettings"/> with its own defaults: the <c>units</c> policy.</value>
    public SizingSettings Sizing { get; init; } = new();

    /// <summary>How long leases last and how they end (HOCON block <c>actor-pool.lease</c>).</summary>
    /// <value>The default value is a <see cref="LeaseSettings"/> with its own defaults.</value>
    public LeaseSettings Lease { get; init; } = new();

    /// <summary>How a pull-mode run (<see cref="Run"/>, <see cref="PoolClient.RunAsync"/>) pulls its tasks (HOCON <c>actor-pool.pull</c>).</summary>
    /// <value>The default value is a <see cref="PullSettings"/> with its own defaults.</value>
    public PullSettings Pull { get; init; } = new();

    /// <summary>
    /// Where the pools' workers run and how they live, are recycled and are limited (HOCON block
    /// <c>actor-pool.workers</c>).
    /// </summary>
    /// <value>The default value is a <see cref="WorkerSettings"/> with its own defaults: reused threads.</value>
    public WorkerSettings Workers { get; init; } = new();

    /// <summary>
    /// Reads the <c>actor-pool</c> block of the system's configuration, after adding the embedded
    /// defaults as the system's lowest-priority fallback (once per system).
    /// </summary>
    /// <param name="system">The actor system whose configuration is read.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ArgumentException">
    /// A value is invalid or a key is unknown; <c>actor-pool</c> is not a block; or the application
    /// sets no <c>actor-pool</c> key but a root key that looks like a misspelling of it
    /// (<c>actor-pools</c>, <c>actorpool</c>).
    /// </exception>
    public static PoolSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        ActorPoolConfig.EnsureInjected(system);
        return Create(RootBlock.Of(system.Settings.Config));
    }

    /// <summary>
    /// Reads the <c>actor-pool</c> block of the system's configuration, as
    /// <see cref="Create(ActorSystem)"/> does, with <paramref name="overrides"/> on top: the
    /// settings of one supervisor that differs from the system-wide block. Only the result is
    /// checked, so a system-wide value that the overrides make valid is accepted.
    /// </summary>
    /// <param name="system">The actor system whose configuration is read.</param>
    /// <param name="overrides">
    /// Keys relative to <c>actor-pool</c> that win over the system's block, e.g.
    /// <c>ConfigurationFactory.ParseString("max-pools = 12")</c>.
    /// </param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Create(ActorSystem)"/>.</exception>
    public static PoolSettings Create(ActorSystem system, Config overrides)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(overrides);
        ActorPoolConfig.EnsureInjected(system);
        RootBlock.ThrowIfNotABlock(overrides);
        return Create(overrides.WithFallback(RootBlock.Of(system.Settings.Config)));
    }

    /// <summary>
    /// Reads a block shaped like <c>actor-pool</c> (the block itself, not its parent). Keys it
    /// lacks take their embedded defaults, so <c>ConfigurationFactory.ParseString("max-pools = 5")</c>
    /// is enough.
    /// </summary>
    /// <param name="config">The block to read.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ArgumentException">
    /// A value is invalid or a key is unknown, or <paramref name="config"/> is a value, not a block.
    /// </exception>
    public static PoolSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PoolSettingsReader.Read(config);
    }

    /// <summary>
    /// The number of pools wanted for <paramref name="units"/> units:
    /// <c>min(MaxPools, max(MinPools, ceil(units / UnitsPerPool)))</c>, the <c>units</c> policy's rule.
    /// </summary>
    /// <param name="units">The unit count, at least 0.</param>
    /// <returns>The desired pool count, between <see cref="MinPools"/> and <see cref="MaxPools"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is negative.</exception>
    /// <exception cref="InvalidOperationException"><see cref="UnitsPerPool"/> is below 1.</exception>
    public int DesiredPools(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if (UnitsPerPool < 1)
        {
            throw new InvalidOperationException(
                PoolSettingsValidator.InvalidUnitsPerPoolMessage(UnitsPerPool));
        }

        // The rule lives behind the sizing seam now; this stays as a forwarder (public API).
        return Internal.Sizing.UnitsPolicy.DesiredPools(units, UnitsPerPool, MinPools, MaxPools);
    }

    /// <summary>Checks every value, for settings changed in code with <c>with</c>.</summary>
    /// <returns>These settings, unchanged.</returns>
    /// <exception cref="ArgumentException">
    /// One or more values are invalid; the message lists each, naming its HOCON key and value.
    /// </exception>
    public PoolSettings Validate()
    {
        SettingsErrors.ThrowIfAny(PoolSettingsValidator.Validate(this));
        return this;
    }
}
