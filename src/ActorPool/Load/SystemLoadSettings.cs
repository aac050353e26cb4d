using ActorPool.Internal.Load;
using ActorPool.Internal.Settings;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool;

/// <summary>
/// Immutable settings of a <see cref="SystemLoad"/> actor: the <c>actor-pool.system-load</c> HOCON block.
/// </summary>
/// <remarks>
/// <para>
/// Read them with <see cref="Create(ActorSystem)"/> or <see cref="Create(Config)"/>, change them
/// with <c>with { SampleInterval = ... }</c> and check a copy with <see cref="Validate"/>. Property
/// names follow the keys; each key is documented, with an example, in <c>HOCON/reference.conf</c>.
/// The defaults are Crawlee's <c>Snapshotter</c> and <c>SystemStatus</c> thresholds.
/// </para>
/// <para>
/// A bad value or an unknown key throws one <see cref="ArgumentException"/> listing every problem,
/// each naming the full key and the value, e.g.
/// <c>actor-pool.system-load.cpu.max-used-ratio must be between 0 and 1, was: [1.5]</c>.
/// </para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed record SystemLoadSettings
{
    /// <summary>How often every probe is read and a snapshot published (HOCON <c>sample-interval</c>).
    /// Positive, and at most <see cref="CurrentWindow"/>.</summary>
    /// <value>The default value is 1 second, Crawlee's <c>systemInfoIntervalSecs</c>.</value>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The window of the current verdicts, <see cref="LoadSnapshot.Overloaded"/> (HOCON
    /// <c>current-window</c>). At least <see cref="SampleInterval"/> and at most <see cref="History"/>.</summary>
    /// <value>The default value is 5 seconds, Crawlee's <c>currentHistorySecs</c>.</value>
    public TimeSpan CurrentWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long samples are kept: the window of the historical verdicts (HOCON <c>history</c>).</summary>
    /// <value>The default value is 30 seconds, Crawlee's <c>snapshotHistorySecs</c>.</value>
    public TimeSpan History { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>cpu</c> block.</summary>
    /// <value>The default value is a <see cref="CpuLoadSettings"/> with its own defaults.</value>
    public CpuLoadSettings Cpu { get; init; } = new();

    /// <summary>The <c>memory</c> block.</summary>
    /// <value>The default value is a <see cref="MemoryLoadSettings"/> with its own defaults.</value>
    public MemoryLoadSettings Memory { get; init; } = new();

    /// <summary>The <c>scheduling-lag</c> block.</summary>
    /// <value>The default value is a <see cref="SchedulingLagSettings"/> with its own defaults.</value>
    public SchedulingLagSettings SchedulingLag { get; init; } = new();

    /// <summary>The <c>gc</c> block.</summary>
    /// <value>The default value is a <see cref="GcLoadSettings"/> with its own defaults.</value>
    public GcLoadSettings Gc { get; init; } = new();

    /// <summary>The <c>thread-pool</c> block.</summary>
    /// <value>The default value is a <see cref="ThreadPoolLoadSettings"/> with its own defaults.</value>
    public ThreadPoolLoadSettings ThreadPool { get; init; } = new();

    /// <summary>Reads <c>actor-pool.system-load</c> of the system's configuration, after adding the
    /// embedded defaults as its lowest-priority fallback (once per system).</summary>
    /// <exception cref="ArgumentException">A value is invalid or a key is unknown.</exception>
    public static SystemLoadSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        ActorPoolConfig.EnsureInjected(system);
        var root = RootBlock.Of(system.Settings.Config);
        return Create(root.HasPath(SystemLoadKeys.Block) ? root.GetConfig(SystemLoadKeys.Block) : Config.Empty);
    }

    /// <summary>Reads a block shaped like <c>actor-pool.system-load</c> (the block itself). Keys it
    /// lacks take their embedded defaults, so <c>ParseString("sample-interval = 200ms")</c> is enough.</summary>
    /// <exception cref="ArgumentException">A value is invalid or a key is unknown.</exception>
    public static SystemLoadSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SystemLoadSettingsReader.Read(config);
    }

    /// <summary>Checks every value, for settings changed in code with <c>with</c>.</summary>
    /// <returns>These settings, unchanged.</returns>
    /// <exception cref="ArgumentException">One or more values are invalid; the message names each key and value.</exception>
    public SystemLoadSettings Validate()
    {
        var errors = new SettingsErrors();
        new SystemLoadSettingsValidator(errors).Check(this);
        SettingsErrors.ThrowIfAny(errors.Messages);
        return this;
    }
}
