using ActorPool.Process;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Docs.Tests.Snippets;

#region process-job
public sealed class Thumbnail : IProcessJob<string, int>   // public, parameterless constructor
{
    public Task<int> RunAsync(string path, CancellationToken cancellationToken) => Task.FromResult(path.Length);
}
#endregion

/// <summary>docs/process-backend.md.</summary>
public static class ProcessBackendSnippets
{
    public static async Task<int> PoolAsync(ActorSystem system)
    {
        #region process-pool
        // HOCON: actor-pool.workers.backend = process, or in code:
        var settings = PoolSettings.Create(system) with { Workers = new WorkerSettings { Backend = WorkerBackend.Process } };
        var pools = system.ActorOf(PoolSupervisor.Props(settings), "pools");
        var client = ActorPools.Get(system).Client(pools);

        int size = await client.RunProcessJobAsync<Thumbnail, string, int>("a.png", timeout: TimeSpan.FromSeconds(30));
        pools.Tell(SubmitProcessJob.Create<Thumbnail, string, int>("b.png"));   // the reply goes to the sender
        #endregion
        return size;
    }

    public static async Task<int> WorkerAsync(ActorSystem system)
    {
        #region process-worker
        await using var worker = new ProcessWorker(new ProcessWorkerOptions
        {
            Name = "images-worker-1",
            Jobs = new ProcessJobRegistry().Register<Thumbnail>(),            // the allow-list
            Settings = ProcessSettings.Create(system),                        // actor-pool.process
            Log = Logging.GetLogger(system, "images"),
        });
        int size = await worker.RunJobAsync<Thumbnail, string, int>("a.png", timeout: TimeSpan.FromSeconds(30));
        #endregion
        return size;
    }
}
