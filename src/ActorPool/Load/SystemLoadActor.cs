using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Load;

/// <summary>
/// The actor behind <see cref="SystemLoad.Props()"/>: a message switch that reads every probe each
/// <c>sample-interval</c>, records the sample in its <see cref="LoadHistory"/> and tells the snapshot
/// to its subscribers. The scheduling lag is measured here, with a timer tick on the actor's own
/// dispatcher, unless a probe for it was injected.
/// </summary>
internal sealed class SystemLoadActor : ReceiveActor, IWithTimers
{
    private const string SampleTimer = "sample";
    private const string LagTimer = "lag";

    // A broken probe fails every sample; it must not flood the log.
    private static readonly TimeSpan s_logFailureEvery = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SystemLoadSettings _settings;
    private readonly TimeProvider _time;
    private readonly Dictionary<LoadSignal, ILoadProbe> _probes = [];
    private readonly LoadHistory _history;
    private readonly LagMeter _lag;
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Dictionary<LoadSignal, DateTimeOffset> _lastFailureLog = [];
    private LoadSnapshot _latest;

    public SystemLoadActor(SystemLoadSettings? settings, TimeProvider time, IReadOnlyList<ILoadProbe>? probes)
    {
        _settings = settings ?? SystemLoadSettings.Create(Context.System);
        _time = time;
        _history = new LoadHistory(new LoadRules(_settings));
        _lag = new LagMeter(time);
        foreach (var probe in probes ?? BuiltIns(time))
        {
            _probes[probe.Signal] = probe;
        }

        _latest = LoadSnapshot.Unknown(time.GetUtcNow());

        Receive<SampleTick>(_ => Sample());
        Receive<LagTick>(OnLag);
        Receive<GetLoad>(_ => Sender.Tell(_latest));
        Receive<SubscribeLoad>(s =>
        {
            if (_subscribers.Add(s.Subscriber))
            {
                Context.Watch(s.Subscriber);
            }
        });
        Receive<UnsubscribeLoad>(u =>
        {
            if (_subscribers.Remove(u.Subscriber))
            {
                Context.Unwatch(u.Subscriber);
            }
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The probes of a real process; the scheduling lag is the actor's own.</summary>
    public static IReadOnlyList<ILoadProbe> BuiltIns(TimeProvider time) =>
        [new ProcessCpuProbe(time), new MemoryProbe(), new GcProbe(time), new ThreadPoolProbe()];

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(SampleTimer, SampleTick.Instance, _settings.SampleInterval);
        if (!_probes.ContainsKey(LoadSignal.SchedulingLag))
        {
            ScheduleLagTick();
        }
    }

    private void Sample()
    {
        var now = _time.GetUtcNow();
        var readings = new Dictionary<LoadSignal, LoadReading>();
        foreach (var probe in _probes.Values)
        {
            if (TryRead(probe, now) is { } reading)
            {
                readings[probe.Signal] = reading;
            }
        }

        if (!_probes.ContainsKey(LoadSignal.SchedulingLag))
        {
            readings[LoadSignal.SchedulingLag] = new LoadReading(_lag.Sample());
        }

        _latest = _history.Record(now, readings);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(_latest);
        }
    }

    private LoadReading? TryRead(ILoadProbe probe, DateTimeOffset now)
    {
        try
        {
            var reading = probe.Read();
            if (!double.IsFinite(reading.Value) || reading.Value < 0
                || !double.IsFinite(reading.Secondary) || reading.Secondary < 0)
            {
                throw new InvalidOperationException($"the probe returned [{reading.Value}, {reading.Secondary}]");
            }

            return reading;
        }
#pragma warning disable CA1031 // Whatever a probe throws makes its signal unknown; the actor keeps sampling.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailure(probe.Signal, now, e);
            return null;
        }
    }

    private void LogFailure(LoadSignal signal, DateTimeOffset now, Exception e)
    {
        if (_lastFailureLog.TryGetValue(signal, out var last) && now - last < s_logFailureEvery)
        {
            return;
        }

        _lastFailureLog[signal] = now;
        // The message only, no stack trace: a failing probe is a degraded signal, not a bug here.
        Internal.Diagnostics.Log.LoadProbeFailed(_log, Self.Path.ToString(), signal.ConfigName(), e);
    }

    private void OnLag(LagTick tick)
    {
        _lag.Ran(tick.Due);
        ScheduleLagTick();
    }

    private void ScheduleLagTick()
    {
        var interval = _settings.SchedulingLag.Interval;
        Timers.StartSingleTimer(LagTimer, new LagTick(_lag.Scheduled(interval)), interval);
    }

    private sealed class SampleTick : INoSerializationVerificationNeeded
    {
        public static readonly SampleTick Instance = new();
    }

    private sealed record LagTick(long Due) : INoSerializationVerificationNeeded;
}
