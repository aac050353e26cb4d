using ActorPool.Process;
using ActorPool.Process.TestApp;

// A parent process for the tests:
//   echo TEXT  runs EchoJob in a child and prints "TEXT from <child pid>"
//   orphan     starts a child, prints "child <pid>", then waits to be killed
var worker = new ProcessWorker(new ProcessWorkerOptions
{
    Name = "test-app",
    Jobs = new ProcessJobRegistry().Register<EchoJob>(),
    Settings = new ProcessSettings { ParentPollInterval = TimeSpan.FromMilliseconds(200) },
});
switch (args.FirstOrDefault())
{
    case "echo":
        var reply = await worker.RunJobAsync<EchoJob, string, EchoReply>(args.ElementAtOrDefault(1) ?? "");
        Console.WriteLine($"{reply.Text} from {reply.Pid}");
        await worker.DisposeAsync();
        return 0;
    case "orphan":
        await worker.StartAsync();
        Console.WriteLine($"child {worker.ChildPid}");
        await Task.Delay(Timeout.Infinite);
        return 0;
    default:
        Console.Error.WriteLine("usage: echo TEXT | orphan");
        return 2;
}
