using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Samples.AdaptiveSizing;

/// <summary>
/// The live demo behind <c>--live</c> and <c>--timeline</c>: devices come and go in waves, so the
/// supervisor grows and shrinks its pools, and the devices send jobs, with a burst now and then
/// that outruns the workers so a queue forms and drains.
/// </summary>
/// <remarks>
/// The wave is a slow sine of the device count (0 to 50 devices, 1 to 5 pools); each connected
/// device sends about one job every two seconds; every <c>s_burstEvery</c> a burst of jobs
/// arrives at once. A job sleeps most of its time (I/O-like) and spins a little, so the CPU panel
/// moves without starving the machine.
/// </remarks>
internal sealed class Workload : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_burstEvery = TimeSpan.FromSeconds(7);
    private const int MaxDevices = 50;
    private const int BurstJobs = 60;

    private readonly ConcurrentDictionary<string, bool> _devices = new();
    private readonly TimeSpan _wavePeriod;
    private long _submitted;
    private long _failed;
    private int _outstanding;

    private Workload(ActorSystem system, TimeSpan wavePeriod)
    {
        System = system;
        _wavePeriod = wavePeriod;
        var settings = PoolSettings.Create(system) with
        {
            MinPools = 1,
            MaxPools = 5,
            UnitsPerPool = 10,
            WorkersPerPool = 2,
            // The workload rechecks on every change of the device count; this is the backstop.
            CheckInterval = TimeSpan.FromSeconds(5),
        };
        Supervisor = system.ActorOf(PoolSupervisor.Props(settings, () => _devices.Count), "pools");
        Client = ActorPools.Get(system).Client(Supervisor);
    }

    public ActorSystem System { get; }

    public IActorRef Supervisor { get; }

    public PoolClient Client { get; }

    /// <summary>Connected devices now.</summary>
    public int Devices => _devices.Count;

    /// <summary>Jobs submitted so far.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Starts an actor system named like the default story's, with its supervisor <c>/user/pools</c>.</summary>
    /// <param name="wavePeriod">How long one wave of devices (0 -> 50 -> 0) takes.</param>
    public static Workload Start(TimeSpan wavePeriod)
    {
        // The state line would scroll the live output away; warnings still show.
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
        return new Workload(ActorSystem.Create("adaptive-sizing", config), wavePeriod);
    }

    /// <summary>Drives devices and jobs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var nextBurst = s_burstEvery;
        var carry = 0.0;
        using var timer = new PeriodicTimer(s_tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (MoveDevices(elapsed))
                {
                    Client.Recheck();
                }
                // Each device sends a job about every two seconds.
                carry += _devices.Count * s_tick.TotalSeconds / 2;
                var jobs = (int)carry;
                carry -= jobs;
                if (elapsed >= nextBurst)
                {
                    jobs += BurstJobs;
                    nextBurst += s_burstEvery;
                }
                for (var i = 0; i < jobs; i++)
                {
                    Submit();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The time is up, or Ctrl-C.
        }
    }

    /// <summary>Connects or disconnects a few devices toward the wave's count; whether any changed.</summary>
    private bool MoveDevices(TimeSpan elapsed)
    {
        var phase = 2 * Math.PI * elapsed.TotalSeconds / _wavePeriod.TotalSeconds;
        // Starts at 0 devices, peaks at MaxDevices half a period later.
        var target = (int)Math.Round(MaxDevices * (1 - Math.Cos(phase)) / 2);
        var changed = false;
        // At most 3 a tick, so the count ramps rather than jumps.
        for (var step = 0; step < 3 && _devices.Count != target; step++)
        {
            if (_devices.Count < target)
            {
                _devices[$"device-{Guid.NewGuid():N}"] = true;
            }
            else
            {
                _devices.TryRemove(_devices.Keys.First(), out _);
            }
            changed = true;
        }
        return changed;
    }

    private void Submit()
    {
        // A bound on jobs in flight keeps a slow machine from piling up work without end.
        if (Interlocked.Increment(ref _outstanding) > 400)
        {
            Interlocked.Decrement(ref _outstanding);
            return;
        }
        Interlocked.Increment(ref _submitted);
        var work = Random.Shared.Next(80, 240);
        Client.SubmitAsync(() => Job(work)).ContinueWith(
            (t, state) =>
            {
                var self = (Workload)state!;
                Interlocked.Decrement(ref self._outstanding);
                if (!t.IsCompletedSuccessfully)
                {
                    Interlocked.Increment(ref self._failed);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Mostly waiting, as a device's request would, with a few milliseconds of CPU.</summary>
    private static int Job(int milliseconds)
    {
        var spinUntil = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 5 / 1000;
        var spins = 0;
        while (TimeProvider.System.GetTimestamp() < spinUntil)
        {
            spins++;
        }
        Thread.Sleep(milliseconds);
        return spins;
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
