using ActorPool.Process.TestApp;

namespace ActorPool.Process.Tests;

public sealed class CrashTests : IAsyncLifetime
{
    private readonly WorkerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Fact]
    public async Task SIGKILL_mid_job_fails_the_job_with_the_signal_and_stderr_and_a_fresh_child_runs_the_next()
    {
        var worker = _fixture.Worker();
        var marker = _fixture.Marker();
        var job = worker.RunJobAsync<HangJob, string, int>(marker);
        await Await.UntilAsync(() => File.Exists(marker), "the job has started");
        var pid = worker.ChildPid!.Value;

        using (var child = System.Diagnostics.Process.GetProcessById(pid))
        {
            child.Kill(); // SIGKILL on Unix
        }

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => job);
        Assert.Equal(137, error.ExitCode);
        Assert.Equal(9, error.Signal);
        Assert.Contains("SIGKILL", error.Message);
        Assert.Contains("hang job: started, ignoring cancellation", error.LastStderrLines);
        Assert.Equal(ChildExitReason.Crashed, (await _fixture.ExitOfAsync(pid)).Reason);

        var next = await worker.RunJobAsync<EchoJob, string, EchoReply>("next");
        Assert.NotEqual(pid, next.Pid);
        Assert.Equal(2, worker.ChildrenStarted);
    }

    [Fact]
    public async Task Environment_Exit_in_a_job_fails_it_with_the_exit_code()
    {
        var worker = _fixture.Worker();

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => worker.RunJobAsync<ExitJob, int, int>(3));

        Assert.Equal(3, error.ExitCode);
        Assert.Null(error.Signal);
        Assert.Contains("exit job: exiting with 3", error.LastStderrLines);
        Assert.Contains("ExitJob", error.Message);
        Assert.Equal("after", (await worker.RunJobAsync<EchoJob, string, EchoReply>("after")).Text);
    }

    [Fact]
    public async Task An_unhandled_exception_kills_the_child_and_its_stack_reaches_the_error()
    {
        var worker = _fixture.Worker();

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(
            () => worker.RunJobAsync<UnhandledJob, string, int>("boom on a thread"));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains(error.LastStderrLines, l => l.Contains("InvalidOperationException: boom on a thread", StringComparison.Ordinal));
        Assert.Equal("after", (await worker.RunJobAsync<EchoJob, string, EchoReply>("after")).Text);
    }

    [Fact]
    public async Task Out_of_memory_ends_the_child_with_its_own_exit_code()
    {
        // A 96 MiB heap limit, through the child's environment, makes the job fail fast.
        var worker = _fixture.Worker(env: new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x6000000" });

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => worker.RunJobAsync<OutOfMemoryJob, int, int>(1 << 20));

        Assert.Equal(12, error.ExitCode);
        Assert.Contains("ran out of memory", error.Message);
        Assert.Contains(error.LastStderrLines, l => l.Contains("OutOfMemoryException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_poison_job_is_retried_on_fresh_children_then_quarantined_after_max_job_crashes()
    {
        var worker = _fixture.Worker();

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => PoisonJobs.RunAsync(
            ct => worker.RunJobAsync<ExitJob, int, int>(5, cancellationToken: ct), maxJobCrashes: 3));

        Assert.Equal(3, error.Crashes);
        Assert.Equal(5, error.ExitCode);
        Assert.Contains("poison job", error.Message);
        Assert.IsType<WorkerCrashedException>(error.InnerException);
        Assert.True(worker.ChildrenStarted >= 3);
        await Await.UntilAsync(
            () => _fixture.Exits.Count(e => e.Reason == ChildExitReason.Crashed && e.ExitCode == 5) == 3,
            "three crashed children are reported");
        Assert.Equal("healthy", (await worker.RunJobAsync<EchoJob, string, EchoReply>("healthy")).Text);
    }

    [Fact]
    public async Task A_job_that_crashes_once_succeeds_on_its_retry()
    {
        var attempts = 0;
        var worker = _fixture.Worker();

        var result = await PoisonJobs.RunAsync(
            async ct => ++attempts == 1
                ? await worker.RunJobAsync<ExitJob, int, int>(7, cancellationToken: ct)
                : (await worker.RunJobAsync<EchoJob, string, EchoReply>("second", cancellationToken: ct)).Text.Length,
            maxJobCrashes: 2);

        Assert.Equal("second".Length, result);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task KillChild_fails_the_running_job_and_a_fresh_child_starts()
    {
        var worker = _fixture.Worker();
        var marker = _fixture.Marker();
        var job = worker.RunJobAsync<HangJob, string, int>(marker);
        await Await.UntilAsync(() => File.Exists(marker), "the job has started");
        var pid = worker.ChildPid!.Value;

        await worker.KillChildAsync();

        await Assert.ThrowsAsync<WorkerCrashedException>(() => job);
        await worker.StartAsync();
        Assert.NotEqual(pid, worker.ChildPid);
        Assert.Equal(ChildExitReason.Killed, (await _fixture.ExitOfAsync(pid)).Reason);
    }
}
