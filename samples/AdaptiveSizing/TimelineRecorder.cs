namespace ActorPool.Samples.AdaptiveSizing;

/// <summary>One point of the timeline.</summary>
/// <param name="Seconds">Time since the recording started.</param>
/// <param name="Desired">The supervisor's target pool count.</param>
/// <param name="Total">Every pool that exists, draining ones included.</param>
/// <param name="Queued">Jobs accepted but not started.</param>
/// <param name="CpuPercent">Process CPU against the CPUs it may use; NaN when unknown.</param>
/// <param name="MemoryPercent">Memory in use against its limit; NaN when unknown.</param>
internal sealed record TimelineSample(double Seconds, int Desired, int Total, int Queued, double CpuPercent, double MemoryPercent);

/// <summary>Samples a supervisor's status every <see cref="Interval"/> while a workload runs.</summary>
internal sealed class TimelineRecorder(PoolClient client)
{
    /// <summary>Often enough to show each pool starting; the status is a cheap read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly List<TimelineSample> _samples = [];

    public IReadOnlyList<TimelineSample> Samples => _samples;

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                // The published snapshot: no Ask, so sampling does not queue behind the supervisor's
                // work. Null only before the supervisor first published; then ask once.
                var status = client.Status ?? await client.GetStatusAsync(cancellationToken);
                var load = status.Load;
                _samples.Add(new TimelineSample(
                    TimeProvider.System.GetElapsedTime(started).TotalSeconds,
                    status.Desired, status.Total, status.Queued, load.Cpu * 100, load.Memory * 100));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The recording time is up.
        }
    }
}
