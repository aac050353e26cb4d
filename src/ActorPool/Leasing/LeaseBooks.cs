using ActorPool.Internal.Diagnostics;
using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// The lease books of one supervisor, shared by the <see cref="LeaseDesk"/> (grants and returns)
/// and <see cref="LeaseExpiry"/> (ends by time or by event): the active leases and the line of
/// waiters, both guarded by <see cref="Gate"/>, with what both sides need to act.
/// </summary>
internal sealed class LeaseBooks(LeaseSettings settings, TimeProvider clock, ILeasePools pools, LeaseEvents events, string supervisor)
{
    /// <summary>Guards <see cref="Leases"/>, <see cref="Line"/> and the timer's arming; never held while anyone is answered.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Active leases (granted, not ended), oldest first.</summary>
    public List<LeasedExecutor> Leases { get; } = [];

    public LeaseLine Line { get; } = new();

    public LeaseSettings Settings { get; set; } = settings;

    public TimeProvider Clock { get; } = clock;

    public ILeasePools Pools { get; } = pools;

    public LeaseEvents Events { get; } = events;

    public string Supervisor { get; } = supervisor;

    /// <summary>The one timer for every deadline; set once by the desk.</summary>
    public LeaseClock Timer { get; set; } = null!;

    /// <summary>Why no pool could be leased, with the counts that show it.</summary>
    public LeaseUnavailableException Unavailable(TimeSpan waited)
    {
        var table = Pools.Table;
        int leased;
        lock (Gate)
        {
            leased = Leases.Count;
        }
        var busy = table.Pools.Length - leased;
        var draining = table.Total - table.Pools.Length;
        return new LeaseUnavailableException(
            $"No pool to lease after {Readable.Duration(waited)}: {leased} leased, {busy} busy, {draining} draining, " +
            $"of actor-pool.max-pools = {table.MaxPools}.", waited);
    }
}
