using ActorPool.Internal.Process.Settings;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Process;

/// <summary>
/// Immutable settings of the process backend: the <c>actor-pool.process</c> HOCON block, documented
/// key by key in <c>HOCON/process.conf</c> (embedded in ActorPool.Process.dll).
/// </summary>
/// <remarks>
/// <para>Read them with <see cref="Create(ActorSystem)"/> or <see cref="Create(Config)"/>, change
/// them with <c>with { CancelGrace = ... }</c> and check a copy with <see cref="Validate"/>. A bad
/// value or an unknown key throws one <see cref="ArgumentException"/> naming each full key and
/// value, e.g. <c>actor-pool.process.stderr-lines must be &gt;= 0, was: [-1]</c>.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed record ProcessSettings
{
    /// <summary>How long a child may take to become ready (HOCON <c>start-timeout</c>). Positive.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a cancelled job may run on before its child is killed (HOCON <c>cancel-grace</c>). At least 0.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a child asked to stop may take before it is killed (HOCON <c>stop-timeout</c>). Positive.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The working-set growth since a child's first job past which the child is retired
    /// after its current job, in bytes (HOCON <c>max-memory-growth</c>); <see langword="null"/> for off.</summary>
    /// <value>The default value is <see langword="null"/> (off).</value>
    public long? MaxMemoryGrowth { get; init; }

    /// <summary>How many last standard-error lines a crash report keeps (HOCON <c>stderr-lines</c>). At least 0.</summary>
    /// <value>The default value is 50.</value>
    public int StderrLines { get; init; } = 50;

    /// <summary>How often a child checks that its parent runs (HOCON <c>parent-poll-interval</c>). Positive.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan ParentPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>dotnet</c> executable that starts children (HOCON <c>dotnet-host</c>);
    /// <see langword="null"/> or empty for the one running this application.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DotnetHost { get; init; }

    /// <summary>Environment variables set in every child (HOCON <c>env</c>).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Runs once in every child before its first job (HOCON <c>initializer</c>, an assembly-qualified
    /// name such as <c>"Acme.Init, Acme"</c>): a public class implementing
    /// <see cref="IProcessInitializer"/> with a public parameterless constructor, in an assembly with a
    /// file; <see langword="null"/> for none. A <see cref="ProcessJobRegistry.WithInitializer{TInitializer}"/>
    /// of a standalone <see cref="ProcessWorker"/> takes precedence over it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Type? Initializer { get; init; }

    /// <summary>Whether every value is equal, <see cref="Env"/> compared by its names and values.</summary>
    /// <param name="other">The settings to compare with.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    /// <remarks>By content rather than by dictionary reference, so that the same settings read or
    /// written twice compare equal (a reusable executor is reused only for equal options).</remarks>
    public bool Equals(ProcessSettings? other) =>
        other is not null
        && (StartTimeout, CancelGrace, StopTimeout, MaxMemoryGrowth, StderrLines, ParentPollInterval, DotnetHost, Initializer)
            == (other.StartTimeout, other.CancelGrace, other.StopTimeout, other.MaxMemoryGrowth, other.StderrLines,
                other.ParentPollInterval, other.DotnetHost, other.Initializer)
        && SameEnv(Env, other.Env);

    /// <summary>A hash consistent with <see cref="Equals(ProcessSettings?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() =>
        HashCode.Combine(StartTimeout, CancelGrace, StopTimeout, MaxMemoryGrowth, StderrLines, ParentPollInterval, DotnetHost, Initializer);

    private static bool SameEnv(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null && a.Count == b.Count
            && a.All(pair => b.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal)));

    /// <summary>Reads <c>actor-pool.process</c> of the system's configuration over the embedded defaults.</summary>
    /// <remarks>The embedded <c>HOCON/process.conf</c> is injected first as the system's lowest
    /// fallback (once per system, the Akka way), so application HOCON wins over it; the core's own
    /// settings reader leaves this block to this one.</remarks>
    /// <exception cref="ArgumentException">A value is invalid or a key is unknown.</exception>
    public static ProcessSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        ProcessConfig.EnsureInjected(system);
        var config = system.Settings.Config;
        return Create(config.HasPath(ProcessKeys.Path) ? config.GetConfig(ProcessKeys.Path) : Config.Empty);
    }

    /// <summary>Reads a block shaped like <c>actor-pool.process</c> (the block itself); keys it lacks
    /// take their embedded defaults.</summary>
    /// <exception cref="ArgumentException">A value is invalid or a key is unknown.</exception>
    public static ProcessSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ProcessSettingsReader.Read(config);
    }

    /// <summary>Checks every value, for settings changed in code with <c>with</c>.</summary>
    /// <returns>These settings, unchanged.</returns>
    /// <exception cref="ArgumentException">One or more values are invalid; the message names each key and value.</exception>
    public ProcessSettings Validate()
    {
        var errors = new ActorPool.Internal.Settings.SettingsErrors();
        new ProcessSettingsValidator(errors).Check(this);
        ActorPool.Internal.Settings.SettingsErrors.ThrowIfAny(errors.Messages);
        return this;
    }
}
