using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Hosting.Tests;

/// <summary>Starting a generic host the way an application does, and reading why a start failed.</summary>
internal static class TestHosts
{
    /// <summary>How long a host start or an expected answer may take on a loaded machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Builds and starts a host; one that fails to start is disposed before the error goes up.</summary>
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

    /// <summary>Every message of an error and its causes, so a test finds the one that names the key.</summary>
    public static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.InnerException is null ? error.Message : $"{error.Message} | {Flatten(error.InnerException)}";
}
