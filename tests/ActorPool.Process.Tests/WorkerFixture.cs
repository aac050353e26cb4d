using System.Collections.Concurrent;
using ActorPool.Process.TestApp;
using Akka.Event;

namespace ActorPool.Process.Tests;

/// <summary>Builds workers over the test jobs, records their children's ends, disposes them.</summary>
internal sealed class WorkerFixture : IAsyncDisposable
{
    /// <summary>Generous: a child starts in well under a second, but these cores are shared.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<ProcessWorker> _workers = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("actorpool-process-").FullName;

    public ConcurrentQueue<ChildExit> Exits { get; } = new();

    public static ProcessJobRegistry Jobs() => new ProcessJobRegistry()
        .Register<EchoJob>().Register<ThrowJob>().Register<ExitJob>().Register<UnhandledJob>()
        .Register<OutOfMemoryJob>().Register<HangJob>().Register<CooperativeJob>().Register<LeakJob>()
        .Register<ChattyJob>().Register<InitJob>();

    public ProcessWorker Worker(
        ProcessSettings? settings = null, ILoggingAdapter? log = null, ProcessJobRegistry? jobs = null,
        IReadOnlyDictionary<string, string>? env = null, string name = "test-pool")
    {
        var worker = new ProcessWorker(new ProcessWorkerOptions
        {
            Name = name,
            Settings = settings ?? new ProcessSettings { CancelGrace = TimeSpan.FromMilliseconds(200) },
            Jobs = jobs ?? Jobs(),
            Log = log ?? NoLogger.Instance,
            Env = env ?? new Dictionary<string, string>(),
            ChildExited = Exits.Enqueue,
        });
        _workers.Add(worker);
        return worker;
    }

    /// <summary>The end of child <paramref name="pid"/>, once its worker has reported it (reports
    /// come on a thread-pool thread after the child's jobs have been answered).</summary>
    public async Task<ChildExit> ExitOfAsync(int pid)
    {
        await Await.UntilAsync(() => Exits.Any(e => e.Pid == pid), $"child {pid}'s end is reported");
        return Exits.Single(e => e.Pid == pid);
    }

    /// <summary>A fresh path for a job's marker file.</summary>
    public string Marker() => Path.Combine(_folder, Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
