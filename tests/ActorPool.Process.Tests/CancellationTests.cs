using ActorPool.Process.TestApp;

namespace ActorPool.Process.Tests;

public sealed class CancellationTests : IAsyncLifetime
{
    private readonly WorkerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Fact]
    public async Task A_cancelled_job_that_honours_its_token_leaves_its_child_running()
    {
        // A long grace: the job ends as soon as it sees its token, however slow a loaded machine is
        // to carry the Cancel frame; a short one could kill the child first.
        var worker = _fixture.Worker(new ProcessSettings { CancelGrace = WorkerFixture.Patience });
        var marker = _fixture.Marker();
        using var cancel = new CancellationTokenSource();
        var job = worker.RunJobAsync<CooperativeJob, string, int>(marker, cancellationToken: cancel.Token);
        await Await.UntilAsync(() => File.Exists(marker), "the job has started");
        var pid = worker.ChildPid;

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        Assert.Equal(pid, (await worker.RunJobAsync<EchoJob, string, EchoReply>("next")).Pid);
        Assert.Empty(_fixture.Exits);
    }

    [Fact]
    public async Task A_cancelled_job_that_ignores_its_token_is_killed_with_its_child_after_the_grace()
    {
        var worker = _fixture.Worker();
        var marker = _fixture.Marker();
        using var cancel = new CancellationTokenSource();
        var job = worker.RunJobAsync<HangJob, string, int>(marker, cancellationToken: cancel.Token);
        await Await.UntilAsync(() => File.Exists(marker), "the job has started");
        var pid = worker.ChildPid!.Value;

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        var next = await worker.RunJobAsync<EchoJob, string, EchoReply>("next");
        Assert.NotEqual(pid, next.Pid);
        Assert.Equal(ChildExitReason.Killed, (await _fixture.ExitOfAsync(pid)).Reason);
        Assert.True(Await.IsGone(pid));
    }

    [Fact]
    public async Task A_job_past_its_timeout_fails_with_TimeoutException_and_its_deaf_child_is_replaced()
    {
        var worker = _fixture.Worker();
        await worker.StartAsync();
        var pid = worker.ChildPid!.Value;

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => worker.RunJobAsync<HangJob, string, int>(_fixture.Marker(), TimeSpan.FromMilliseconds(300)));

        Assert.Contains("HangJob", error.Message);
        var next = await worker.RunJobAsync<EchoJob, string, EchoReply>("next");
        Assert.NotEqual(pid, next.Pid);
        Assert.Equal(ChildExitReason.Killed, (await _fixture.ExitOfAsync(pid)).Reason);
    }

    [Fact]
    public async Task A_job_cancelled_while_waiting_its_turn_never_runs()
    {
        var worker = _fixture.Worker();
        var marker = _fixture.Marker();
        using var first = new CancellationTokenSource();
        var running = worker.RunJobAsync<CooperativeJob, string, int>(marker, cancellationToken: first.Token);
        await Await.UntilAsync(() => File.Exists(marker), "the first job has started");
        using var second = new CancellationTokenSource();
        var waiting = worker.RunJobAsync<CooperativeJob, string, int>(_fixture.Marker(), cancellationToken: second.Token);

        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
