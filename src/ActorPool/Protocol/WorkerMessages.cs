using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Replaces every worker of every pool of a supervisor, leased pools included, like loky's
/// <c>kill_workers</c>. Queued jobs run on the fresh workers. A worker thread cannot be killed: a
/// running job finishes on its old thread, which then ends (its async job's token is not
/// cancelled). The process backend kills each child, and its running jobs fail with
/// <c>WorkerCrashedException</c>. Reply: <see cref="Akka.Done"/>.
/// </summary>
public sealed class KillWorkers : IPortableMessage
{
    /// <summary>The message.</summary>
    public static readonly KillWorkers Instance = new();

    private KillWorkers()
    {
    }
}

/// <summary>
/// Stops a <c>PoolSupervisor</c> without cutting work off: new jobs and leases are refused at once,
/// queued and running jobs finish, active leases run to their release or expiry, every pool's
/// workers end, then the supervisor stops. Reply: <see cref="Akka.Done"/>, just before it stops.
/// Stopping the actor directly (<c>Context.Stop</c>) instead drops queued jobs and cancels running ones.
/// </summary>
public sealed class StopGracefully : IPortableMessage
{
    /// <summary>The message.</summary>
    public static readonly StopGracefully Instance = new();

    private StopGracefully()
    {
    }
}

/// <summary>
/// Replaces a running supervisor's settings in one step. Reply: <see cref="Akka.Done"/>, or
/// <see cref="Status.Failure"/> with an <see cref="ArgumentException"/> naming every invalid key
/// when the update is refused; a refused update changes nothing.
/// </summary>
/// <remarks>
/// <para>
/// Pool bounds, units per pool, sizing, check interval, signal-failure mode and queue limit apply
/// at once (the target is decided again; the sizing policy starts afresh). A new
/// <c>workers-per-pool</c> resizes every pool in place: extra workers leave after their current
/// job. The <c>workers</c> block applies to pools started from now on, its job timeout to jobs
/// submitted from now on; the <c>lease</c> block to leases granted from now on (granted ones keep
/// their deadlines); the <c>pull</c> block to runs started from now on. <c>logging-interval</c>
/// applies at once.
/// </para>
/// <para>
/// <see cref="UpdateSettings(PoolSettings)"/> replaces the settings whole;
/// <see cref="Change"/> computes them from the supervisor's current ones inside the supervisor, so
/// two changes never overwrite each other.
/// </para>
/// </remarks>
public sealed class UpdateSettings : INoSerializationVerificationNeeded
{
    private readonly PoolSettings? _settings;
    private readonly Func<PoolSettings, PoolSettings>? _change;

    /// <summary>Replaces the settings whole.</summary>
    /// <param name="settings">The new settings; checked by the supervisor before anything changes.</param>
    public UpdateSettings(PoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    private UpdateSettings(Func<PoolSettings, PoolSettings> change)
    {
        _change = change;
    }

    /// <summary>Changes the settings from the supervisor's current ones, e.g. <c>UpdateSettings.Change(s =&gt; s with { MaxPools = 6 })</c>.</summary>
    /// <param name="change">Applied inside the supervisor; it must not block. If it throws, the update is refused with its exception.</param>
    /// <returns>The message.</returns>
    public static UpdateSettings Change(Func<PoolSettings, PoolSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new UpdateSettings(change);
    }

    /// <summary>The settings this update leads to from <paramref name="current"/>, checked.</summary>
    /// <param name="current">The supervisor's settings now.</param>
    /// <returns>The new settings.</returns>
    /// <exception cref="ArgumentException">The result is invalid, or the change threw (any exception it throws is wrapped in one).</exception>
    public PoolSettings From(PoolSettings current)
    {
        var next = _settings ?? Changed(current) ?? throw new ArgumentException("UpdateSettings.Change returned null settings");
        return next.Validate();
    }

    // The user's lambda failing is bad input, not a bug of the supervisor: refused like invalid settings.
    private PoolSettings? Changed(PoolSettings current)
    {
        try
        {
            return _change!(current);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new ArgumentException($"UpdateSettings.Change threw {e.GetType().Name}: {e.Message}", e);
        }
    }
}

/// <summary>
/// Sets a running supervisor's pool bounds (<c>min-pools</c>, <c>max-pools</c>) at once: the target
/// is decided again within them and the pools move to it; a leased pool is never revoked by it (it
/// drains when returned, if it is then above the target). Reply: <see cref="Akka.Done"/> once
/// applied, or <see cref="Status.Failure"/> with an <see cref="ArgumentException"/> naming each
/// invalid key and value (a negative minimum, a maximum below 1, a minimum above the maximum); a
/// refused change changes nothing.
/// </summary>
/// <remarks>
/// The same as <c>UpdateSettings.Change(s =&gt; s with { MinPools = min, MaxPools = max })</c>, as data:
/// it can cross nodes (e.g. in a <c>PoolEnvelope</c> to a cluster pool group).
/// </remarks>
/// <param name="MinPools">The fewest pools to keep, zero or more.</param>
/// <param name="MaxPools">The most pools at once, leased ones included; at least 1 and at least <paramref name="MinPools"/>.</param>
public sealed record SetPoolBounds(int MinPools, int MaxPools) : IPortableMessage;
