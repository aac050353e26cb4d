using ActorPool.Internal.Settings;

namespace ActorPool.Internal.Load;

/// <summary>
/// The HOCON keys of <see cref="SystemLoadSettings"/>, relative to <c>actor-pool.system-load</c>;
/// messages prefix them with <see cref="Prefix"/>, so they always name the full key.
/// </summary>
internal static class SystemLoadKeys
{
    public const string Block = "system-load";
    public const string Prefix = PoolKeys.Prefix + Block + ".";

    public const string SampleInterval = "sample-interval";
    public const string CurrentWindow = "current-window";
    public const string History = "history";

    public const string CheckOverload = "check-overload";
    public const string OverloadedRatio = "overloaded-ratio";
    public const string MaxUsedRatio = "max-used-ratio";
    public const string MaxLag = "max-lag";
    public const string Interval = "interval";
    public const string MaxTimeRatio = "max-time-ratio";
    public const string MaxGen2PerSecond = "max-gen2-per-second";
    public const string MaxPendingPerThread = "max-pending-per-thread";

    /// <summary>A key of a signal's block, e.g. <c>cpu.max-used-ratio</c>.</summary>
    public static string Of(LoadSignal signal, string key) => signal.ConfigName() + "." + key;
}
