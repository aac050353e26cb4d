using System.Text.RegularExpressions;
using Akka.Actor;

namespace ActorPool.Internal.Reusable;

/// <summary>
/// The reusable executors of one actor system, by key, with loky's rules: the same options reuse
/// the executor; only a different worker count resizes it in place; any other difference shuts it
/// down (its jobs finish) and makes a new one; <c>KillWorkers</c> replaces a reused executor's
/// workers before it is returned.
/// </summary>
internal sealed partial class ReusableExecutors(ActorSystem system)
{
    private readonly Dictionary<string, ReusableExecutor> _executors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _made;

    public ReusableExecutor Get(ReusableExecutorOptions options)
    {
        Check(options);
        lock (_gate)
        {
            if (_executors.TryGetValue(options.Key, out var existing) && !existing.IsShutdown && !existing.Supervisor.IsNobody())
            {
                if (existing.Options.Identity == options.Identity)
                {
                    return Reuse(existing, options);
                }
                // Other options than the size: loky waits for the old executor's jobs and makes a new one.
                existing.MarkShutdown();
                existing.Supervisor.Tell(StopGracefully.Instance, ActorRefs.NoSender);
            }
            var made = Make(options);
            _executors[options.Key] = made;
            return made;
        }
    }

    private static ReusableExecutor Reuse(ReusableExecutor existing, ReusableExecutorOptions options)
    {
        if (existing.Options.MaxWorkers != options.MaxWorkers)
        {
            // Told, not asked: the supervisor resizes its pool in place before any later message of ours.
            existing.Supervisor.Tell(UpdateSettings.Change(s => s with { WorkersPerPool = options.MaxWorkers }), ActorRefs.NoSender);
        }
        if (options.KillWorkers)
        {
            _ = existing.ReplaceWorkers();
        }
        existing.Options = options with { KillWorkers = false };
        return existing;
    }

    private ReusableExecutor Make(ReusableExecutorOptions options)
    {
        var system = PoolSettings.Create(this.System);
        var settings = (system with
        {
            MinPools = 1,
            MaxPools = 1,
            WorkersPerPool = options.MaxWorkers,
            // One pool, whatever the system-wide sizing says.
            Sizing = new SizingSettings(),
            LoggingInterval = null,
            Workers = system.Workers with
            {
                Backend = options.Backend,
                IdleTimeout = options.IdleTimeout,
                Initializer = options.Initializer,
                JobTimeout = options.JobTimeout,
                BackendSettings = options.BackendSettings,
            },
        }).Validate();
        var supervisor = this.System.ActorOf(PoolSupervisor.Props(settings), $"reusable-{options.Key}-{++_made}");
        return new ReusableExecutor(options with { KillWorkers = false }, settings, supervisor, ActorPools.Get(this.System).Client(supervisor));
    }

    private ActorSystem System => system;

    private static void Check(ReusableExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Key is null || !KeyPattern().IsMatch(options.Key))
        {
            throw new ArgumentException($"ReusableExecutorOptions.Key must be letters, digits, '-' and '_', was: [{options.Key}]", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWorkers, 1, "options.MaxWorkers");
        if (options.IdleTimeout is { } idle)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, "options.IdleTimeout");
        }
        if (options.JobTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, "options.JobTimeout");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyPattern();
}
