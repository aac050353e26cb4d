namespace ActorPool.Benchmarks.Scenarios;

/// <summary>Measures read off one contender's rows.</summary>
internal static class Series
{
    /// <summary>Mean jobs/s of the rows at or after <paramref name="from"/> s (and before <paramref name="to"/>).</summary>
    public static double MeanRate(IEnumerable<ScenarioRow> rows, double from, double to = double.MaxValue)
    {
        var picked = rows.Where(r => r.T >= from && r.T < to).Select(r => r.JobsPerSecond).ToList();
        return picked.Count == 0 ? double.NaN : picked.Average();
    }

    /// <summary>
    /// The first time at or after <paramref name="from"/> when the mean rate over the last
    /// <paramref name="window"/> samples reaches <paramref name="level"/>; null if never.
    /// </summary>
    public static double? FirstReach(IReadOnlyList<ScenarioRow> rows, double level, double from = 0, int window = 5)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (i + 1 < window || rows[i + 1 - window].T < from)
            {
                continue;
            }
            var mean = Enumerable.Range(i + 1 - window, window).Average(j => rows[j].JobsPerSecond);
            if (mean >= level)
            {
                return rows[i].T;
            }
        }
        return null;
    }

    /// <summary>Size changes and reversals (a change against the direction of the one before) over the rows.</summary>
    public static (int Changes, int Reversals) Moves(IEnumerable<ScenarioRow> rows)
    {
        var sizes = rows.Select(r => r.Size).Where(s => s >= 0).ToList();
        var changes = 0;
        var reversals = 0;
        var lastDirection = 0;
        for (var i = 1; i < sizes.Count; i++)
        {
            var direction = Math.Sign(sizes[i] - sizes[i - 1]);
            if (direction == 0)
            {
                continue;
            }
            changes++;
            if (lastDirection != 0 && direction != lastDirection)
            {
                reversals++;
            }
            lastDirection = direction;
        }
        return (changes, reversals);
    }

    /// <summary>
    /// B8's step response for the rows of one phase, after the step from <paramref name="from"/> to
    /// the phase's target: control ticks until the size is within 10% of the step of the target
    /// (null if never), and the overshoot past the target as a share of the step.
    /// </summary>
    public static (double? Ticks, double Overshoot) Step(IReadOnlyList<ScenarioRow> phase, int from, double ticksAtStep)
    {
        var to = phase[0].Target ?? from;
        var step = Math.Abs(to - from);
        double? ticks = null;
        foreach (var row in phase.Where(r => r.Size >= 0))
        {
            if (Math.Abs(row.Size - to) <= 0.1 * step + 1e-9)
            {
                ticks = (row.Ticks ?? 0) - ticksAtStep;
                break;
            }
        }
        var sizes = phase.Where(r => r.Size >= 0).Select(r => r.Size).DefaultIfEmpty(from).ToList();
        var beyond = to >= from ? sizes.Max() - to : to - sizes.Min();
        return (ticks, step == 0 ? 0 : Math.Max(0, beyond) / (double)step);
    }
}
