using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;

namespace ActorPool.Cluster.TestNode;

/// <summary>Sends one <see cref="WorkRequest"/> to a group (or plain entity) and returns its answer.</summary>
/// <param name="groupId">The group.</param>
/// <param name="request">The work.</param>
/// <param name="timeout">The caller's timeout.</param>
/// <returns>The reply, or the failure the caller sees.</returns>
public delegate Task<WorkReply> SendWork(string groupId, WorkRequest request, TimeSpan timeout);

/// <summary>How a job ended, as its caller saw it.</summary>
public enum JobEnd
{
    /// <summary>Its result came back.</summary>
    Result,

    /// <summary><see cref="GroupLostException"/>: the node that accepted it was removed; it may have run.</summary>
    GroupLost,

    /// <summary>The caller's timeout passed and no node had accepted it (lost in flight, or the group was moving); a plain <c>Ask</c> timeout is counted here, as plain sharding cannot tell.</summary>
    TimedOut,

    /// <summary>The caller's timeout passed after a node accepted it, with no answer and no <see cref="GroupLostException"/>: an accepted job lost.</summary>
    TimedOutAccepted,

    /// <summary>Any other failure.</summary>
    Other,

    /// <summary>It never ended at all.</summary>
    NoAnswer,
}

/// <summary>One job sent by a <see cref="JobLoad"/> or a probe.</summary>
/// <param name="GroupId">Where it was sent.</param>
/// <param name="Request">What was sent.</param>
/// <param name="SentAt">When (a <see cref="Stopwatch"/> timestamp).</param>
/// <param name="Answer">Its answer.</param>
public sealed record SentJob(string GroupId, WorkRequest Request, long SentAt, Task<WorkReply> Answer)
{
    /// <summary>How it ended; <see cref="JobEnd.NoAnswer"/> while it has not.</summary>
    public JobEnd End => !Answer.IsCompleted ? JobEnd.NoAnswer
        : Answer.IsCompletedSuccessfully ? JobEnd.Result
        : Kind(Answer.Exception?.InnerException);

    /// <summary>The failure, if it failed.</summary>
    public Exception? Failure => Answer.IsFaulted ? Answer.Exception?.InnerException : null;

    /// <summary>The kind of a failure the caller got.</summary>
    /// <param name="failure">The exception.</param>
    /// <returns>Its kind.</returns>
    public static JobEnd Kind(Exception? failure) => failure switch
    {
        GroupLostException => JobEnd.GroupLost,
        // ClusterPools' tracker says which of its two timeouts it is; "No node accepted ..." is the
        // one where no node had taken the job.
        TimeoutException t when t.Message.StartsWith("No node accepted", StringComparison.Ordinal) => JobEnd.TimedOut,
        TimeoutException => JobEnd.TimedOutAccepted,
        AskTimeoutException => JobEnd.TimedOut,
        _ => JobEnd.Other,
    };
}

/// <summary>
/// A steady load: one job every <c>interval</c>, to each group in turn, until stopped; every job
/// sent is kept with its answer, so a test or benchmark can count how each ended.
/// </summary>
public sealed class JobLoad : IDisposable
{
    private static long s_seq;

    private readonly SendWork _send;
    private readonly IReadOnlyList<string> _groups;
    private readonly TimeSpan _interval;
    private readonly int _delayMs;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentQueue<SentJob> _sent = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the load; <see cref="Start"/> starts it.</summary>
    /// <param name="send">How a job is sent.</param>
    /// <param name="groups">The groups, sent to in turn.</param>
    /// <param name="interval">Between two jobs.</param>
    /// <param name="delayMs">How long each job takes where it runs.</param>
    /// <param name="timeout">Each job's timeout.</param>
    public JobLoad(SendWork send, IReadOnlyList<string> groups, TimeSpan interval, int delayMs, TimeSpan timeout)
    {
        _send = send;
        _groups = groups;
        _interval = interval;
        _delayMs = delayMs;
        _timeout = timeout;
    }

    /// <summary>How many jobs have been sent.</summary>
    public int Sent => _sent.Count;

    /// <summary>Every job sent so far.</summary>
    public IReadOnlyList<SentJob> Jobs => [.. _sent];

    /// <summary>Sends one job now, outside the load, and keeps it with the others.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="delayMs">How long it takes.</param>
    /// <param name="timeout">Its timeout.</param>
    /// <returns>The job.</returns>
    public SentJob SendOne(string groupId, int delayMs, TimeSpan timeout)
    {
        var request = new WorkRequest(Interlocked.Increment(ref s_seq), delayMs);
        var sentAt = Stopwatch.GetTimestamp();
        Task<WorkReply> answer;
        try
        {
            answer = _send(groupId, request, timeout);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            answer = Task.FromException<WorkReply>(e);
        }
        var job = new SentJob(groupId, request, sentAt, answer);
        _sent.Enqueue(job);
        return job;
    }

    /// <summary>Starts sending.</summary>
    public void Start() => _loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(_interval);
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                SendOne(_groups[next++ % _groups.Count], _delayMs, _timeout);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    });

    /// <summary>Stops sending, then waits until every job sent has ended (each ends by its timeout at the latest).</summary>
    /// <param name="within">How long to wait for the last answers.</param>
    /// <returns>Every job sent, with its answer; any still unanswered after <paramref name="within"/> shows <see cref="JobEnd.NoAnswer"/>.</returns>
    public async Task<IReadOnlyList<SentJob>> EndAsync(TimeSpan within)
    {
        await _stop.CancelAsync();
        await _loop;
        var jobs = Jobs;
        try
        {
            await Task.WhenAll(jobs.Select(j => (Task)j.Answer)).WaitAsync(within);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            // The failures are the jobs' outcomes, read from each job.
        }
        catch (TimeoutException)
        {
            // Unanswered jobs are reported as NoAnswer.
        }
        return jobs;
    }

    /// <summary>Stops sending (jobs already sent still end by their timeouts).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
