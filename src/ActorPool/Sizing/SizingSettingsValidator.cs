using ActorPool.Internal.Settings;
using static ActorPool.Internal.Settings.PoolKeys;
using static ActorPool.Internal.Sizing.SizingKeys;

namespace ActorPool.Internal.Sizing;

/// <summary>Checks every rule of <see cref="SizingSettings"/>, collecting all that fail, each naming key and value.</summary>
internal sealed class SizingSettingsValidator(SettingsErrors errors)
{
    public void Check(SizingSettings sizing)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        CheckPolicy(sizing.Policy);
        errors.Positive(Prefix + DecisionInterval, sizing.DecisionInterval);
        errors.NotAboveMax(Prefix + DecisionInterval, sizing.DecisionInterval);
        Window(OverloadMemory, sizing.OverloadMemory);
        errors.Between(Prefix + MemoryStepDownRatio, sizing.MemoryStepDownRatio, 0, 1);
        errors.Between(Prefix + MemoryMinOwnShare, sizing.MemoryMinOwnShare, 0, 1);
        if (Missing(sizing.Stabilization, "sizing.stabilization") is { } s)
        {
            errors.Between(Prefix + Tolerance, s.Tolerance, 0, 1);
            Window(ScaleUpWindow, s.ScaleUpWindow);
            Window(ScaleDownWindow, s.ScaleDownWindow);
        }
        Missing(sizing.Units, "sizing.units");
        if (Missing(sizing.Load, "sizing.load") is { } load)
        {
            errors.Between(Prefix + LoadUpRatio, load.ScaleUpStepRatio, 0, 1);
            errors.Between(Prefix + LoadDownRatio, load.ScaleDownStepRatio, 0, 1);
            errors.Between(Prefix + LoadConcurrencyRatio, load.DesiredConcurrencyRatio, 0, 1);
            Window(LoadInterval, load.AutoscaleInterval);
        }
        if (Missing(sizing.Queue, "sizing.queue") is { } queue)
        {
            errors.Above(Prefix + QueueUpper, queue.UpperTaskRatio, 0);
            errors.Above(Prefix + QueueLower, queue.LowerTaskRatio, 0);
            errors.Below(Prefix + QueueLower, queue.LowerTaskRatio, Prefix + QueueUpper, queue.UpperTaskRatio);
        }
        if (Missing(sizing.Capability, "sizing.capability") is { } capability)
        {
            errors.Above(Prefix + CapabilityUpper, capability.UpperTaskRatio, 0);
            errors.Above(Prefix + CapabilityLower, capability.LowerTaskRatio, 0);
            errors.Below(Prefix + CapabilityLower, capability.LowerTaskRatio, Prefix + CapabilityUpper, capability.UpperTaskRatio);
        }
        if (Missing(sizing.Throughput, "sizing.throughput") is { } t)
        {
            errors.Above(Prefix + TargetCpu, t.TargetCpu, 0);
            errors.Between(Prefix + TargetCpu, t.TargetCpu, 0, 1);
            errors.AtLeast(Prefix + MaxGrowth, t.MaxGrowth, 1);
            errors.Above(Prefix + CeilingRatio, t.CeilingRatio, 0);
            errors.Between(Prefix + CeilingRatio, t.CeilingRatio, 0, 1);
            errors.Between(Prefix + Alpha, t.AlphaRatio, 0, 1);
            errors.Between(Prefix + Beta, t.BetaRatio, 0, 1);
            errors.Below(Prefix + Alpha, t.AlphaRatio, Prefix + Beta, t.BetaRatio);
            errors.AtLeast(Prefix + BaseWindow, t.BaseWindow, 1);
            errors.Between(Prefix + ThroughputConcurrencyRatio, t.DesiredConcurrencyRatio, 0, 1);
        }
    }

    private void CheckPolicy(string? policy)
    {
        var key = Prefix + Policy;
        if (string.IsNullOrWhiteSpace(policy))
        {
            errors.Add($"{key} must name a policy, was: [{policy}]");
            return;
        }
        if (SizingPolicies.BuiltIns.Contains(policy))
        {
            return;
        }
        if (SizingPolicies.IsTypeName(policy))
        {
            if (SizingPolicies.CustomType(policy, out var error) is null)
            {
                errors.Add(error);
            }
            return;
        }
        var nearest = SizingPolicies.BuiltIns.MinBy(b => Levenshtein.Distance(policy, b))!;
        var hint = Levenshtein.Distance(policy, nearest) <= 2 ? $"; did you mean {nearest}?" : "";
        errors.Add($"{key} must be one of [{string.Join(", ", SizingPolicies.BuiltIns)}] or the assembly-qualified name of a type implementing {typeof(ISizingPolicy).FullName}, was: [{policy}]{hint}");
    }

    private void Window(string key, TimeSpan value)
    {
        errors.NotNegative(Prefix + key, value);
        errors.NotAboveMax(Prefix + key, value);
    }

    private T? Missing<T>(T? block, string key)
        where T : class
    {
        if (block is null)
        {
            errors.Add($"{Prefix}{key} must not be null");
        }
        return block;
    }
}
