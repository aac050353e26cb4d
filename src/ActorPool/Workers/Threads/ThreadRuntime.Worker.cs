using Akka.Event;

namespace ActorPool.Internal.Workers.Threads;

/// <summary>One worker thread's life: take work, park, leave, and who takes its place.</summary>
internal sealed partial class ThreadRuntime
{
    private void Work(int generation, IWorkItem? first)
    {
        var slot = WorkerStarted(onThisThread: true);
        var clock = _life.Start();
        var broken = Initialize();
        var idleSince = _life.Now;
        var reason = "pool-closed";
        try
        {
            reason = Serve(generation, first, slot, ref clock, ref idleSince, broken);
        }
        finally
        {
            slot.PublishAllocated();
            WorkerEnded(slot, onThisThread: true);
            _publish?.Invoke(new WorkerStopped(_supervisor, Name, Thread.CurrentThread.Name ?? "", reason));
            if (_life.Ephemeral)
            {
                // Before this thread stops counting, so a pool that still has work never looks ended.
                Interlocked.Increment(ref _emptyPlaces);
                DispatchEphemeral();
            }
            if (Interlocked.Decrement(ref _live) == 0 && Drained)
            {
                AllWorkersEnded();
            }
        }
    }

    /// <summary>Takes work until this worker's life is over; returns why it ended (see <see cref="WorkerStopped.Reason"/>).</summary>
    private string Serve(int generation, IWorkItem? item, TallySlot slot, ref WorkerLife.Clock clock, ref long idleSince, Exception? broken)
    {
        // Items run since the allocation total was last published: it is published every
        // AllocationsPublishedEvery items and before parking, not per item (a no-op job costs ~100 ns).
        var unpublished = 0;
        while (true)
        {
            // A replaced generation takes no more work, so queued jobs go to the fresh workers.
            if (generation != Volatile.Read(ref _generation))
            {
                return "killed";
            }
            if (item is not null || _queue.TryDequeue(out item))
            {
                var isJob = item is IJobItem;
                if (!RunItem(item, slot, broken))
                {
                    Leave(Wake.Expired);
                    return "initializer-failed";
                }
                item = null;
                if (++unpublished == TallySlot.AllocationsPublishedEvery)
                {
                    slot.PublishAllocated();
                    unpublished = 0;
                }
                idleSince = _life.IdleTimeout is null ? 0 : _life.Now;
                if (isJob && _life.AfterJob(ref clock))
                {
                    // An ephemeral worker gives its place back when it has ended (see Work).
                    if (_life.Ephemeral)
                    {
                        return "job-done";
                    }
                    Leave(Wake.Expired);
                    return _life.Expired(clock) ? "max-lifetime" : "max-jobs-per-worker";
                }
                continue;
            }
            if (Finished)
            {
                return "pool-closed";
            }
            if (ShouldLeave(generation))
            {
                return "resized";
            }
            if (unpublished > 0)
            {
                slot.PublishAllocated();
                unpublished = 0;
            }
            var wake = _life.Ephemeral ? Wake.Idle : Park(clock, idleSince);
            if (wake != Wake.Work)
            {
                if (_life.Ephemeral)
                {
                    return "job-done";
                }
                Leave(wake);
                return wake == Wake.Idle ? "idle-timeout" : "max-lifetime";
            }
        }
    }

    /// <summary>Runs one item on this worker; false when the worker's initializer failed and the job was failed instead.</summary>
    private static bool RunItem(IWorkItem item, TallySlot slot, Exception? broken)
    {
        // Counted before it runs: whoever sees a job's result sees it counted.
        if (item is IJobItem job)
        {
            Volatile.Write(ref slot.Started, slot.Started + 1);
            if (broken is not null)
            {
                job.Crash(broken);
                return false;
            }
        }
        Volatile.Write(ref slot.Running, 1);
        item.Execute();
        Volatile.Write(ref slot.Running, 0);
        return true;
    }

