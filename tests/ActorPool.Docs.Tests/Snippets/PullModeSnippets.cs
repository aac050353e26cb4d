using System.Collections.Concurrent;

namespace ActorPool.Docs.Tests.Snippets;

#region pull-source
public sealed class Frontier(ConcurrentQueue<Uri> urls, HttpClient http) : ITaskSource
{
    public ValueTask<bool> IsTaskReadyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(!urls.IsEmpty);

    public async Task RunTaskAsync(CancellationToken cancellationToken)       // on a pool worker; awaits stay on its pool
    {
        if (urls.TryDequeue(out var url))
        {
            await http.GetStringAsync(url, cancellationToken);
        }
    }

    public ValueTask<bool> IsFinishedAsync(CancellationToken cancellationToken) => ValueTask.FromResult(urls.IsEmpty);
}
#endregion

/// <summary>docs/pull-mode.md.</summary>
public static class PullModeSnippets
{
    public static async Task RunAsync(PoolClient client, ConcurrentQueue<Uri> urls, HttpClient http)
    {
        #region pull-run
        RunCompleted done = await client.RunAsync(new Frontier(urls, http));   // or pools.Tell(new Run(source))
        Console.WriteLine($"{done.Succeeded} pages in {done.Took}");
        #endregion
    }
}
