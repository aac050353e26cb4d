using ActorPool.Internal.Diagnostics;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Diagnostics;

/// <summary>
/// Every log message of the cluster module, ids 3000-3999, as <see cref="Log"/> is for the core.
/// Each names its pool group (or the node) in brackets.
/// </summary>
/// <remarks>
/// A lost lease, a late grant, a user's load source that throws or a state change short of a
/// majority are WARNING, one line: they are the cluster doing its job, not a bug.
/// </remarks>
internal static class ClusterLog
{
    public static readonly LogEntry GroupRestoredEntry = new(3001, "GroupRestored", LogLevel.DebugLevel,
        "Pool group [{Group}] started on {Node} from its kept state: units {Units}, changes {Changes}");

    public static readonly LogEntry GroupChangesDiscardedEntry = new(3002, "GroupChangesDiscarded", LogLevel.WarningLevel,
        "Pool group [{Group}] starts from its base settings: its kept changes {Changes} no longer fit them: {Error}");

    public static readonly LogEntry GroupHandedOffEntry = new(3003, "GroupHandedOff", LogLevel.InfoLevel,
        "Pool group [{Group}] is handed off from {Node}: it finishes its work before it moves");

    public static readonly LogEntry GroupStateShortOfMajorityEntry = new(3004, "GroupStateShortOfMajority", LogLevel.WarningLevel,
        "Pool group [{Group}]: its state change reached fewer than a majority of nodes in time ({Response}); it is applied here and spreads by gossip");

    public static readonly LogEntry GroupsMovingEntry = new(3010, "GroupsMoving", LogLevel.InfoLevel,
        "Moving pool groups [{Groups}] of [{TypeName}]: {Reason}");

    public static readonly LogEntry LoadSourceFailedEntry = new(3011, "LoadSourceFailed", LogLevel.WarningLevel,
        "The load source set with ClusterPools.UseLoadSource failed ({ExceptionType}: {Error}); {Node} keeps its last shared load");

    public static readonly LogEntry LateOutcomeDroppedEntry = new(3020, "LateOutcomeDropped", LogLevel.DebugLevel,
        "Dropping the late outcome of remote job {JobId}, which already ended");

    public static readonly LogEntry RemoteJobsLostEntry = new(3021, "RemoteJobsLost", LogLevel.WarningLevel,
        "{Count} accepted remote jobs failed with GroupLostException: node {Node} was removed");

    public static readonly LogEntry RemoteLeaseExpiringEntry = new(3030, "RemoteLeaseExpiring", LogLevel.DebugLevel,
        "{LeaseId} expiring; revoked in {UntilRevoke} unless renewed");

    public static readonly LogEntry RemoteLeaseRevokedEntry = new(3031, "RemoteLeaseRevoked", LogLevel.DebugLevel,
        "{LeaseId} revoked");

    public static readonly LogEntry LateGrantReleasingEntry = new(3032, "LateGrantReleasing", LogLevel.DebugLevel,
        "Releasing late grant {LeaseId}: {Reason}");

    public static readonly LogEntry LateGrantEntry = new(3033, "LateGrant", LogLevel.WarningLevel,
        "Releasing {LeaseId} of pool group [{Group}]: it was granted after its request had timed out");

    public static readonly LogEntry RemoteLeaseLostEntry = new(3034, "RemoteLeaseLost", LogLevel.WarningLevel,
        "{LeaseId} on pool group [{Group}] lost: {Reason}");

    public static void GroupRestored(ILoggingAdapter log, string group, string node, int? units, object changes) =>
        GroupRestoredEntry.Write(log, group, node, units, changes);

    public static void GroupChangesDiscarded(ILoggingAdapter log, string group, object changes, string error) =>
        GroupChangesDiscardedEntry.Write(log, group, changes, error);

    public static void GroupHandedOff(ILoggingAdapter log, string group, string node) => GroupHandedOffEntry.Write(log, group, node);

    public static void GroupStateShortOfMajority(ILoggingAdapter log, string group, string response) =>
        GroupStateShortOfMajorityEntry.Write(log, group, response);

    public static void GroupsMoving(ILoggingAdapter log, IEnumerable<string> groups, string typeName, string reason) =>
        GroupsMovingEntry.Write(log, string.Join(", ", groups), typeName, reason);

    public static void LoadSourceFailed(ILoggingAdapter log, string node, Exception error) =>
        LoadSourceFailedEntry.Write(log, error.GetType().Name, error.Message, node);

    public static void LateOutcomeDropped(ILoggingAdapter log, object jobId) => LateOutcomeDroppedEntry.Write(log, jobId);

    public static void RemoteJobsLost(ILoggingAdapter log, int count, string node) => RemoteJobsLostEntry.Write(log, count, node);

    public static void RemoteLeaseExpiring(ILoggingAdapter log, string leaseId, TimeSpan untilRevoke) =>
        RemoteLeaseExpiringEntry.Write(log, leaseId, Readable.Duration(untilRevoke));

    public static void RemoteLeaseRevoked(ILoggingAdapter log, string leaseId) => RemoteLeaseRevokedEntry.Write(log, leaseId);

    public static void LateGrantReleasing(ILoggingAdapter log, string leaseId, string reason) => LateGrantReleasingEntry.Write(log, leaseId, reason);

    public static void LateGrant(ILoggingAdapter log, string leaseId, string group) => LateGrantEntry.Write(log, leaseId, group);

    public static void RemoteLeaseLost(ILoggingAdapter log, string leaseId, string group, string reason) => RemoteLeaseLostEntry.Write(log, leaseId, group, reason);
}
