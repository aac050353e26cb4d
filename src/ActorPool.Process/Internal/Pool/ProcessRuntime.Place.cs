using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using ActorPool.Process;
using Akka.Event;

namespace ActorPool.Internal.Process.Pool;

/// <summary>One worker place's life: take a job, run it on the place's child, recycle the child.</summary>
internal sealed partial class ProcessRuntime
{
    private async Task ServeAsync(ProcessSlot place)
    {
        // Counters for the place; its children are counted as they start (WorkerReplaced).
        var tally = WorkerStarted(onThisThread: false, count: false);
        var clock = _life.Start();
        var idleSince = _life.Now;
        try
        {
            // Started ahead of the first job (loky starts its processes with the executor), except in
            // ephemeral mode, where each job starts its own child.
            if (!_life.Ephemeral)
            {
                clock = Open(place) ?? clock;
            }
            while (!place.Leaving)
            {
                var (take, item) = await TakeAsync(place, WaitLimit(place, clock, idleSince)).ConfigureAwait(false);
                if (take is Take.Finished or Take.Left)
                {
                    break;
                }
                if (take == Take.Looked)
                {
                    clock = await RecycleIdleAsync(place, clock, idleSince).ConfigureAwait(false);
                    continue;
                }
                if (place.Worker is null)
                {
                    if (Open(place) is not { } fresh)
                    {
                        Requeue(item!); // killed meanwhile: the fresh places take it
                        break;
                    }
                    clock = fresh;
                }
                await RunAsync(place, tally, item!).ConfigureAwait(false);
                idleSince = _life.Now;
                if (_life.AfterJob(ref clock) && !place.Leaving)
                {
                    var reason = _life.Ephemeral ? "job-done" : _life.Expired(clock) ? "max-lifetime" : "max-jobs-per-worker";
                    await RetireAsync(place, reason).ConfigureAwait(false);
                    if (!_life.Ephemeral && Mode != PoolMode.Closed)
                    {
                        clock = Open(place) ?? clock;
                    }
                }
            }
        }
        finally
        {
            await RetireAsync(place, place.StopReason).ConfigureAwait(false);
            WorkerEnded(tally, onThisThread: false);
            if (Interlocked.Decrement(ref _loops) == 0 && Drained)
            {
                AllWorkersEnded();
            }
        }
    }

    /// <summary>Runs one item on the place's child and waits until the child is free again.</summary>
    private static async Task RunAsync(ProcessSlot place, TallySlot tally, IWorkItem item)
    {
        // Counted before it runs: whoever sees a job's result sees it counted.
        Volatile.Write(ref tally.Started, tally.Started + 1);
        Volatile.Write(ref tally.Running, 1);
        if (item is IPortableItem portable)
        {
            portable.Slot = place;
        }
        item.Execute();
        if (place.Current is { } run)
        {
            // The job's answer carries its outcome; the place only waits for it to end.
            await Task.WhenAny(run).ConfigureAwait(false);
            place.Ended();
            // A cancelled job's child may still be within cancel-grace, or being killed.
            if (place.Worker is { } worker)
            {
                await worker.WhenIdleAsync().ConfigureAwait(false);
            }
        }
        Volatile.Write(ref tally.Running, 0);
    }

