using ActorPool.Process.TestApp;
using Akka.Event;
using Akka.TestKit.Xunit2;

namespace ActorPool.Process.Tests;

public sealed class LoggingTests : TestKit
{
    [Fact]
    public async Task A_childs_stdout_is_logged_at_info_and_its_stderr_at_warning_under_the_workers_name()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Info));
        Sys.EventStream.Subscribe(probe.Ref, typeof(Warning));
        await using var fixture = new WorkerFixture();
        var worker = fixture.Worker(log: Logging.GetLogger(Sys, "pool-logs"), name: "pool-logs-worker-1");

        _ = await worker.RunJobAsync<ChattyJob, string, int>("hello log");

        // stderr is pumped apart from the link, so its line may come before or after the stdout one.
        bool sawOut = false, sawErr = false;
        await probe.FishForMessageAsync<LogEvent>(
            m =>
            {
                var text = m.Message.ToString()!;
                sawOut |= m is Info && text.StartsWith("[AP2006] [pool-logs-worker-1] child", StringComparison.Ordinal)
                    && text.EndsWith(": out: hello log", StringComparison.Ordinal);
                sawErr |= m is Warning && text.StartsWith("[AP2007] [pool-logs-worker-1] child", StringComparison.Ordinal)
                    && text.EndsWith("stderr: err: hello log", StringComparison.Ordinal);
                return sawOut && sawErr;
            },
            WorkerFixture.Patience);
    }
}
