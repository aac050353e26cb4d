using ActorPool.Internal.Settings;
using Akka.Configuration;
using static ActorPool.Internal.Load.SystemLoadKeys;

namespace ActorPool.Internal.Load;

/// <summary>
/// Builds <see cref="SystemLoadSettings"/> from a block shaped like <c>actor-pool.system-load</c>,
/// over the embedded defaults, and throws one exception listing every unknown key, unreadable value
/// and broken rule.
/// </summary>
internal static class SystemLoadSettingsReader
{
    private static readonly Lazy<Config> s_defaults = new(() => ActorPoolConfig.DefaultBlock.GetConfig(Block));
    private static readonly Lazy<KnownKeys> s_known = new(() => new KnownKeys(s_defaults.Value));

    public static SystemLoadSettings Read(Config block)
    {
        ArgumentNullException.ThrowIfNull(block);
        RootBlock.ThrowIfNotABlock(block);
        var errors = new SettingsErrors();
        s_known.Value.Check(block, Prefix, errors);

        // Stand-ins for unreadable values come from the records' own defaults.
        var d = new SystemLoadSettings();
        var read = new HoconReader(block.WithFallback(s_defaults.Value), Prefix, errors);
        var settings = new SystemLoadSettings
        {
            SampleInterval = read.Duration(SampleInterval, d.SampleInterval),
            CurrentWindow = read.Duration(CurrentWindow, d.CurrentWindow),
            History = read.Duration(History, d.History),
            Cpu = new CpuLoadSettings
            {
                CheckOverload = read.Bool(Of(LoadSignal.Cpu, CheckOverload), d.Cpu.CheckOverload),
                MaxUsedRatio = read.Double(Of(LoadSignal.Cpu, MaxUsedRatio), d.Cpu.MaxUsedRatio),
                OverloadedRatio = read.Double(Of(LoadSignal.Cpu, OverloadedRatio), d.Cpu.OverloadedRatio),
            },
            Memory = new MemoryLoadSettings
            {
                CheckOverload = read.Bool(Of(LoadSignal.Memory, CheckOverload), d.Memory.CheckOverload),
                MaxUsedRatio = read.Double(Of(LoadSignal.Memory, MaxUsedRatio), d.Memory.MaxUsedRatio),
                OverloadedRatio = read.Double(Of(LoadSignal.Memory, OverloadedRatio), d.Memory.OverloadedRatio),
            },
            SchedulingLag = new SchedulingLagSettings
            {
                CheckOverload = read.Bool(Of(LoadSignal.SchedulingLag, CheckOverload), d.SchedulingLag.CheckOverload),
                Interval = read.Duration(Of(LoadSignal.SchedulingLag, Interval), d.SchedulingLag.Interval),
                MaxLag = read.Duration(Of(LoadSignal.SchedulingLag, MaxLag), d.SchedulingLag.MaxLag),
                OverloadedRatio = read.Double(Of(LoadSignal.SchedulingLag, OverloadedRatio), d.SchedulingLag.OverloadedRatio),
            },
            Gc = new GcLoadSettings
            {
                CheckOverload = read.Bool(Of(LoadSignal.Gc, CheckOverload), d.Gc.CheckOverload),
                MaxTimeRatio = read.Double(Of(LoadSignal.Gc, MaxTimeRatio), d.Gc.MaxTimeRatio),
                MaxGen2PerSecond = read.Double(Of(LoadSignal.Gc, MaxGen2PerSecond), d.Gc.MaxGen2PerSecond),
                OverloadedRatio = read.Double(Of(LoadSignal.Gc, OverloadedRatio), d.Gc.OverloadedRatio),
            },
            ThreadPool = new ThreadPoolLoadSettings
            {
                CheckOverload = read.Bool(Of(LoadSignal.ThreadPool, CheckOverload), d.ThreadPool.CheckOverload),
                MaxPendingPerThread = read.Double(Of(LoadSignal.ThreadPool, MaxPendingPerThread), d.ThreadPool.MaxPendingPerThread),
                OverloadedRatio = read.Double(Of(LoadSignal.ThreadPool, OverloadedRatio), d.ThreadPool.OverloadedRatio),
            },
        };

        new SystemLoadSettingsValidator(errors).Check(settings);
        SettingsErrors.ThrowIfAny(errors.Messages);
        return settings;
    }
}
