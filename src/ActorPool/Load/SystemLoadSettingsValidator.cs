using ActorPool.Internal.Settings;
using static ActorPool.Internal.Load.SystemLoadKeys;

namespace ActorPool.Internal.Load;

/// <summary>Checks every rule of <see cref="SystemLoadSettings"/>, collecting all that fail.</summary>
internal sealed class SystemLoadSettingsValidator(SettingsErrors errors)
{
    public void Check(SystemLoadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Duration(SampleInterval, settings.SampleInterval);
        Duration(CurrentWindow, settings.CurrentWindow);
        Duration(History, settings.History);
        errors.NotAbove(Prefix + CurrentWindow, settings.CurrentWindow, Prefix + History, settings.History);
        // A window shorter than one interval never holds two samples, so nothing could ever overload.
        errors.NotBelow(Prefix + CurrentWindow, settings.CurrentWindow, Prefix + SampleInterval, settings.SampleInterval);

        if (Present(settings.Cpu, LoadSignal.Cpu) is { } cpu)
        {
            Ratio(LoadSignal.Cpu, MaxUsedRatio, cpu.MaxUsedRatio);
            Ratio(LoadSignal.Cpu, OverloadedRatio, cpu.OverloadedRatio);
        }

        if (Present(settings.Memory, LoadSignal.Memory) is { } memory)
        {
            Ratio(LoadSignal.Memory, MaxUsedRatio, memory.MaxUsedRatio);
            Ratio(LoadSignal.Memory, OverloadedRatio, memory.OverloadedRatio);
        }

        if (Present(settings.SchedulingLag, LoadSignal.SchedulingLag) is { } lag)
        {
            Duration(Of(LoadSignal.SchedulingLag, Interval), lag.Interval);
            Duration(Of(LoadSignal.SchedulingLag, MaxLag), lag.MaxLag);
            Ratio(LoadSignal.SchedulingLag, OverloadedRatio, lag.OverloadedRatio);
        }

        if (Present(settings.Gc, LoadSignal.Gc) is { } gc)
        {
            Ratio(LoadSignal.Gc, MaxTimeRatio, gc.MaxTimeRatio);
            errors.NotNegative(Prefix + Of(LoadSignal.Gc, MaxGen2PerSecond), gc.MaxGen2PerSecond);
            Ratio(LoadSignal.Gc, OverloadedRatio, gc.OverloadedRatio);
        }

        if (Present(settings.ThreadPool, LoadSignal.ThreadPool) is { } pool)
        {
            errors.NotNegative(Prefix + Of(LoadSignal.ThreadPool, MaxPendingPerThread), pool.MaxPendingPerThread);
            Ratio(LoadSignal.ThreadPool, OverloadedRatio, pool.OverloadedRatio);
        }
    }

    private T? Present<T>(T? block, LoadSignal signal)
        where T : class
    {
        if (block is null)
        {
            errors.Add($"{Prefix}{signal.ConfigName()} must not be null");
        }

        return block;
    }

    private void Duration(string key, TimeSpan value)
    {
        errors.Positive(Prefix + key, value);
        errors.NotAboveMax(Prefix + key, value);
    }

    private void Ratio(LoadSignal signal, string key, double value) =>
        errors.Between(Prefix + Of(signal, key), value, 0, 1);
}