    /// <summary>Gives the place a fresh worker and starts its child; the clock of the child's life,
    /// or null when the place is being killed.</summary>
    private WorkerLife.Clock? Open(ProcessSlot place)
    {
        var worker = new ProcessWorker(new ProcessWorkerOptions
        {
            Name = place.Name,
            Settings = _settings,
            Log = _log,
            Time = _start.Clock,
            ChildStarted = _ => ChildStarted(place),
            ChildExited = exit => ChildExited(place, exit),
        });
        if (!place.TrySet(worker))
        {
            return null;
        }
        Interlocked.Increment(ref _live);
        place.StopReason = "pool-closed";
        // A failed start is the next job's answer (WorkerCrashedException); here it is only logged.
        _ = worker.StartAsync().ContinueWith(
            t => ProcessLog.ChildNotStarted(_log, place.Name, t.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return _life.Start();
    }

    /// <summary>Stops the place's child (killed if the place was), and counts it gone once it has exited.</summary>
    private async Task RetireAsync(ProcessSlot place, string reason)
    {
        if (place.Worker is not { } worker)
        {
            return;
        }
        place.StopReason = place.Killed ? "killed" : reason;
        place.TrySet(null);
        try
        {
            if (place.Killed)
            {
                await worker.KillAsync().ConfigureAwait(false);
            }
            else
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WorkerCrashedException or InvalidOperationException or IOException)
        {
            ProcessLog.StopFailed(_log, place.Name, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _live);
        }
    }

    /// <summary>An idle place looked at its child's life: past max-lifetime it is replaced, past
    /// idle-timeout stopped. Returns the clock of the place's child now.</summary>
    private async Task<WorkerLife.Clock> RecycleIdleAsync(ProcessSlot place, WorkerLife.Clock clock, long idleSince)
    {
        if (place.Worker is null)
        {
            return clock;
        }
        if (_life.Expired(clock))
        {
            await RetireAsync(place, "max-lifetime").ConfigureAwait(false);
            return Mode != PoolMode.Closed && Open(place) is { } fresh ? fresh : clock;
        }
        if (_life.IdledOut(idleSince))
        {
            // The next job starts a child again, without its caller noticing.
            await RetireAsync(place, "idle-timeout").ConfigureAwait(false);
        }
        return clock;
    }

    /// <summary>How long an idle place waits for work before it looks at its child's life; null for ever.</summary>
    private TimeSpan? WaitLimit(ProcessSlot place, WorkerLife.Clock clock, long idleSince) =>
        place.Worker is null || _life.IsForever ? null : _life.Wait(clock, idleSince, s_lookAgain);

    private async Task<(Take Take, IWorkItem? Item)> TakeAsync(ProcessSlot place, TimeSpan? limit)
    {
        using var timer = limit is { } after ? new CancellationTokenSource(after, _start.Clock) : null;
        using var linked = timer is null ? null : CancellationTokenSource.CreateLinkedTokenSource(place.LeaveToken, timer.Token);
        try
        {
            while (true)
            {
                if (_queue.Reader.TryRead(out var item))
                {
                    if (place.Leaving)
                    {
                        Requeue(item);
                        return (Take.Left, null);
                    }
                    return (Take.Item, item);
                }
                if (!await _queue.Reader.WaitToReadAsync(linked?.Token ?? place.LeaveToken).ConfigureAwait(false))
                {
                    return (Take.Finished, null);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return (place.Leaving ? Take.Left : Take.Looked, null);
        }
    }

    /// <summary>Hands an item a leaving place took back to the queue (behind what came meanwhile).</summary>
    private void Requeue(IWorkItem item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            item.Drop(new InvalidOperationException($"{Name} has ended"));
        }
    }

    private void ChildStarted(ProcessSlot place)
    {
        Interlocked.Increment(ref place.Children);
        WorkerReplaced();
        _start.Publish?.Invoke(new ActorPool.WorkerStarted(_start.Supervisor, Name, place.Name));
    }

    private void ChildExited(ProcessSlot place, ChildExit exit)
    {
        var reason = exit.Reason switch
        {
            ChildExitReason.Crashed => "crashed",
            ChildExitReason.Killed => "killed",
            ChildExitReason.Retired => "max-memory-growth",
            _ => place.StopReason,
        };
        _start.Publish?.Invoke(new WorkerStopped(_start.Supervisor, Name, place.Name, reason));
    }

    private enum Take
    {
        /// <summary>A job to run.</summary>
        Item,

        /// <summary>The wait limit passed: look at the child's life.</summary>
        Looked,

        /// <summary>The place was asked to leave.</summary>
        Left,

        /// <summary>The pool has ended: no job will come.</summary>
        Finished,
    }
}
