namespace ActorPool.Internal.Leasing;

/// <summary>How far a lease is from its deadlines, computed from one clock reading.</summary>
/// <param name="UntilSoftExpiry">Time left until soft expiry; negative once past it.</param>
/// <param name="UntilHardExpiry">Time left until hard expiry (revocation); negative once past it.</param>
internal readonly record struct LeaseDeadlines(TimeSpan UntilSoftExpiry, TimeSpan UntilHardExpiry)
{
    public bool SoftExpired => UntilSoftExpiry <= TimeSpan.Zero;

    public bool HardExpired => UntilHardExpiry <= TimeSpan.Zero;
}

/// <summary>
/// A lease's deadlines, as plain arithmetic on an injected <see cref="TimeProvider"/>: soft expiry
/// at grant + leaseFor (moved by renewals), hard expiry one grace later, renewals capped at
/// grant + <c>lease.max-total</c>. Written under the lease desk's lock; read from any thread.
/// </summary>
/// <remarks>
/// Every decision reads the clock once (<see cref="Read()"/>, <see cref="Renew"/>): two readings
/// could straddle a deadline, so that a lease looked both expired and not, or a reply paired a
/// soft and a hard expiry that were not one grace apart. Timestamps are clock ticks; durations are
/// bounded by the settings (at most about 24.8 days each), so no sum here overflows.
/// </remarks>
internal sealed class LeaseTerms
{
    private readonly TimeProvider _clock;
    private readonly long _grantedAt;
    private readonly long _grace;
    private readonly long _maxDeadline;
    private long _softDeadline;

    public LeaseTerms(TimeProvider clock, TimeSpan leaseFor, LeaseSettings settings)
        : this(clock, clock.GetTimestamp(), leaseFor, settings)
    {
    }

    public LeaseTerms(TimeProvider clock, long grantedAt, TimeSpan leaseFor, LeaseSettings settings)
    {
        _clock = clock;
        Settings = settings;
        _grantedAt = grantedAt;
        _grace = Ticks(settings.Grace);
        _maxDeadline = _grantedAt + Ticks(settings.MaxTotal);
        _softDeadline = _grantedAt + Ticks(leaseFor);
    }

    public LeaseSettings Settings { get; }

    public TimeSpan UntilSoftExpiry => Read().UntilSoftExpiry;

    /// <summary>The soft deadline, as a timestamp of the clock.</summary>
    public long SoftDeadline => Volatile.Read(ref _softDeadline);

    /// <summary>The hard deadline (revocation), as a timestamp of the clock.</summary>
    public long HardDeadline => SoftDeadline + _grace;

    /// <summary>Both deadlines as seen now, from one clock reading.</summary>
    public LeaseDeadlines Read() => Read(_clock.GetTimestamp());

    /// <summary>Both deadlines as seen at <paramref name="now"/>.</summary>
    public LeaseDeadlines Read(long now) => At(now, Volatile.Read(ref _softDeadline));

    /// <summary>Moves the soft deadline by <paramref name="extra"/> from where it is, or from now if it has
    /// passed (a renewal in the grace period saves the lease), never past max-total from the grant:
    /// a longer renewal is capped there and says so.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extra"/> is not positive.</exception>
    /// <exception cref="LeaseExpiredException">The hard deadline has passed: the lease is being revoked.</exception>
    /// <exception cref="InvalidOperationException">The lease already runs to its max-total.</exception>
    public LeaseRenewed Renew(string leaseId, TimeSpan extra)
    {
        if (extra <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(extra), extra, $"renew extra must be > 0, was: [{extra}]");
        }
        var now = _clock.GetTimestamp();
        var current = Volatile.Read(ref _softDeadline);
        // The revocation may not have run yet, but the lease is past saving.
        if (At(now, current).HardExpired)
        {
            throw new LeaseExpiredException($"{leaseId} passed its hard expiry; a renewal comes too late");
        }
        if (current >= _maxDeadline)
        {
            throw new InvalidOperationException(
                $"{leaseId} already runs to actor-pool.lease.max-total = {Settings.MaxTotal} from its grant; it cannot be renewed");
        }
        var from = Math.Max(current, now);
        // Compared as durations, so an extra of TimeSpan.MaxValue caps instead of overflowing.
        var capped = extra >= _clock.GetElapsedTime(from, _maxDeadline);
        var deadline = capped ? _maxDeadline : from + Ticks(extra);
        Volatile.Write(ref _softDeadline, deadline);
        var after = At(now, deadline);
        return new LeaseRenewed(leaseId, after.UntilSoftExpiry, after.UntilHardExpiry, capped);
    }

    private LeaseDeadlines At(long now, long softDeadline)
    {
        var untilSoft = _clock.GetElapsedTime(now, softDeadline);
        return new LeaseDeadlines(untilSoft, untilSoft + Settings.Grace);
    }

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (_clock.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
