using System.Collections.Concurrent;
using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// Admitted jobs that found no pool to take them: one FIFO per requirement (plain jobs in their
/// own), handed out in order as soon as a pool that serves them takes shared work.
/// </summary>
internal sealed class WaitingJobs
{
    private readonly ConcurrentQueue<IJobItem> _plain = new();
    private readonly ConcurrentDictionary<Requirement, ConcurrentQueue<IJobItem>> _required = new();

    public int Count
    {
        get
        {
            var count = _plain.Count;
            foreach (var (_, queue) in _required)
            {
                count += queue.Count;
            }
            return count;
        }
    }

    /// <summary>Whether no job waits (cheap: the plain queue, then each requirement's).</summary>
    public bool IsEmpty => _plain.IsEmpty && _required.All(r => r.Value.IsEmpty);

    /// <summary>Queues <paramref name="item"/>; true if it is the first of its requirement to wait.</summary>
    public bool Enqueue(Requirement requirement, IJobItem item)
    {
        var queue = QueueOf(requirement);
        var first = queue.IsEmpty;
        queue.Enqueue(item);
        return first;
    }

    /// <summary>Each requirement's queue, plain jobs first.</summary>
    public IEnumerable<(Requirement Requirement, ConcurrentQueue<IJobItem> Queue)> Queues()
    {
        yield return (Requirement.None, _plain);
        foreach (var (requirement, queue) in _required)
        {
            yield return (requirement, queue);
        }
    }

    /// <summary>Waiting jobs per requirement that has any, for the capability policy.</summary>
    public IReadOnlyDictionary<Requirement, int> CountByRequirement() =>
        Queues().Where(q => !q.Queue.IsEmpty).ToDictionary(q => q.Requirement, q => q.Queue.Count);

    private ConcurrentQueue<IJobItem> QueueOf(Requirement requirement) =>
        requirement.IsNone ? _plain : _required.GetOrAdd(requirement, static _ => new ConcurrentQueue<IJobItem>());
}
