using Akka.Event;

namespace ActorPool.Process;

/// <summary>What a <see cref="ProcessWorker"/> is made from.</summary>
/// <remarks>Immutable once the worker is created: the worker takes a snapshot of <see cref="Jobs"/>.</remarks>
public sealed record ProcessWorkerOptions
{
    /// <summary>The worker's name, used in log lines and errors; a pool adapter passes
    /// <c>&lt;pool&gt;-worker-&lt;k&gt;</c>.</summary>
    /// <value>The default value is <c>process-worker</c>.</value>
    public string Name { get; init; } = "process-worker";

    /// <summary>The <c>actor-pool.process</c> settings.</summary>
    /// <value>The default value is the embedded defaults.</value>
    public ProcessSettings Settings { get; init; } = new();

    /// <summary>The allow-list of job types (and the initializer) its children may load.</summary>
    /// <value>The default value is an empty registry.</value>
    public ProcessJobRegistry Jobs { get; init; } = new();

    /// <summary>Environment variables for this worker's children, over <see cref="ProcessSettings.Env"/>.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the children's output goes: stderr lines at Warning, Console.Out lines at
    /// Info, starts and exits at Info or Warning. Akka's adapter, because a pool lives in an actor
    /// system and its logs should go where the system's go, under the pool's name.</summary>
    /// <value>The default value is <see cref="NoLogger.Instance"/>.</value>
    public ILoggingAdapter Log { get; init; } = NoLogger.Instance;

    /// <summary>The clock of start, stop and job timeouts (tests pass a fake one).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called on a thread-pool thread after each child has ended, with why; a pool adapter
    /// counts capacity and raises idle notices from it. It must not throw.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<ChildExit>? ChildExited { get; init; }

    /// <summary>Called as each child starts, with how many this worker has started: a pool counts
    /// the replacements among its workers started.</summary>
    internal Action<int>? ChildStarted { get; init; }
}
