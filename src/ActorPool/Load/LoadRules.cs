namespace ActorPool.Internal.Load;

/// <summary>The per-sample limit and the window ratio of each signal, from the settings.</summary>
internal sealed class LoadRules(SystemLoadSettings settings)
{
    public SystemLoadSettings Settings { get; } = settings;

    public bool Checks(LoadSignal signal) => signal switch
    {
        LoadSignal.Cpu => Settings.Cpu.CheckOverload,
        LoadSignal.Memory => Settings.Memory.CheckOverload,
        LoadSignal.SchedulingLag => Settings.SchedulingLag.CheckOverload,
        LoadSignal.Gc => Settings.Gc.CheckOverload,
        LoadSignal.ThreadPool => Settings.ThreadPool.CheckOverload,
        _ => false,
    };

    public double OverloadedRatio(LoadSignal signal) => signal switch
    {
        LoadSignal.Cpu => Settings.Cpu.OverloadedRatio,
        LoadSignal.Memory => Settings.Memory.OverloadedRatio,
        LoadSignal.SchedulingLag => Settings.SchedulingLag.OverloadedRatio,
        LoadSignal.Gc => Settings.Gc.OverloadedRatio,
        LoadSignal.ThreadPool => Settings.ThreadPool.OverloadedRatio,
        _ => 1.0,
    };

    /// <summary>Whether one reading is over its signal's limit; never when the signal is not checked.</summary>
    public bool IsOver(LoadSignal signal, LoadReading reading) => Checks(signal) && signal switch
    {
        LoadSignal.Cpu => reading.Value > Settings.Cpu.MaxUsedRatio,
        LoadSignal.Memory => reading.Value > Settings.Memory.MaxUsedRatio,
        LoadSignal.SchedulingLag => reading.Value > Settings.SchedulingLag.MaxLag.TotalMilliseconds,
        LoadSignal.Gc => reading.Value > Settings.Gc.MaxTimeRatio || reading.Secondary > Settings.Gc.MaxGen2PerSecond,
        LoadSignal.ThreadPool => reading.Value > Settings.ThreadPool.MaxPendingPerThread,
        _ => false,
    };
}
