using ActorPool.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Docs.Tests.Snippets;

/// <summary>docs/getting-started.md: submitting jobs and the Akka.Hosting set-up.</summary>
public static class GettingStarted
{
    public static async Task<(string Where, int Length)> SubmitAsync(PoolClient client, HttpClient httpClient, Uri url)
    {
        #region submit-jobs
        string where = await client.SubmitAsync(() => Thread.CurrentThread.Name!);     // "pools-pool-1-worker-1"
        int length = await client.SubmitAsync(async ct =>
        {
            var page = await httpClient.GetStringAsync(url, ct);   // resumes on the same pool
            return page.Length;
        });
        #endregion
        return (where, length);
    }

    public static void AddPools(HostApplicationBuilder builder)
    {
        #region hosting
        builder.Services.AddSingleton<DeviceRegistry>();
        builder.Services.AddAkka("app", b => b.WithActorPool(
            "pools",
            o => { o.MaxPools = 4; o.WorkersPerPool = 2; },
            sp => () => sp.GetRequiredService<DeviceRegistry>().Count));
        builder.Services.AddActorPoolClient();
        #endregion
    }

    public static void Configure(ActorSystem system)
    {
        #region code-first-settings
        var settings = PoolSettings.Create(system) with { MaxPools = 4, WorkersPerPool = 2 };
        settings = settings with { Lease = settings.Lease with { Grace = TimeSpan.FromSeconds(1) } };
        #endregion
        GC.KeepAlive(settings);
    }
}

/// <summary>The application's own unit count, e.g. connected devices.</summary>
public sealed class DeviceRegistry
{
    public int Count { get; set; }
}
