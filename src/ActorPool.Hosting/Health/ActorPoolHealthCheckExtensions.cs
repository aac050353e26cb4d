using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorPool.Hosting;

/// <summary>Registers the <see cref="ActorPoolHealthCheck"/> of a supervisor started by <c>WithActorPool</c>.</summary>
public static class ActorPoolHealthCheckExtensions
{
    /// <summary>
    /// Adds a health check of the supervisor <c>WithActorPool</c> registered under
    /// <see cref="PoolSupervisor"/>: unhealthy when it is dead, degraded while work is stuck or
    /// overload persists (see <see cref="ActorPoolHealthCheck"/>).
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name in the report.</param>
    /// <param name="configure">What counts as degraded; the defaults when null.</param>
    /// <param name="failureStatus">The status reported when the supervisor is dead; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddActorPool(
        this IHealthChecksBuilder builder,
        string name = "actor-pool",
        Action<ActorPoolHealthOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null) =>
        builder.AddActorPool<PoolSupervisor>(name, configure, failureStatus, tags);

    /// <summary>As <see cref="AddActorPool(IHealthChecksBuilder, string, Action{ActorPoolHealthOptions}?, HealthStatus?, IEnumerable{string}?)"/>,
    /// for the supervisor registered under <typeparamref name="TKey"/> (<c>WithActorPool&lt;TKey&gt;</c>).</summary>
    /// <typeparam name="TKey">The <see cref="ActorRegistry"/> key the supervisor was registered under.</typeparam>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name in the report; one per supervisor.</param>
    /// <param name="configure">What counts as degraded; the defaults when null.</param>
    /// <param name="failureStatus">The status reported when the supervisor is dead; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddActorPool<TKey>(
        this IHealthChecksBuilder builder,
        string name,
        Action<ActorPoolHealthOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new ActorPoolHealthOptions();
        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(
            name, services => new ActorPoolHealthCheck(() => Read<TKey>(services), options), failureStatus, tags));
    }

    private static (PoolStatus? Status, string Missing) Read<TKey>(IServiceProvider services)
    {
        // The registry is filled as Akka.Hosting starts the actors: no entry means not started yet.
        if (services.GetService<ActorRegistry>() is not { } registry || !registry.TryGet<TKey>(out var supervisor))
        {
            return (null, $"no pool supervisor is registered under {typeof(TKey).Name}: the actor system has not started it (yet)");
        }
        var status = ActorPools.Get(services.GetRequiredService<ActorSystem>()).StatusOf(supervisor);
        return (status, $"the pool supervisor {supervisor.Path.ToStringWithoutAddress()} is not running (stopped, or still starting)");
    }
}
