namespace ActorPool.Internal.Sizing;

/// <summary>
/// The hysteresis stage: a tolerance band around the pools in force, then HPA's per-direction
/// stabilization windows.
/// </summary>
/// <remarks>
/// <para>
/// Design notes. The band is a Schmitt trigger on the policy's continuous demand d (in pools,
/// before rounding): from n pools it grows only when d &gt; n x (1 + tolerance), and shrinks only
/// when ceil(d x (1 + tolerance)) &lt; n, each time to the policy's proposal. Where a move lands
/// depends on where in its jitter the demand was, so the band alone could put a threshold inside
/// the jitter: a further move also needs the demand to have moved from the demand that caused the
/// last move, by (1 + tolerance) the same way and by (1 + tolerance)^2 for a reversal. Jitter of
/// +-5% (a spread of 1.105x) under a 0.1 tolerance therefore never reverses (1.21x) and follows a
/// step at most once more (when the step's first sample sat at one edge of its jitter), while a
/// real step lands in one tick. Judging d rather than the rounded proposal is what stops a demand
/// near a pool boundary (30 +- 5% units at 10 per pool is 3 or 4 pools) from flipping the count; a
/// tolerance on the rounded count, as the HPA applies it to its metric ratio, cannot. A policy that
/// steps rather than measures (no demand, e.g. <c>load</c>'s 5% steps) skips the band, which would
/// swallow its steps. The cost: a demand may sit up to the tolerance above the pools in force.
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
    private (int Direction, double Demand)? _lastMove;
    private (int Direction, double Demand)? _beforeApply;

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
        // Recorded for a move this stage lets through; Moved corrects it once the later stages
        // (veto, bounds) have had their say. A move without a demand (the throughput controller's
        // Vegas steps) is measured from where it lands: a stale demand from before it would hold
        // every later move (scenario B7).
        _beforeApply = _lastMove;
        if (result != current)
        {
            _lastMove = (Math.Sign(result - current), demand ?? result);
        }
        return result;
    }

    /// <summary>
    /// The move the whole pipeline made: one a later stage held back was no move, so the next move
    /// is measured from the last one that happened.
    /// </summary>
    public void Moved(int from, int to)
    {
        if (to == from)
        {
            _lastMove = _beforeApply;
        }
        else if (_lastMove is not { } last || last.Direction != Math.Sign(to - from))
        {
            _lastMove = (Math.Sign(to - from), to);
        }
    }

    private int Band(int current, int proposal, double demand)
    {
        var banded = BandOnce(current, proposal, demand);
        var direction = Math.Sign(banded - current);
        if (direction == 0)
        {
            return current;
        }
        // Measured from the demand that caused the last move, not from the pools it landed on: a
        // further move the same way needs (1 + tolerance), a reversal (1 + tolerance)^2.
        var gap = direction == _lastMove?.Direction ? 1 + settings.Tolerance : (1 + settings.Tolerance) * (1 + settings.Tolerance);
        if (_lastMove is { } last && (direction > 0 ? demand <= last.Demand * gap : demand >= last.Demand / gap))
        {
            var what = direction == last.Direction ? "another move" : "a reversal";
            LastReason = $"{what} needs demand {PolicyDecision.Format(demand)} to move x{PolicyDecision.Format(gap)} from {PolicyDecision.Format(last.Demand)}, the last move's";
            return current;
        }
        return banded;
    }

    private int BandOnce(int current, int proposal, double demand)
    {
        var tolerance = settings.Tolerance;
        var t = PolicyDecision.Format(tolerance);
        if (proposal > current)
        {
            // Slack absorbs floating-point error, so 11 against 10 is within a 0.1 tolerance as written.
            if (demand > current * (1 + tolerance) + 1e-9)
            {
                return proposal;
            }
            LastReason = $"demand {PolicyDecision.Format(demand)} within {t} of {current}";
            return current;
        }
        if (proposal < current)
        {
            // Shrinks only when the demand plus the tolerance fits in fewer pools; then to the
            // proposal, since the reversal gap (not headroom) is what keeps jitter from undoing it.
            var headroom = Math.Ceiling((demand * (1 + tolerance)) - 1e-9);
            if (headroom < current)
            {
                return proposal;
            }
            LastReason = $"demand {PolicyDecision.Format(demand)} within {t} of {current}";
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
