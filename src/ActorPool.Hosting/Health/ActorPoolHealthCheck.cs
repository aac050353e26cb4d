using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorPool.Hosting;

/// <summary>
/// A health check of one pool supervisor, read from its published status (no Ask, so a busy or
/// restarting supervisor never makes the check time out).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>Unhealthy (the registration's failure status) when the supervisor is dead:
/// never started, or stopped.</description></item>
/// <item><description>Degraded while work is stuck (a stuck pool or a stuck worker) or while the
/// system load stays overloaded over its history; see <see cref="ActorPoolHealthOptions"/>.</description></item>
/// <item><description>Healthy otherwise.</description></item>
/// </list>
/// The result's <see cref="HealthCheckResult.Data"/> holds the status numbers (desired, total,
/// idle, busy, leased, draining, stuck, stuck_workers, queued, running, units, lease_waiters,
/// jobs_rejected, load) and its description says why. Thread-safe; register it with
/// <c>services.AddHealthChecks().AddActorPool()</c>.
/// </remarks>
public sealed class ActorPoolHealthCheck : IHealthCheck
{
    private readonly Func<(PoolStatus? Status, string Missing)> _read;
    private readonly ActorPoolHealthOptions _options;

    /// <summary>A check of <paramref name="supervisor"/>, a supervisor of <paramref name="system"/> in this process.</summary>
    /// <param name="system">The supervisor's actor system.</param>
    /// <param name="supervisor">The supervisor actor.</param>
    /// <param name="options">What counts as degraded; null for the defaults.</param>
    public ActorPoolHealthCheck(ActorSystem system, IActorRef supervisor, ActorPoolHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(supervisor);
        var pools = ActorPools.Get(system);
        _read = () => (pools.StatusOf(supervisor), $"the pool supervisor {supervisor.Path.ToStringWithoutAddress()} is not running (stopped, or never started)");
        _options = options ?? new ActorPoolHealthOptions();
    }

    /// <summary>A check reading its status through <paramref name="read"/> (the hosting registration's lookup).</summary>
    internal ActorPoolHealthCheck(Func<(PoolStatus? Status, string Missing)> read, ActorPoolHealthOptions options)
    {
        _read = read;
        _options = options;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (status, missing) = _read();
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        return Task.FromResult(status is null
            ? new HealthCheckResult(failure, missing)
            : Evaluate(status, _options));
    }

    /// <summary>The verdict on a live supervisor's status.</summary>
    internal static HealthCheckResult Evaluate(PoolStatus status, ActorPoolHealthOptions options)
    {
        var stuckWorkers = status.Pools.Sum(p => p.StuckWorkers);
        var data = Data(status, stuckWorkers);
        var reasons = new List<string>();
        if (options.DegradedWhenStuck && status.Stuck > 0)
        {
            reasons.Add($"{status.Stuck} stuck {(status.Stuck == 1 ? "pool" : "pools")} (a revoked lease's job ignores its cancellation)");
        }
        if (options.DegradedWhenStuck && stuckWorkers > 0)
        {
            reasons.Add($"{stuckWorkers} stuck {(stuckWorkers == 1 ? "worker" : "workers")} (a job outlived its timeout)");
        }
        if (options.DegradedWhenOverloaded && status.Load.HistoricallyOverloaded)
        {
            var signals = string.Join(", ", status.Load.HistoricallyOverloadedSignals.Order().Select(s => s.ConfigName()));
            reasons.Add($"overloaded over the load history: {signals}");
        }
        return reasons.Count == 0
            ? HealthCheckResult.Healthy($"{status.Supervisor}: {status.Total} {(status.Total == 1 ? "pool" : "pools")} ({status.Idle} idle, {status.Busy} busy, {status.Leased} leased), {status.Queued} queued", data)
            : HealthCheckResult.Degraded($"{status.Supervisor}: {string.Join("; ", reasons)}", data: data);
    }

    private static Dictionary<string, object> Data(PoolStatus s, int stuckWorkers) => new()
    {
        ["supervisor"] = s.Supervisor,
        ["desired"] = s.Desired,
        ["total"] = s.Total,
        ["idle"] = s.Idle,
        ["busy"] = s.Busy,
        ["leased"] = s.Leased,
        ["draining"] = s.Draining,
        ["stuck"] = s.Stuck,
        ["stuck_workers"] = stuckWorkers,
        ["queued"] = s.Queued,
        ["running"] = s.RunningJobs,
        ["units"] = s.Units,
        ["lease_waiters"] = s.LeaseWaiters,
        ["jobs_rejected"] = s.JobsRejected,
        ["load"] = s.Load.ToString(),
        ["timestamp"] = s.Timestamp.ToString("O", CultureInfo.InvariantCulture),
    };
}
