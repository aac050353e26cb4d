using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// The lease requests waiting for a pool, in arrival order: the first is always served first.
/// Not thread-safe: the lease desk's lock guards it.
/// </summary>
internal sealed class LeaseLine
{
    private readonly LinkedList<LeaseWaiter> _waiters = new();

    public int Count => _waiters.Count;

    public LeaseWaiter? First => _waiters.First?.Value;

    public void Add(LeaseWaiter waiter) => waiter.Node = _waiters.AddLast(waiter);

    public LeaseWaiter TakeFirst()
    {
        var first = _waiters.First!.Value;
        _waiters.RemoveFirst();
        first.Node = null;
        return first;
    }

    /// <summary>Takes <paramref name="waiter"/> out of the line; false if it had left it already.</summary>
    public bool Remove(LeaseWaiter waiter)
    {
        if (waiter.Node is not { } node || node.List != _waiters)
        {
            return false;
        }
        _waiters.Remove(node);
        waiter.Node = null;
        return true;
    }

    /// <summary>Takes the zero-wait requests out of the line.</summary>
    public List<LeaseWaiter>? TakeImmediate() => TakeWhere(static (w, _) => w.Immediate, (object?)null);

    /// <summary>Takes the requests of <paramref name="holder"/> out of the line.</summary>
    public List<LeaseWaiter>? TakeHeldBy(IActorRef holder) => TakeWhere(static (w, h) => h.Equals(w.Holder), holder);

    /// <summary>Takes the requests whose wait ended at or before <paramref name="now"/>; lowers <paramref name="next"/> to the earliest deadline left.</summary>
    public List<LeaseWaiter>? TakeLate(long now, ref long next)
    {
        var late = TakeWhere(static (w, at) => w.Deadline <= at, now);
        foreach (var waiter in _waiters)
        {
            if (!waiter.Immediate)
            {
                next = Math.Min(next, waiter.Deadline);
            }
        }
        return late;
    }

    public List<LeaseWaiter> TakeAll()
    {
        List<LeaseWaiter> all = [.. _waiters];
        _waiters.Clear();
        foreach (var waiter in all)
        {
            waiter.Node = null;
        }
        return all;
    }

    private List<LeaseWaiter>? TakeWhere<TState>(Func<LeaseWaiter, TState, bool> which, TState state)
    {
        List<LeaseWaiter>? taken = null;
        for (var node = _waiters.First; node is not null;)
        {
            var next = node.Next;
            if (which(node.Value, state))
            {
                _waiters.Remove(node);
                node.Value.Node = null;
                (taken ??= []).Add(node.Value);
            }
            node = next;
        }
        return taken;
    }
}