    /// <summary>
    /// Ephemeral mode: starts a worker for each queued item while a place is free, handing the item
    /// to it, so every worker runs exactly one item. Called after an enqueue and after a worker
    /// gives its place back; each publishes its change before it looks at the other's, so an item
    /// and a free place never miss each other.
    /// </summary>
    private void DispatchEphemeral()
    {
        while (!_queue.IsEmpty && TryTakePlace())
        {
            if (_queue.TryDequeue(out var item))
            {
                StartWorker(item);
            }
            else
            {
                Interlocked.Increment(ref _emptyPlaces);
            }
        }
    }

    private bool TryTakePlace() => Counts.TryTakeOne(ref _emptyPlaces);

    private bool Finished => Drained && _queue.IsEmpty;

    /// <summary>Runs the initializer on this new worker; the error its jobs get if it threw.</summary>
    private WorkerInitializationException? Initialize()
    {
        if (_initializer is null)
        {
            return null;
        }
        try
        {
            _initializer.Initialize(new WorkerStart(Name, WorkersStarted));
            return null;
        }
        catch (Exception e)
        {
            // The user's initializer failed, not ours: one warning line, no stack trace.
            if (_log is not null)
            {
                Diagnostics.Log.WorkerInitializerFailed(_log, Name, _initializer.GetType().Name, e);
            }
            return new WorkerInitializationException($"The worker's initializer {_initializer.GetType().Name} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>A worker whose generation was replaced, or one more than the pool now wants, leaves.</summary>
    private bool ShouldLeave(int generation)
    {
        if (generation != Volatile.Read(ref _generation))
        {
            return true;
        }
        return Counts.TryTakeOne(ref _leaving);
    }

    /// <summary>
    /// This worker's life is over. Past its lifetime or its jobs, a fresh one takes its place at once
    /// (unless the pool is closing). Idle, it leaves its place empty for the next enqueue to fill;
    /// the queue is looked at after the place is given up (an enqueue looks at the places after it
    /// queues), so a job that arrived meanwhile is never left without a worker.
    /// </summary>
    private void Leave(Wake how)
    {
        if (how == Wake.Expired)
        {
            if (Mode != PoolMode.Closed)
            {
                StartWorker();
            }
            return;
        }
        Interlocked.Increment(ref _emptyPlaces);
        if (!_queue.IsEmpty)
        {
            Restart();
        }
    }

    /// <summary>Workers that left idle come back for new work, one per enqueue, up to those that left.</summary>
    private void Restart()
    {
        if (TryTakePlace())
        {
            StartWorker();
        }
    }

    // Announces the worker, looks once more, then waits for a wake-up (see Enqueue). A worker that
    // finds work after announcing withdraws its announcement; if an enqueue has already taken it,
    // the wake-up it sends is consumed here, so no permit is left over to spin a worker later.
    // The wait is bounded (s_parkCheck): a wake-up meant for leaving workers may be taken by another,
    // so each parked worker also looks on its own whether it was asked to leave.
    private Wake Park(WorkerLife.Clock clock, long idleSince)
    {
        Interlocked.Increment(ref _sleepers);
        if (!_queue.IsEmpty || Finished)
        {
            ConsumeUnlessWithdrawn();
            return Wake.Work;
        }
        if (_signal.Wait(_life.Wait(clock, idleSince, s_parkCheck)))
        {
            return Wake.Work;
        }
        ConsumeUnlessWithdrawn();
        if (_life.Expired(clock))
        {
            return Wake.Expired;
        }
        return _life.IdledOut(idleSince) ? Wake.Idle : Wake.Work;
    }

    private void ConsumeUnlessWithdrawn()
    {
        if (!Withdraw())
        {
            _signal.Wait();
        }
    }

    /// <summary>Takes back this worker's announcement; false if an enqueue already took it (and sent a wake-up).</summary>
    private bool Withdraw()
    {
        return Counts.TryTakeOne(ref _sleepers);
    }

    private enum Wake
    {
        /// <summary>Look at the queue again.</summary>
        Work,

        /// <summary>Idle past idle-timeout: leave, and let the next job start a worker again.</summary>
        Idle,

        /// <summary>Past max-lifetime: leave, replaced at once.</summary>
        Expired,
    }
}
