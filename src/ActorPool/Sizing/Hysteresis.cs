namespace ActorPool.Internal.Sizing;

/// <summary>
/// The hysteresis stage: a tolerance band around the pools in force, then HPA's per-direction
/// stabilization windows.
/// </summary>
/// <remarks>
/// <para>
/// Design notes. The band is a Schmitt trigger on the policy's continuous demand d (in pools,
/// before rounding): from n pools it grows only when d &gt; n x (1 + tolerance), to the policy's
/// proposal; it shrinks only when ceil(d x (1 + tolerance)) &lt; n, and then to that size, keeping
/// the tolerance as headroom. So after a move the demand must change by about twice the tolerance
/// to move back: jitter of +-5% (a spread of 10.5%) under a 0.1 tolerance never reverses, while a
/// real step lands in one tick (a step down stops within the tolerance of its target). Judging d
/// rather than the rounded proposal is what stops a demand near a pool boundary (30 +- 5% units at
/// 10 per pool is 3 or 4 pools) from flipping the count; a tolerance on the rounded count, as the
/// HPA applies it to its metric ratio, cannot. A policy that steps rather than measures (no
/// demand, e.g. <c>load</c>'s 5% steps) skips the band, which would swallow its steps.
/// </para>
/// <para>
/// Then the windows, as Kubernetes' HPA (horizontal-pod-autoscale.md, "Stabilization window"): a
/// shrink goes to the highest result of the scale-down window, growth to the lowest of the
/// scale-up window. Both default to zero here; a long scale-down window (HPA's 300 s) keeps
/// capacity that flapping demand keeps needing. Not thread-safe: one per loop. O(window) per tick.
/// </para>
/// </remarks>
internal sealed class Hysteresis(StabilizationSettings settings)
{
    private readonly List<(DateTimeOffset At, int Pools)> _history = [];

    /// <summary>Why the last call changed the proposal; empty when it passed unchanged.</summary>
    public string LastReason { get; private set; } = "";

    public int Apply(DateTimeOffset now, int current, int proposal, double? demand)
    {
        LastReason = "";
        var banded = demand is { } d ? Band(current, proposal, d) : proposal;
        _history.Add((now, banded));
        var keep = now - Max(settings.ScaleUpWindow, settings.ScaleDownWindow);
        _history.RemoveAll(r => r.At < keep);
        var result = banded;
        if (banded > current && settings.ScaleUpWindow > TimeSpan.Zero)
        {
            var lowest = _history.Where(r => r.At > now - settings.ScaleUpWindow).Min(r => r.Pools);
            result = Math.Max(current, Math.Min(banded, lowest));
            Explain(result, banded, $"scale-up-window {settings.ScaleUpWindow.TotalSeconds}s holds its lowest, {lowest}");
        }
        else if (banded < current && settings.ScaleDownWindow > TimeSpan.Zero)
        {
            var highest = _history.Where(r => r.At > now - settings.ScaleDownWindow).Max(r => r.Pools);
            result = Math.Min(current, Math.Max(banded, highest));
            Explain(result, banded, $"scale-down-window {settings.ScaleDownWindow.TotalSeconds}s holds its highest, {highest}");
        }
        return result;
    }

    private int Band(int current, int proposal, double demand)
    {
        var tolerance = settings.Tolerance;
        var t = UnitsPolicy.F(tolerance);
        if (proposal > current)
        {
            // Slack absorbs floating-point error, so 11 against 10 is within a 0.1 tolerance as written.
            if (demand > current * (1 + tolerance) + 1e-9)
            {
                return proposal;
            }
            LastReason = $"demand {UnitsPolicy.F(demand)} within {t} of {current}";
            return current;
        }
        if (proposal < current)
        {
            var headroom = (int)Math.Min(int.MaxValue, Math.Ceiling(demand * (1 + tolerance) - 1e-9));
            if (headroom < current)
            {
                var target = Math.Max(proposal, headroom);
                LastReason = target == proposal ? "" : $"demand {UnitsPolicy.F(demand)} + {t} headroom = {target}";
                return target;
            }
            LastReason = $"demand {UnitsPolicy.F(demand)} within {t} of {current}";
            return current;
        }
        return current;
    }

    private void Explain(int result, int banded, string why)
    {
        if (result != banded)
        {
            LastReason = why;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
