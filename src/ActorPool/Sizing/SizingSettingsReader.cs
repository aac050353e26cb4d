using ActorPool.Internal.Settings;
using static ActorPool.Internal.Sizing.SizingKeys;

namespace ActorPool.Internal.Sizing;

/// <summary>Reads the <c>actor-pool.sizing</c> block; unreadable values are collected by the reader.</summary>
internal static class SizingSettingsReader
{
    public static SizingSettings Read(HoconReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var d = new SizingSettings();
        return new SizingSettings
        {
            Policy = read.Text(Policy, d.Policy),
            DecisionInterval = read.Duration(DecisionInterval, d.DecisionInterval),
            OverloadVeto = read.Bool(OverloadVeto, d.OverloadVeto),
            OverloadMemory = read.Duration(OverloadMemory, d.OverloadMemory),
            MemoryStepDownRatio = read.Double(MemoryStepDownRatio, d.MemoryStepDownRatio),
            MemoryMinOwnShare = read.Double(MemoryMinOwnShare, d.MemoryMinOwnShare),
            Stabilization = new StabilizationSettings
            {
                Tolerance = read.Double(Tolerance, d.Stabilization.Tolerance),
                ScaleUpWindow = read.Duration(ScaleUpWindow, d.Stabilization.ScaleUpWindow),
                ScaleDownWindow = read.Duration(ScaleDownWindow, d.Stabilization.ScaleDownWindow),
            },
            Units = new UnitsPolicySettings { Hysteresis = read.Bool(UnitsHysteresis, d.Units.Hysteresis) },
            Load = new LoadPolicySettings
            {
                ScaleUpStepRatio = read.Double(LoadUpRatio, d.Load.ScaleUpStepRatio),
                ScaleDownStepRatio = read.Double(LoadDownRatio, d.Load.ScaleDownStepRatio),
                DesiredConcurrencyRatio = read.Double(LoadConcurrencyRatio, d.Load.DesiredConcurrencyRatio),
                AutoscaleInterval = read.Duration(LoadInterval, d.Load.AutoscaleInterval),
                Hysteresis = read.Bool(LoadHysteresis, d.Load.Hysteresis),
            },
            Queue = new QueuePolicySettings
            {
                UpperTaskRatio = read.Double(QueueUpper, d.Queue.UpperTaskRatio),
                LowerTaskRatio = read.Double(QueueLower, d.Queue.LowerTaskRatio),
                Hysteresis = read.Bool(QueueHysteresis, d.Queue.Hysteresis),
            },
            Capability = new CapabilityPolicySettings
            {
                UpperTaskRatio = read.Double(CapabilityUpper, d.Capability.UpperTaskRatio),
                LowerTaskRatio = read.Double(CapabilityLower, d.Capability.LowerTaskRatio),
            },
            Throughput = new ThroughputPolicySettings
            {
                TargetCpu = read.Double(TargetCpu, d.Throughput.TargetCpu),
                MaxGrowth = read.Double(MaxGrowth, d.Throughput.MaxGrowth),
                CeilingRatio = read.Double(CeilingRatio, d.Throughput.CeilingRatio),
                AlphaRatio = read.Double(Alpha, d.Throughput.AlphaRatio),
                BetaRatio = read.Double(Beta, d.Throughput.BetaRatio),
                BaseWindow = read.Int(BaseWindow, d.Throughput.BaseWindow),
                DesiredConcurrencyRatio = read.Double(ThroughputConcurrencyRatio, d.Throughput.DesiredConcurrencyRatio),
                Hysteresis = read.Bool(ThroughputHysteresis, d.Throughput.Hysteresis),
            },
        };
    }
}
