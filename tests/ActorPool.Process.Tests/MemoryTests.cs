using ActorPool.Process.TestApp;

namespace ActorPool.Process.Tests;

public sealed class MemoryTests : IAsyncLifetime
{
    private readonly WorkerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _fixture.DisposeAsync().AsTask();

    [Fact]
    public async Task A_child_whose_working_set_grew_past_the_limit_is_retired_after_its_job()
    {
        var worker = _fixture.Worker(new ProcessSettings { MaxMemoryGrowth = 64L << 20 });
        var first = await worker.RunJobAsync<EchoJob, string, EchoReply>("baseline");

        // 160 MiB kept alive and touched: far past the 64 MiB allowance, whatever the runtime's own noise.
        var grown = await worker.RunJobAsync<LeakJob, int, long>(160);

        Assert.True(grown > 160L << 20);
        var exit = await _fixture.ExitOfAsync(first.Pid);
        Assert.Equal(ChildExitReason.Retired, exit.Reason);
        Assert.Equal(0, exit.ExitCode);
        Assert.NotEqual(first.Pid, (await worker.RunJobAsync<EchoJob, string, EchoReply>("fresh")).Pid);
    }

    [Fact]
    public async Task A_child_within_its_allowance_is_kept()
    {
        var worker = _fixture.Worker(new ProcessSettings { MaxMemoryGrowth = 1L << 30 });
        var first = await worker.RunJobAsync<EchoJob, string, EchoReply>("baseline");

        _ = await worker.RunJobAsync<LeakJob, int, long>(16);

        Assert.Equal(first.Pid, (await worker.RunJobAsync<EchoJob, string, EchoReply>("same")).Pid);
        Assert.Empty(_fixture.Exits);
    }
}
