using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// The actor of one pool: it owns the pool's runtime and tells its parent when the runtime's
/// threads have ended. The runtime lives outside the actor instance, so a crashed pool actor is
/// restarted with the same threads and running jobs.
/// </summary>
internal sealed class ExecutorPoolActor : ReceiveActor
{
    private readonly IPoolRuntime _runtime;
    private readonly string _supervisorPath;

    public ExecutorPoolActor(IPoolRuntime runtime, string supervisorPath)
    {
        _runtime = runtime;
        _supervisorPath = supervisorPath;
        Receive<RuntimeEnded>(_ =>
        {
            Context.Parent.Tell(new PoolEnded(_runtime.Name));
            Context.Stop(Self);
        });
    }

    public static Props Props(IPoolRuntime runtime, string supervisorPath) =>
        Akka.Actor.Props.Create(() => new ExecutorPoolActor(runtime, supervisorPath));

    protected override void PreStart() =>
        _runtime.Terminated.PipeTo(Self, success: () => RuntimeEnded.Instance);

    // Keep the runtime across a restart: the default would stop it through PostStop.
    protected override void PreRestart(Exception reason, object message)
    {
        Internal.Diagnostics.Log.PoolRestarted(Context.GetLogger(), _runtime.Name, reason);
        Context.System.EventStream.Publish(new PoolCrashed(_supervisorPath, _runtime.Name, $"{reason.GetType().Name}: {reason.Message}"));
    }

    // The first incarnation's PreStart already pipes the runtime's end to this same actor ref:
    // piping it again on every restart would only send dead letters once the actor stops.
    protected override void PostRestart(Exception reason)
    {
    }

    protected override void PostStop() =>
        _runtime.Shutdown(new OperationCanceledException($"{_runtime.Name} stopped before the job started"));

    private sealed class RuntimeEnded
    {
        public static readonly RuntimeEnded Instance = new();
    }
}
