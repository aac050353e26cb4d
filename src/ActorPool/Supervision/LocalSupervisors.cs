using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// The books of the supervisors running in this process, by actor, so a <c>PoolClient</c> submits
/// and leases straight on them, and a restarted supervisor finds the books it had.
/// </summary>
internal static class LocalSupervisors
{
    private static readonly ConcurrentDictionary<IActorRef, SupervisorBooks> s_books = new();

    public static SupervisorBooks GetOrAdd(IActorRef supervisor, Func<SupervisorBooks> create) =>
        s_books.GetOrAdd(supervisor, _ => create());

    public static void Remove(IActorRef supervisor, SupervisorBooks books) =>
        s_books.TryRemove(new KeyValuePair<IActorRef, SupervisorBooks>(supervisor, books));

    public static SupervisorBooks? Find(IActorRef supervisor) => s_books.GetValueOrDefault(supervisor);

    /// <summary>Every supervisor running in this process, in any actor system, for the meter.</summary>
    public static IEnumerable<SupervisorBooks> All => s_books.Values;
}
