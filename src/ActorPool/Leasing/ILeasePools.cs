using ActorPool.Internal.Dispatch;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// What the lease desk needs of the pools it lends: the table the supervisor publishes, and a way
/// to tell the supervisor, after the fact, of what it may have to act on. Implemented by the
/// supervisor's pool set; every member is safe to call from any thread, and a notice costs nothing
/// when the supervisor has nothing to do about it.
/// </summary>
internal interface ILeasePools
{
    /// <summary>The live pools as last published: a lease takes an idle shared one from here.</summary>
    PoolTable Table { get; }

    /// <summary>A lease took a shared pool: another may have to start for shared work.</summary>
    void Taken();

    /// <summary>The line changed (a request waits, or left it): a pool may have to start for it, be set aside, or be shared again.</summary>
    void Waiting();

    /// <summary>A pool went back to shared work: jobs waiting for one go to it, and it may be surplus now.</summary>
    void Returned();

    /// <summary>A lease's pool was closed (revoked or cut off): it drains and may be replaced.</summary>
    void Closed();
}
