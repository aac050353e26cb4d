using Akka.Actor;

namespace ActorPool.Benchmarks.Scenarios.Targets;

/// <summary>
/// A real ActorPool supervisor in its own actor system, jobs through <see cref="PoolClient"/>.
/// A supervisor whose policy reads the load subscribes to the system's shared
/// <see cref="SystemLoad"/> itself; <c>loadSettings</c> sets that actor's sampling (through
/// <c>actor-pool.system-load</c>), so there is one source of snapshots, as in an application.
/// </summary>
internal sealed class ActorPoolTarget : IScenarioTarget
{
    private readonly ActorSystem _system;
    private readonly PoolClient _client;
    private readonly SizeCache _size;

    private ActorPoolTarget(ActorSystem system, PoolClient client, SizeCache size)
    {
        _system = system;
        _client = client;
        _size = size;
    }

    public static async Task<ActorPoolTarget> StartAsync(PoolSettings settings, SystemLoadSettings? loadSettings)
    {
        var sampling = loadSettings is null
            ? ""
            : $"actor-pool.system-load.sample-interval = {(int)loadSettings.SampleInterval.TotalMilliseconds}ms";
        var system = ActorSystem.Create("scenario", $"akka.loglevel = WARNING\n{sampling}");
        var supervisor = system.ActorOf(PoolSupervisor.Props(settings), "pools");
        var client = ActorPools.Get(system).Client(supervisor);
        using var settle = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await client.AwaitSettledAsync(settle.Token);
        // The size is read from the published ScalingDecisions, not asked for: an Ask every sample
        // waits behind the very overload the scenarios make.
        var size = new SizeCache { Workers = status.Desired * status.WorkersPerPool };
        system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new DecisionListener(size, status.WorkersPerPool))), typeof(ScalingDecision));
        return new ActorPoolTarget(system, client, size);
    }

    public Task RunAsync(Workload job, CancellationToken cancellationToken) => _client.SubmitAsync(job.Run, cancellationToken);

    public int Size() => _size.Workers;

    public void Demand(int units) => _client.ScaleChanged(units);

    public async ValueTask DisposeAsync() => await _system.Terminate();

    private sealed class SizeCache
    {
        private int _workers;

        public int Workers { get => Volatile.Read(ref _workers); set => Volatile.Write(ref _workers, value); }
    }

    private sealed class DecisionListener : ReceiveActor
    {
        public DecisionListener(SizeCache size, int workersPerPool) =>
            Receive<ScalingDecision>(decision => size.Workers = decision.Desired * workersPerPool);
    }
}
