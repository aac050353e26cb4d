using ActorPool.Process.TestApp;

namespace ActorPool.Process.Tests;

public sealed class JobTests : IAsyncLifetime
{
    private readonly WorkerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Fact]
    public async Task A_job_runs_in_a_child_process_and_its_result_comes_back()
    {
        var worker = _fixture.Worker();

        var reply = await worker.RunJobAsync<EchoJob, string, EchoReply>("hello \"quoted\" ü\n");

        Assert.Equal("hello \"quoted\" ü\n", reply.Text);
        Assert.NotEqual(Environment.ProcessId, reply.Pid);
        Assert.Equal(reply.Pid, worker.ChildPid);
    }

    [Fact]
    public async Task Jobs_run_one_after_another_on_the_same_child()
    {
        var worker = _fixture.Worker();

        var replies = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(i => worker.RunJobAsync<EchoJob, string, EchoReply>(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(["0", "1", "2", "3", "4"], replies.Select(r => r.Text));
        Assert.Single(replies.Select(r => r.Pid).Distinct());
        Assert.Equal(1, worker.ChildrenStarted);
    }

    [Fact]
    public async Task A_job_exception_comes_back_with_its_type_and_message_and_the_child_lives_on()
    {
        var worker = _fixture.Worker();
        await worker.StartAsync();
        var pid = worker.ChildPid;

        var error = await Assert.ThrowsAsync<ProcessJobException>(() => worker.RunJobAsync<ThrowJob, string, int>("bad input"));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("bad input", error.RemoteMessage);
        Assert.Contains(nameof(ThrowJob), error.RemoteStackTrace);
        Assert.Equal(pid, (await worker.RunJobAsync<EchoJob, string, EchoReply>("after")).Pid);
    }

    [Fact]
    public void A_delegate_is_not_portable_and_the_error_says_what_to_do()
    {
        Func<object?> job = () => 42;

        var error = PortableJob.NotPortable(job);

        Assert.IsType<NotPortableJobException>(error);
        Assert.Contains("IProcessJob<TArgument, TResult>", error.Message);
        Assert.Contains("ProcessJobRegistry.Register<TJob>()", error.Message);
    }

    [Fact]
    public async Task An_unregistered_job_type_fails_at_once_without_a_child()
    {
        var worker = _fixture.Worker(jobs: new ProcessJobRegistry().Register<EchoJob>());

        var error = Assert.Throws<NotPortableJobException>(() => { _ = worker.RunAsync(PortableJob.Create<ThrowJob>("x")); });

        Assert.Contains("not registered", error.Message);
        Assert.Equal(0, worker.ChildrenStarted);
        await Task.CompletedTask;
    }

    [Fact]
    public void A_type_that_is_no_job_cannot_be_registered()
    {
        var error = Assert.Throws<NotPortableJobException>(() => new ProcessJobRegistry().Register<object>());

        Assert.Contains("IProcessJob<TArgument, TResult>", error.Message);
    }

    [Fact]
    public void An_argument_of_the_wrong_type_is_refused_on_the_callers_side()
    {
        var error = Assert.Throws<NotPortableJobException>(() => PortableJob.Create<EchoJob>(42));

        Assert.Contains("takes a System.String", error.Message);
    }

    [Fact]
    public async Task The_initializer_runs_once_in_each_child_and_env_vars_reach_it()
    {
        var worker = _fixture.Worker(
            jobs: WorkerFixture.Jobs().WithInitializer<TestInitializer>(),
            settings: new ProcessSettings { Env = new Dictionary<string, string> { ["FROM_SETTINGS"] = "settings" } },
            env: new Dictionary<string, string> { ["FROM_OPTIONS"] = "options" });

        var fromSettings = await worker.RunJobAsync<InitJob, string, string>("FROM_SETTINGS");
        var fromOptions = await worker.RunJobAsync<InitJob, string, string>("FROM_OPTIONS");

        Assert.Equal($"initialized in {worker.ChildPid}|settings", fromSettings);
        Assert.EndsWith("|options", fromOptions);
    }

    [Fact]
    public async Task An_initializer_that_throws_fails_the_start_with_its_message()
    {
        var worker = _fixture.Worker(jobs: WorkerFixture.Jobs().WithInitializer<FailingInitializer>());

        var error = await Assert.ThrowsAsync<WorkerCrashedException>(() => worker.RunJobAsync<EchoJob, string, EchoReply>("never"));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains("failed to start", error.Message);
        Assert.Contains(error.LastStderrLines, l => l.Contains("the model file is missing", StringComparison.Ordinal));
    }
}
