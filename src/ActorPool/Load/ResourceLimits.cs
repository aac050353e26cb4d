using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.ResourceMonitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorPool.Internal.Load;

/// <summary>
/// The CPUs and memory this process may use: the container's limits (cgroup v1 or v2 on Linux, the
/// job object on Windows) read by Microsoft.Extensions.Diagnostics.ResourceMonitoring, else the
/// machine's.
/// </summary>
/// <remarks>
/// Only ResourceMonitoring's <see cref="ResourceQuotaProvider"/> is used. Its utilization API
/// (<c>IResourceMonitor</c>, <c>ISnapshotProvider</c>) is obsolete, is fed by a hosted service, and
/// measures the whole container rather than this process; its metrics refresh on their own interval.
/// The quota provider needs no host: a private service provider with a null logger builds it. The
/// quota is read at every sample, as a Kubernetes pod's limits can change while it runs.
/// </remarks>
internal static class ResourceLimits
{
    private static readonly Lazy<ResourceQuotaProvider?> s_provider = new(Create);

    /// <summary>The CPUs this process may keep busy: the container's limit, at most the processor count.</summary>
    public static double Cpus()
    {
        var cpus = (double)Environment.ProcessorCount;
        return Quota() is { MaxCpuInCores: > 0 } quota ? Math.Min(cpus, quota.MaxCpuInCores) : cpus;
    }

    /// <summary>The memory this process may use in bytes: the container's limit, or the GC's view of the machine.</summary>
    public static long MemoryBytes()
    {
        var gcLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Quota() is { MaxMemoryInBytes: > 0 } quota
            ? (long)Math.Min((ulong)Math.Max(1, gcLimit), quota.MaxMemoryInBytes)
            : gcLimit;
    }

    private static ResourceQuota? Quota() => s_provider.Value?.GetResourceQuota();

    private static ResourceQuotaProvider? Create()
    {
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddResourceMonitoring();
            // Kept for the process's life: the provider is a singleton of this private container.
            return services.BuildServiceProvider().GetRequiredService<ResourceQuotaProvider>();
        }
        catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or IOException)
        {
            // No supported provider here (e.g. macOS): the machine's processors and the GC's limit.
            return null;
        }
    }
}
