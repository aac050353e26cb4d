namespace ActorPool.Internal.Leasing;

/// <summary>
/// One timer of the injected <see cref="TimeProvider"/> for every deadline of a lease desk, armed
/// for the earliest one. Arming for a later deadline than the one armed costs nothing, which is
/// the common case (leases of one length granted in turn), so a grant creates no timer.
/// </summary>
/// <remarks>
/// The callback is given the clock's reading and acts only on deadlines at or before it: a timer
/// that fires early (its resolution is coarser than the clock's) just re-arms for the rest, so no
/// deadline is ever acted on before its time.
/// </remarks>
internal sealed class LeaseClock : IDisposable
{
    /// <summary>The longest single wait a timer takes here (about 24.8 days); a later deadline re-arms on the way.</summary>
    public static readonly TimeSpan MaxWait = Settings.DurationLimits.Max;

    private readonly TimeProvider _clock;
    private readonly Action<long> _due;
    private readonly ITimer _timer;
    private readonly bool _wholeMilliseconds;
    private long _armedFor = long.MaxValue;

    public LeaseClock(TimeProvider clock, Action<long> due)
    {
        _clock = clock;
        _due = due;
        _wholeMilliseconds = ReferenceEquals(clock, TimeProvider.System);
        _timer = clock.CreateTimer(static self => ((LeaseClock)self!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public static long Ticks(TimeProvider clock, TimeSpan span) =>
        (long)(span.Ticks * (clock.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>Makes sure the timer fires by <paramref name="deadline"/>; the caller holds the desk's lock.</summary>
    public void Arm(long deadline, long now)
    {
        if (deadline < _armedFor)
        {
            Set(deadline, now);
        }
    }

    /// <summary>After a tick: the next deadline, whatever was armed before; the caller holds the desk's lock.</summary>
    public void Rearm(long deadline, long now)
    {
        _armedFor = long.MaxValue;
        if (deadline != long.MaxValue)
        {
            Set(deadline, now);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Set(long deadline, long now)
    {
        _armedFor = deadline;
        var due = _clock.GetElapsedTime(now, deadline);
        due = due <= TimeSpan.Zero ? TimeSpan.Zero : due >= MaxWait ? MaxWait : due;
        if (_wholeMilliseconds)
        {
            // The system timer counts whole milliseconds and truncates: it would fire just before the
            // deadline, find nothing due, and cost a second trip through the thread pool. Rounded up,
            // it fires once, at or just after it. (A test's clock fires at the exact tick.)
            due = TimeSpan.FromMilliseconds(Math.Ceiling(due.TotalMilliseconds));
        }
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Fire() => _due(_clock.GetTimestamp());
}
