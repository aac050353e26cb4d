using ActorPool.Internal.Workers.Threads;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Workers;

/// <summary>What a runtime needs to start one pool.</summary>
/// <param name="Name">The pool's name (<c>pool-3</c>).</param>
/// <param name="Prefix">Its workers' name prefix (<c>pools-pool-3</c>).</param>
/// <param name="Workers">How many jobs it runs at once.</param>
/// <param name="Mode">Whose work it takes first.</param>
/// <param name="Shared">The supervisor's count of shared workers, kept by the pool.</param>
/// <param name="Capabilities">What the pool offers (<c>[gpu]</c>).</param>
/// <param name="Settings">The <c>workers</c> block.</param>
/// <param name="Clock">The supervisor's clock.</param>
/// <param name="System">The actor system, for a backend that needs it (logging, a child's link).</param>
/// <param name="Log">The supervisor's log.</param>
/// <param name="Supervisor">The supervisor's path, for the events the pool publishes.</param>
/// <param name="Publish">Publishes the pool's worker events; null publishes none.</param>
/// <param name="Meter">The supervisor's tags on the <c>ActorPool</c> meter, for the job-duration
/// histogram; null records nothing (a runtime a test starts alone).</param>
internal sealed record PoolStart(
    string Name, string Prefix, int Workers, PoolMode Mode, SharedWorkers? Shared, Dispatch.Requirement Capabilities,
    WorkerSettings Settings, TimeProvider Clock, ActorSystem? System, ILoggingAdapter? Log,
    string Supervisor = "", Action<PoolEvent>? Publish = null, Diagnostics.SupervisorMeter? Meter = null);

/// <summary>Starts pool runtimes for one backend (<c>workers.backend</c>).</summary>
internal interface IPoolRuntimeFactory
{
    IPoolRuntime Start(PoolStart start);
}

/// <summary>
/// The backends by name: threads are built in; the process backend lives in ActorPool.Process and
/// is found by its one fixed type name, so the core does not depend on it and a missing package
/// is reported when the settings are read.
/// </summary>
internal static class PoolRuntimes
{
    private const string ProcessFactory = "ActorPool.Internal.Process.ProcessRuntimeFactory, ActorPool.Process";

    private static readonly Lazy<IPoolRuntimeFactory?> s_process = new(() =>
        Type.GetType(ProcessFactory, throwOnError: false) is { } type ? (IPoolRuntimeFactory?)Activator.CreateInstance(type) : null);

    /// <summary>Why <paramref name="backend"/> cannot start pools here, or null when it can.</summary>
    public static string? Missing(WorkerBackend backend) =>
        backend == WorkerBackend.Process && Factory(backend) is null
            ? "needs the ActorPool.Process package (reference it from the application), and it could not be loaded"
            : null;

    public static IPoolRuntime Start(PoolStart start) =>
        (Factory(start.Settings.Backend) ?? throw new InvalidOperationException(Missing(start.Settings.Backend))).Start(start);

    private static IPoolRuntimeFactory? Factory(WorkerBackend backend) => backend switch
    {
        WorkerBackend.Process => s_process.Value,
        _ => ThreadRuntimeFactory.Instance,
    };
}
