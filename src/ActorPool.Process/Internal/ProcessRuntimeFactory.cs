using ActorPool.Internal.Process.Pool;
using ActorPool.Internal.Workers;
using ActorPool.Process;

namespace ActorPool.Internal.Process;

/// <summary>
/// The process backend's factory, found by the core under this exact type name when
/// <c>actor-pool.workers.backend = process</c> (see <c>PoolRuntimes</c>): the core holds no
/// reference to this package.
/// </summary>
internal sealed class ProcessRuntimeFactory : IPoolRuntimeFactory
{
    /// <remarks>Settings given in code (<see cref="ProcessBackend"/>) win; else the
    /// <c>actor-pool.process</c> block is read, over the embedded defaults, as each pool starts. A bad
    /// value fails that start, naming the key.</remarks>
    public IPoolRuntime Start(PoolStart start) =>
        new ProcessRuntime(start, start.Settings.BackendSettings as ProcessSettings
            ?? (start.System is { } system ? ProcessSettings.Create(system) : new ProcessSettings()));
}
