namespace ActorPool.Tests.Sizing.Sim;

/// <summary>What a trace replay produced: the desired pools after every tick, and the decisions.</summary>
internal sealed record TraceResult(IReadOnlyList<int> Trajectory, IReadOnlyList<ScalingDecision> Decisions, string Printed)
{
    /// <summary>Direction changes of the trajectory, ignoring holds.</summary>
    public int Reversals(int from = 0, int to = int.MaxValue)
    {
        var reversals = 0;
        var direction = 0;
        for (var i = Math.Max(1, from + 1); i < Math.Min(to, Trajectory.Count); i++)
        {
            var step = Math.Sign(Trajectory[i] - Trajectory[i - 1]);
            if (step != 0)
            {
                reversals += direction != 0 && step != direction ? 1 : 0;
                direction = step;
            }
        }
        return reversals;
    }

    /// <summary>Size changes after trajectory index <paramref name="from"/>, up to index <paramref name="to"/>.</summary>
    public int Changes(int from, int to = int.MaxValue) =>
        Enumerable.Range(from + 1, Math.Max(0, Math.Min(to, Trajectory.Count - 1) - from))
            .Count(i => Trajectory[i] != Trajectory[i - 1]);

    /// <summary>
    /// Ticks after <paramref name="from"/> until the trajectory has covered 90% of the way from its
    /// size at <paramref name="from"/> to <paramref name="target"/>; null if it never does.
    /// </summary>
    public int? TicksToNinetyPercent(int from, int target)
    {
        var start = Trajectory[from];
        for (var i = from; i < Trajectory.Count; i++)
        {
            if (Math.Abs(target - Trajectory[i]) <= 0.1 * Math.Abs(target - start) + 1e-9)
            {
                return i - from;
            }
        }
        return null;
    }
}
