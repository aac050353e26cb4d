using ActorPool.Process;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Cluster.Hosting.Tests;

/// <summary>Squares its argument wherever its group lives.</summary>
public sealed class SquareJob : IProcessJob<int, int>
{
    public Task<int> RunAsync(int argument, CancellationToken cancellationToken) => Task.FromResult(argument * argument);
}

/// <summary>The ActorRegistry key of the tests' "tenants" region.</summary>
public sealed class Tenants;

/// <summary>Generic hosts started the way an application starts them, and a cluster joined by hand (port 0 is known only once up).</summary>
internal static class TestHosts
{
    /// <summary>How long a host start, a join or an answer may take on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<IHost> StartAsync(Action<IServiceCollection> configure)
    {
        var host = Host.CreateDefaultBuilder().ConfigureServices(configure).Build();
        try
        {
            await host.StartAsync().WaitAsync(Wait);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Joins <paramref name="host"/>'s node to <paramref name="seed"/>'s (itself when null) and waits until it is Up.</summary>
    public static async Task JoinAsync(IHost host, IHost? seed = null)
    {
        var cluster = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
        var to = seed is null ? cluster.SelfAddress : Akka.Cluster.Cluster.Get(seed.Services.GetRequiredService<ActorSystem>()).SelfAddress;
        using var wait = new CancellationTokenSource(Wait);
        await cluster.JoinAsync(to, wait.Token);
    }

    /// <summary>Every message of an error and its causes, so a test finds the one that names the key.</summary>
    public static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.InnerException is null ? error.Message : $"{error.Message} | {Flatten(error.InnerException)}";
}
