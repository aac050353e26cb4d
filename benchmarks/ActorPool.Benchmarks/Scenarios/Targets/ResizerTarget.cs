using Akka.Actor;
using Akka.Routing;

namespace ActorPool.Benchmarks.Scenarios.Targets;

/// <summary>
/// Akka.NET's real <see cref="DefaultResizer"/> on a <see cref="RoundRobinPool"/>: its defaults
/// (pressure-threshold 1, rampup-rate 0.2, backoff-threshold 0.3, backoff-rate 0.1,
/// messages-per-resize 10) with the scenario's lower and upper bound. Routees run on a
/// <c>PinnedDispatcher</c> (a thread each, Akka's advice for blocking actors), so the routee count
/// is the concurrency; jobs go by <c>Ask</c>. Its control tick is every 10 messages sent.
/// </summary>
internal sealed class ResizerTarget : IScenarioTarget
{
    private const string Config = """
        akka.loglevel = WARNING
        scenario-pinned { type = PinnedDispatcher }
        """;

    private readonly ActorSystem _system = ActorSystem.Create("scenario-resizer", Config);
    private readonly IActorRef _router;
    private long _sent;
    private volatile int _size;
    private volatile bool _stopped;

    public ResizerTarget(int lower, int upper)
    {
        var pool = new RoundRobinPool(lower, new DefaultResizer(lower, upper));
        _router = _system.ActorOf(Props.Create<WorkloadRoutee>().WithDispatcher("scenario-pinned").WithRouter(pool), "router");
        _size = lower;
        _ = PollAsync();
    }

    /// <summary>Asks the router for its routees every 100 ms, so a slow answer never holds up the recorder.</summary>
    private async Task PollAsync()
    {
        while (!_stopped)
        {
            try
            {
                _size = (await _router.Ask<Routees>(GetRoutees.Instance, TimeSpan.FromSeconds(5))).Members.Count();
            }
            catch (AskTimeoutException)
            {
            }
            await Task.Delay(100);
        }
    }

    public Task RunAsync(Workload job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return _router.Ask<int>(job, cancellationToken);
    }

    public int Size() => _size;

    public double? Ticks => Interlocked.Read(ref _sent) / 10.0;

    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        await _system.Terminate();
    }

    private sealed class WorkloadRoutee : ReceiveActor
    {
        public WorkloadRoutee() => Receive<Workload>(job => Sender.Tell(job.Run()));
    }
}
