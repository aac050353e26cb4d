using System.Runtime.CompilerServices;
using ActorPool.Internal.Supervision;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Dispatch;

/// <summary>
/// A caller's cancellation token on a job, through <see cref="PoolClient"/> and a lease: fired
/// while the job waits, the job never runs and its task ends Canceled at once (freeing its
/// admission slot); fired once it runs, an async job sees it and a sync job runs to its end.
/// </summary>
public sealed class CancellationTests(ITestOutputHelper output) : PoolTestKit(output)
{
    /// <summary>One worker and room for one waiting job: a held worker and one queued job fill the supervisor.</summary>
    private static readonly PoolSettings s_oneWorker = SeedSettings with { MinPools = 1, MaxPools = 1, WorkersPerPool = 1, MaxQueuedJobs = 1 };

    /// <summary>Room for a lease of one single-worker pool beside a shared one.</summary>
    private static readonly PoolSettings s_leasable = SeedSettings with { MinPools = 1, MaxPools = 2, WorkersPerPool = 1 };

    private static readonly TimeSpan s_leaseFor = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientJob_CancelledWhileQueued_NeverRuns_EndsCanceled_AndFreesItsAdmissionSlotAtOnce(bool async)
    {
        var (pools, client) = await StartAsync(s_oneWorker);
        using var gate = new Gate();
        var blocker = client.SubmitAsync(() =>
        {
            gate.Pass();
            return "blocker";
        });
        await UntilAsync(() => gate.Entered == 1);
        using var cancel = new CancellationTokenSource();
        var ran = new StrongBox<bool>();
        var queued = async ? QueueAsync(client.SubmitAsync, ran, cancel.Token) : Queue(client.SubmitAsync, ran, cancel.Token);
        Assert.True(client.SubmitAsync(() => "over the limit").IsFaulted, "the worker and max-queued-jobs = 1 are not full");
        Assert.False(queued.IsCompleted);

        await cancel.CancelAsync();

        Assert.True(queued.IsCanceled, "a job cancelled while queued ends Canceled at once");
        Assert.Equal(cancel.Token, (await Assert.ThrowsAsync<TaskCanceledException>(() => queued)).CancellationToken);
        var accepted = client.SubmitAsync(() => "accepted");
        Assert.False(accepted.IsFaulted, "the cancelled job's admission slot was not freed at once");
        gate.Open();
        Assert.Equal("blocker", await blocker.WaitAsync(Wait));
        Assert.Equal("accepted", await accepted.WaitAsync(Wait));
        Assert.False(ran.Value, "a job cancelled while queued ran");
        await AdmitsExactlyMaxQueuedAsync(pools, client);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LeaseJob_CancelledWhileQueued_NeverRuns_EndsCanceled_AndTheLeaseGoesOn(bool async)
    {
        var (pools, client) = await StartAsync(s_leasable);
        var lease = await client.AcquireLeaseAsync(s_leaseFor, Wait);
        using var gate = new Gate();
        var blocker = lease.SubmitAsync(() =>
        {
            gate.Pass();
            return "blocker";
        });
        await UntilAsync(() => gate.Entered == 1);
        using var cancel = new CancellationTokenSource();
        var ran = new StrongBox<bool>();
        var queued = async ? QueueAsync(lease.SubmitAsync, ran, cancel.Token) : Queue(lease.SubmitAsync, ran, cancel.Token);
        Assert.False(queued.IsCompleted);

        await cancel.CancelAsync();

        Assert.True(queued.IsCanceled, "a lease job cancelled while queued ends Canceled at once");
        Assert.Equal(cancel.Token, (await Assert.ThrowsAsync<TaskCanceledException>(() => queued)).CancellationToken);
        var later = lease.SubmitAsync(() => "later");
        gate.Open();
        Assert.Equal("blocker", await blocker.WaitAsync(Wait));
        Assert.Equal("later", await later.WaitAsync(Wait));
        Assert.False(ran.Value, "a lease job cancelled while queued ran");
        Assert.True(lease.IsActive, "the caller's token ends the job, not the lease");
        // The release waits for every job the pool still counts, the skipped one included.
        await lease.ReleaseAsync().WaitAsync(Wait);
        Assert.Equal(0, (await StatusAsync(pools)).Leased);
    }

    [Fact]
    public async Task ClientAsyncJob_Started_SeesTheCallersToken_AndEndsCanceled()
    {
        var (_, client) = await StartAsync(s_oneWorker);
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var job = client.SubmitAsync(token => UntilCancelledAsync(started, token), cancel.Token);
        await started.Task.WaitAsync(Wait);
        await cancel.CancelAsync();

        await Task.WhenAny(job).WaitAsync(Wait);
        Assert.True(job.IsCanceled, $"a started async job stopped by its caller's token ended {job.Status}");
        Assert.Equal(cancel.Token, (await Assert.ThrowsAsync<TaskCanceledException>(() => job)).CancellationToken);
        Assert.Equal("next", await client.SubmitAsync(() => "next").WaitAsync(Wait));
    }

    [Fact]
    public async Task LeaseAsyncJob_Started_SeesTheCallersToken_AndEndsCanceled_TheLeaseGoesOn()
    {
        var (_, client) = await StartAsync(s_leasable);
        var lease = await client.AcquireLeaseAsync(s_leaseFor, Wait);
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var job = lease.SubmitAsync(token => UntilCancelledAsync(started, token), cancel.Token);
        await started.Task.WaitAsync(Wait);
        await cancel.CancelAsync();

        await Task.WhenAny(job).WaitAsync(Wait);
        Assert.True(job.IsCanceled, $"a started async lease job stopped by its caller's token ended {job.Status}");
        Assert.Equal(cancel.Token, (await Assert.ThrowsAsync<TaskCanceledException>(() => job)).CancellationToken);
        Assert.True(lease.IsActive, "the caller's token ends the job, not the lease");
        Assert.Equal("next", await lease.SubmitAsync(() => "next").WaitAsync(Wait));
        await lease.ReleaseAsync().WaitAsync(Wait);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SyncJob_Started_RunsToItsEnd_WhateverItsToken(bool leased)
    {
        var (_, client) = await StartAsync(s_leasable);
        var lease = leased ? await client.AcquireLeaseAsync(s_leaseFor, Wait) : null;
        using var cancel = new CancellationTokenSource();
        using var gate = new Gate();
        Func<string> work = () =>
        {
            gate.Pass();
            return "finished";
        };

        var job = lease is null ? client.SubmitAsync(work, cancel.Token) : lease.SubmitAsync(work, cancel.Token);
        await UntilAsync(() => gate.Entered == 1);
        await cancel.CancelAsync();

        Assert.False(job.IsCompleted, "a started sync job was given up when its token fired");
        gate.Open();
        Assert.Equal("finished", await job.WaitAsync(Wait));
    }

    [Fact]
    public async Task AlreadyCancelledToken_ReturnsACanceledTask_AndRunsNothing()
    {
        var (pools, client) = await StartAsync(s_leasable);
        var lease = await client.AcquireLeaseAsync(s_leaseFor, Wait);
        var plane = LocalSupervisors.Find(pools)!.Plane;
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var ran = new StrongBox<bool>();

        Task[] submitted =
        [
            Queue(client.SubmitAsync, ran, cancel.Token),
            QueueAsync(client.SubmitAsync, ran, cancel.Token),
            Queue(lease.SubmitAsync, ran, cancel.Token),
            QueueAsync(lease.SubmitAsync, ran, cancel.Token),
        ];

        Assert.All(submitted, t => Assert.True(t.IsCanceled, $"a submit with a cancelled token ended {t.Status}"));
        Assert.Equal(0, plane.InFlight);
        Assert.Equal(1, await client.SubmitAsync(() => 1).WaitAsync(Wait));
        Assert.Equal(2, await lease.SubmitAsync(() => 2).WaitAsync(Wait));
        Assert.False(ran.Value, "a job submitted with a cancelled token ran");
    }

    private async Task<(IActorRef Pools, PoolClient Client)> StartAsync(PoolSettings settings)
    {
        var pools = StartSupervisor(settings);
        await SettledAsync(pools);
        return (pools, ActorPools.Get(Sys).Client(pools));
    }

    /// <summary>
    /// With the books back to empty, holding the one worker admits exactly one more job: no slot
    /// was lost to the cancelled job, and none was freed twice.
    /// </summary>
    private async Task AdmitsExactlyMaxQueuedAsync(IActorRef pools, PoolClient client)
    {
        var plane = LocalSupervisors.Find(pools)!.Plane;
        await UntilAsync(() => plane.InFlight == 0);
        using var gate = new Gate();
        var blocker = client.SubmitAsync(() =>
        {
            gate.Pass();
            return 0;
        });
        await UntilAsync(() => gate.Entered == 1);

        var queued = client.SubmitAsync(() => 1);
        var over = client.SubmitAsync(() => 2);

        Assert.False(queued.IsFaulted, "a slot was lost: the one queued job max-queued-jobs allows was refused");
        Assert.True(over.IsFaulted, "a slot was freed twice: more jobs than max-queued-jobs were admitted");
        gate.Open();
        Assert.Equal(new[] { 0, 1 }, await Task.WhenAll(blocker, queued).WaitAsync(Wait));
    }

    private static Task<string> Queue(Func<Func<string>, CancellationToken, Task<string>> submit, StrongBox<bool> ran, CancellationToken token) =>
        submit(
            () =>
            {
                ran.Value = true;
                return "ran";
            },
            token);

    private static Task<string> QueueAsync(Func<Func<CancellationToken, Task<string>>, CancellationToken, Task<string>> submit, StrongBox<bool> ran, CancellationToken token) =>
        submit(
            async _ =>
            {
                ran.Value = true;
                await Task.Yield();
                return "ran";
            },
            token);

    /// <summary>An async job that runs until its token is cancelled, then ends as cancelled by it.</summary>
    private static async Task<int> UntilCancelledAsync(TaskCompletionSource started, CancellationToken token)
    {
        var stopped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => stopped.TrySetCanceled(token));
        started.SetResult();
        return await stopped.Task;
    }
}
