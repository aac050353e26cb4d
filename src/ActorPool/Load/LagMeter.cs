namespace ActorPool.Internal.Load;

/// <summary>
/// The scheduling lag: how late a tick ran against when it was due. The next tick is scheduled
/// only after the previous one ran, so a starved dispatcher shows as a growing lag, read at each
/// sample from the still-pending tick, rather than as a pile of queued ticks. Times are
/// <see cref="TimeProvider.GetTimestamp"/> values. Not thread-safe; owned by one actor.
/// </summary>
internal sealed class LagMeter(TimeProvider time)
{
    private long? _pendingDue;
    private TimeSpan _worst;
    private bool _measuredSinceSample;

    /// <summary>Notes a tick scheduled <paramref name="delay"/> from now, and returns when it is due.</summary>
    public long Scheduled(TimeSpan delay)
    {
        var due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        _pendingDue = due;
        return due;
    }

    /// <summary>Notes that the tick due at <paramref name="due"/> ran now.</summary>
    public void Ran(long due)
    {
        var lag = Late(due, time.GetTimestamp());
        // The worst lag since the last sample, as a sample covers several ticks.
        _worst = _measuredSinceSample && _worst > lag ? _worst : lag;
        _measuredSinceSample = true;
        _pendingDue = null;
    }

    /// <summary>The lag to report for a sample taken now, in milliseconds.</summary>
    public double Sample()
    {
        var lag = _worst;
        if (!_measuredSinceSample && _pendingDue is { } due)
        {
            // The tick has not run although it may be overdue: its lag is at least this much.
            var overdue = Late(due, time.GetTimestamp());
            lag = overdue > lag ? overdue : lag;
        }

        _measuredSinceSample = false;
        return lag.TotalMilliseconds;
    }

    private TimeSpan Late(long due, long now) => now > due ? time.GetElapsedTime(due, now) : TimeSpan.Zero;
}
