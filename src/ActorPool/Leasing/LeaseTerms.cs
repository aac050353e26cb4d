namespace ActorPool.Internal.Leasing;

/// <summary>
/// A lease's deadlines, as plain arithmetic on an injected <see cref="TimeProvider"/>: soft expiry
/// at grant + leaseFor (moved by renewals), hard expiry one grace later, renewals capped at
/// grant + <c>lease.max-total</c>. Written by the lease's actor only; read from any thread.
/// </summary>
internal sealed class LeaseTerms
{
    private readonly TimeProvider _clock;
    private readonly long _grantedAt;
    private long _softDeadline;

    public LeaseTerms(TimeProvider clock, TimeSpan leaseFor, LeaseSettings settings)
    {
        _clock = clock;
        Settings = settings;
        _grantedAt = clock.GetTimestamp();
        _softDeadline = _grantedAt + Ticks(leaseFor);
    }

    public LeaseSettings Settings { get; }

    public TimeSpan UntilSoftExpiry => Between(Now, Volatile.Read(ref _softDeadline));

    public TimeSpan UntilHardExpiry => UntilSoftExpiry + Settings.Grace;

    /// <summary>Whether the soft deadline has passed (a renewal may have moved it since a timer was set).</summary>
    public bool SoftExpired => UntilSoftExpiry <= TimeSpan.Zero;

    public bool HardExpired => UntilHardExpiry <= TimeSpan.Zero;

    private long Now => _clock.GetTimestamp();

    private long MaxDeadline => _grantedAt + Ticks(Settings.MaxTotal);

    /// <summary>Moves the soft deadline by <paramref name="extra"/> from where it is, or from now if it has
    /// passed (a renewal in the grace period saves the lease), never past max-total from the grant.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extra"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The lease already runs to its max-total.</exception>
    public LeaseRenewed Renew(string leaseId, TimeSpan extra)
    {
        if (extra <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(extra), extra, $"renew extra must be > 0, was: [{extra}]");
        }
        var current = Volatile.Read(ref _softDeadline);
        if (current >= MaxDeadline)
        {
            throw new InvalidOperationException(
                $"{leaseId} already runs to actor-pool.lease.max-total = {Settings.MaxTotal} from its grant; it cannot be renewed");
        }
        var wanted = Math.Max(current, Now) + Ticks(extra);
        var capped = wanted > MaxDeadline;
        Volatile.Write(ref _softDeadline, capped ? MaxDeadline : wanted);
        return new LeaseRenewed(leaseId, UntilSoftExpiry, UntilHardExpiry, capped);
    }

    private long Ticks(TimeSpan span) => (long)(span.Ticks * (_clock.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    private TimeSpan Between(long from, long to) => _clock.GetElapsedTime(from, to);
}
