using Akka.Actor;

namespace ActorPool;

/// <summary>
/// The ActorPool extension of an actor system: the settings read from <c>actor-pool</c> and
/// clients of pool supervisors. Get it with <c>ActorPools.Get(system)</c>.
/// </summary>
public sealed class ActorPools : IExtension
{
    private readonly Lazy<PoolSettings> _settings;
    private readonly ExtendedActorSystem _system;
    private readonly Lock _systemLoadGate = new();
    private IActorRef? _systemLoad;
    private readonly Internal.Reusable.ReusableExecutors _reusable;

    internal ActorPools(ExtendedActorSystem system)
    {
        _system = system;
        // The defaults go in now, so the system's configuration shows them from the first use;
        // reading and checking the block waits until Settings is asked for.
        ActorPoolConfig.EnsureInjected(system);
        // PublicationOnly does not cache a failure: each read throws its own exception.
        _settings = new Lazy<PoolSettings>(() => PoolSettings.Create(system), LazyThreadSafetyMode.PublicationOnly);
        _reusable = new Internal.Reusable.ReusableExecutors(system);
    }

    /// <summary>
    /// The executor kept under <see cref="ReusableExecutorOptions.Key"/>, made on first use and
    /// reused after, with loky's rules: the same options return the same executor; a different
    /// <see cref="ReusableExecutorOptions.MaxWorkers"/> resizes it in place; any other difference
    /// lets its jobs finish, stops it and makes a new one; <see cref="ReusableExecutorOptions.KillWorkers"/>
    /// replaces the workers of a reused one before it is returned.
    /// </summary>
    /// <param name="options">What the executor is asked for.</param>
    /// <returns>The executor.</returns>
    /// <exception cref="ArgumentException">An option is invalid (a key with other characters, a count below 1, a duration not positive).</exception>
    public ReusableExecutor ReusableExecutor(ReusableExecutorOptions options) => _reusable.Get(options);

    /// <summary>The default executor with <paramref name="maxWorkers"/> workers (see <see cref="ReusableExecutor(ReusableExecutorOptions)"/>).</summary>
    /// <param name="maxWorkers">How many jobs run at once.</param>
    /// <returns>The executor.</returns>
    public ReusableExecutor ReusableExecutor(int maxWorkers) => _reusable.Get(new ReusableExecutorOptions { MaxWorkers = maxWorkers });

    /// <summary>
    /// The settings of the system-wide <c>actor-pool</c> block, with the embedded defaults under the
    /// application's, read and checked on first use.
    /// </summary>
    /// <remarks>
    /// Read lazily because a supervisor may be started with its own settings
    /// (<see cref="PoolSettings.Create(ActorSystem, Akka.Configuration.Config)"/>, Akka.Hosting's
    /// options) that fix what the system-wide block alone gets wrong: getting the extension or a
    /// client never throws for that block. Safe to read from any thread.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The block is invalid; the message names each bad key and its value.
    /// </exception>
    public PoolSettings Settings => _settings.Value;

    /// <summary>
    /// The one <see cref="ActorPool.SystemLoad"/> actor of this system, started on first use as the
    /// system actor <c>/system/actor-pool-system-load</c> with the settings of
    /// <c>actor-pool.system-load</c>. Ask it <see cref="GetLoad"/>, or send it
    /// <see cref="SubscribeLoad"/>.
    /// </summary>
    /// <remarks>
    /// A system actor, not a top-level user actor: it is infrastructure shared by every supervisor,
    /// so it keeps sampling while user actors (pools and their subscribers) shut down, it is stopped
    /// after them, and its name never clashes with the application's own top-level actors. Safe to
    /// read from any thread: it is started once, under a lock, however many threads ask at once.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The <c>actor-pool.system-load</c> block is invalid; nothing is started, and the next read
    /// tries again.
    /// </exception>
    public IActorRef SystemLoad
    {
        get
        {
            if (Volatile.Read(ref _systemLoad) is { } started)
            {
                return started;
            }

            lock (_systemLoadGate)
            {
                if (_systemLoad is null)
                {
                    // Read here, so a bad block throws to the caller rather than failing the actor.
                    var settings = SystemLoadSettings.Create(_system);
                    Volatile.Write(ref _systemLoad, _system.SystemActorOf(ActorPool.SystemLoad.Props(settings), SystemLoadName));
                }

                return _systemLoad;
            }
        }
    }

    /// <summary>The name of the shared <see cref="SystemLoad"/> actor under <c>/system</c>.</summary>
    public const string SystemLoadName = "actor-pool-system-load";

    /// <summary>
    /// The embedded defaults (<c>HOCON/reference.conf</c>, root <c>actor-pool</c>), for hosts that
    /// assemble configuration themselves; <see cref="PoolSettings.Create(ActorSystem)"/> injects them
    /// under the application's configuration on its own.
    /// </summary>
    public static Akka.Configuration.Config DefaultConfig() => ActorPoolConfig.Defaults;

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static ActorPools Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ActorPools, ActorPoolsProvider>();
    }

    /// <summary>
    /// The status of <paramref name="supervisor"/>, read without an Ask: built now from what the
    /// supervisor published after the last message it handled and the pools' live counters, so it
    /// is as fresh as a <see cref="GetPoolStatus"/> answer and costs the supervisor nothing.
    /// </summary>
    /// <param name="supervisor">A supervisor of this process.</param>
    /// <returns>Its status, or <see langword="null"/> when no such supervisor runs in this process
    /// (it has stopped, never existed, or lives on another node).</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Reached through the extension, as Akka extensions are.")]
    public PoolStatus? StatusOf(IActorRef supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return Internal.Supervision.LocalSupervisors.Find(supervisor)?.View.Current;
    }

    /// <summary>The status of every supervisor running in this actor system, read as <see cref="StatusOf"/> reads one.</summary>
    public IReadOnlyList<PoolStatus> Statuses =>
        [.. Internal.Supervision.LocalSupervisors.All.Where(b => b.System == _system).Select(b => b.View.Current).OrderBy(s => s.Supervisor, StringComparer.Ordinal)];

    /// <summary>A client of the supervisor <paramref name="supervisor"/> of this process.</summary>
    /// <param name="supervisor">The supervisor actor.</param>
    /// <param name="askTimeout">How long status and lease requests wait for the supervisor's answer,
    /// beyond a lease request's own wait. <value>The default value is 30 seconds.</value></param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Reached through the extension, as Akka extensions are.")]
    public PoolClient Client(IActorRef supervisor, TimeSpan? askTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return new PoolClient(Task.FromResult(supervisor), PoolClient.CheckedAskTimeout(askTimeout));
    }
}

/// <summary>Creates the <see cref="ActorPools"/> extension.</summary>
internal sealed class ActorPoolsProvider : ExtensionIdProvider<ActorPools>
{
    public override ActorPools CreateExtension(ExtendedActorSystem system) => new(system);
}
