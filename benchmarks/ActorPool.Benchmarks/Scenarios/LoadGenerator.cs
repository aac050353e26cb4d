using System.Diagnostics;
using ActorPool.Benchmarks.Scenarios.Targets;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>
/// Drives a contender. Closed loop: N lanes that each submit a job, await it and submit the next
/// (a pipelined caller); <see cref="SetLanes"/> adds lanes or cancels the surplus ones (their
/// queued job is cancelled with them). Open loop: <see cref="RunOpenAsync"/> submits at a rate
/// from a dedicated thread, whatever the contender's latency.
/// </summary>
internal sealed class LoadGenerator(IScenarioTarget target, Recorder recorder, Workload workload)
{
    private readonly List<(Task Lane, CancellationTokenSource Stop)> _lanes = [];
    private long _failed;

    /// <summary>The workload of jobs submitted from now on.</summary>
    public Workload Workload { get; set; } = workload;

    public long Failed => Interlocked.Read(ref _failed);

    public void SetLanes(int lanes)
    {
        while (_lanes.Count < lanes)
        {
            var stop = new CancellationTokenSource();
            _lanes.Add((Task.Run(() => LaneAsync(stop.Token)), stop));
        }
        while (_lanes.Count > lanes)
        {
            var last = _lanes[^1];
            _lanes.RemoveAt(_lanes.Count - 1);
            last.Stop.Cancel();
        }
    }

    public async Task StopAsync()
    {
        var lanes = _lanes.ToList();
        SetLanes(0);
        await Task.WhenAny(Task.WhenAll(lanes.Select(l => l.Lane)), Task.Delay(TimeSpan.FromSeconds(10)));
    }

    private async Task LaneAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var at = Stopwatch.GetTimestamp();
            try
            {
                await target.RunAsync(Workload, stop);
                recorder.Completed1(at);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failed);
                await Task.Delay(1, CancellationToken.None);
            }
        }
    }

    /// <summary>Submits <paramref name="perSecond"/> jobs a second for <paramref name="duration"/>, then waits for them.</summary>
    public async Task RunOpenAsync(double perSecond, TimeSpan duration)
    {
        var pending = new List<Task>();
        var thread = new Thread(() =>
        {
            var clock = Stopwatch.StartNew();
            var sent = 0L;
            while (clock.Elapsed < duration)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
                for (; sent < due; sent++)
                {
                    pending.Add(SubmitOneAsync());
                }
                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Name = "scenario-open-loop" };
        thread.Start();
        await Task.Run(thread.Join);
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(10)));
    }

    private async Task SubmitOneAsync()
    {
        var at = Stopwatch.GetTimestamp();
        try
        {
            await target.RunAsync(Workload, CancellationToken.None);
            recorder.Completed1(at);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
