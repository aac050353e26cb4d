using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using ActorPool.Process;

namespace ActorPool.Cluster.Internal.Jobs;

/// <summary>
/// The remote job types this node runs: an allow-list keyed by the job type's full name, filled
/// from <c>actor-pool.cluster.job-types</c> and <see cref="ClusterPools.RegisterJob{TJob}"/>. A
/// name off the wire is only ever looked up here, never loaded as a type.
/// </summary>
internal sealed class JobCatalog
{
    private static readonly MethodInfo s_runner = typeof(JobCatalog).GetMethod(nameof(Runner), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo s_leaseRunner = typeof(JobCatalog).GetMethod(nameof(LeaseRunner), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LeaseRun> _leaseRuns = new(StringComparer.Ordinal);

    /// <summary>Runs one job on a group's pools: argument JSON in, result JSON out.</summary>
    public delegate Task<string> Run(PoolClient client, string argumentJson, TimeSpan? timeout);

    /// <summary>Runs one job on a leased pool: argument JSON in, result JSON out; the token is the caller's timeout.</summary>
    public delegate Task<string> LeaseRun(ILeasedExecutor lease, string argumentJson, CancellationToken cancellationToken);

    /// <summary>The wire name of a job type.</summary>
    public static string NameOf(Type jobType) => jobType.FullName!;

    /// <summary>The job type <paramref name="name"/> names (an assembly-qualified name from HOCON), or null and why not.</summary>
    public static Type? Resolve(string name, out string error)
    {
        Type? type = null;
        try
        {
            type = Type.GetType(name, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or TypeLoadException)
        {
            error = $"[{name}] cannot be loaded: {e.Message}";
            return null;
        }
        if (type is null)
        {
            error = $"[{name}] names no type that can be loaded (an assembly-qualified name such as \"Acme.Resize, Acme\")";
            return null;
        }
        error = Check(type) ?? "";
        return error.Length == 0 ? type : null;
    }

    /// <summary>Why <paramref name="type"/> cannot be a remote job, or null.</summary>
    public static string? Check(Type type)
    {
        if (!type.IsClass || type.IsAbstract || type.IsGenericTypeDefinition || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return $"[{type}] must be a concrete class with a public parameterless constructor";
        }
        try
        {
            JobShape.Of(type);
            return null;
        }
        catch (NotPortableJobException e)
        {
            return $"[{type}] {e.Message}";
        }
    }

    /// <summary>Adds <paramref name="jobType"/>; registering it twice is harmless.</summary>
    /// <exception cref="ArgumentException">It is no portable job type.</exception>
    public void Register(Type jobType)
    {
        if (Check(jobType) is { } error)
        {
            throw new ArgumentException("A remote job type " + error + " implementing ActorPool.Process.IProcessJob<TArgument, TResult>.", nameof(jobType));
        }
        var shape = JobShape.Of(jobType);
        var run = (Run)s_runner.MakeGenericMethod(jobType, shape.Argument, shape.Result).Invoke(null, null)!;
        _runs.TryAdd(NameOf(jobType), run);
        _leaseRuns.TryAdd(NameOf(jobType), (LeaseRun)s_leaseRunner.MakeGenericMethod(jobType, shape.Argument, shape.Result).Invoke(null, null)!);
    }

    /// <summary>The runner of the job type named <paramref name="name"/>, if this node registered it.</summary>
    public Run? Find(string name) => _runs.GetValueOrDefault(name);

    /// <summary>The lease runner of the job type named <paramref name="name"/>, if this node registered it.</summary>
    public LeaseRun? FindLeased(string name) => _leaseRuns.GetValueOrDefault(name);

    private static Run Runner<TJob, TArgument, TResult>()
        where TJob : class, IProcessJob<TArgument, TResult>, new() =>
        async (client, argumentJson, timeout) =>
        {
            var argument = JsonSerializer.Deserialize<TArgument>(argumentJson)!;
            var result = await client.RunProcessJobAsync<TJob, TArgument, TResult>(argument, timeout).ConfigureAwait(false);
            return JsonSerializer.Serialize(result);
        };

    // A leased pool takes delegates: the job runs in this process, on the leased pool's workers.
    private static LeaseRun LeaseRunner<TJob, TArgument, TResult>()
        where TJob : class, IProcessJob<TArgument, TResult>, new() =>
        async (lease, argumentJson, cancellationToken) =>
        {
            var argument = JsonSerializer.Deserialize<TArgument>(argumentJson)!;
            var result = await lease.SubmitAsync(token => new TJob().RunAsync(argument, token), cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Serialize(result);
        };
}
