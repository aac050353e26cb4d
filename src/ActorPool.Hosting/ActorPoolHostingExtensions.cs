using Akka.Actor;
using Akka.Configuration;
using Akka.DependencyInjection;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorPool.Hosting;

/// <summary>Akka.Hosting integration: start a pool supervisor with the actor system and inject its client.</summary>
public static class ActorPoolHostingExtensions
{
    /// <summary>
    /// Starts a pool supervisor named <paramref name="name"/> with the actor system and registers it
    /// in the <see cref="ActorRegistry"/> under <see cref="PoolSupervisor"/>, so it can be injected
    /// as <c>IRequiredActor&lt;PoolSupervisor&gt;</c>.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="name">The supervisor's actor name; its worker threads are named after it.</param>
    /// <param name="configure">Code-first settings; what it leaves null keeps the HOCON value.</param>
    /// <param name="sizeProvider">Builds the size provider from the application's services.</param>
    public static AkkaConfigurationBuilder WithActorPool(
        this AkkaConfigurationBuilder builder,
        string name,
        Action<ActorPoolOptions>? configure = null,
        Func<IServiceProvider, Func<int>>? sizeProvider = null) =>
        builder.WithActorPool<PoolSupervisor>(name, configure, sizeProvider);

    /// <summary>
    /// Like <see cref="WithActorPool(AkkaConfigurationBuilder, string, Action{ActorPoolOptions}?, Func{IServiceProvider, Func{int}}?)"/>,
    /// registered under <typeparamref name="TKey"/>, so one system can run several supervisors.
    /// </summary>
    /// <typeparam name="TKey">The <see cref="ActorRegistry"/> key, injected as <c>IRequiredActor&lt;TKey&gt;</c>.</typeparam>
    public static AkkaConfigurationBuilder WithActorPool<TKey>(
        this AkkaConfigurationBuilder builder,
        string name,
        Action<ActorPoolOptions>? configure = null,
        Func<IServiceProvider, Func<int>>? sizeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new ActorPoolOptions();
        configure?.Invoke(options);
        // The embedded defaults go under everything the application configures.
        builder.AddHocon(ActorPools.DefaultConfig(), HoconAddMode.Append);
        return builder.StartActors((system, registry, resolver) =>
        {
            // The options win over the application's actor-pool block for this supervisor only,
            // so two supervisors of one system can be sized differently. The root is checked as
            // PoolSettings.Create(system) checks it: a block, and not misspelt.
            var settings = PoolSettings.Create(system, ConfigurationFactory.ParseString(options.ToHocon()));
            var provider = sizeProvider?.Invoke(new ResolverServices(resolver));
            registry.Register<TKey>(system.ActorOf(PoolSupervisor.Props(settings, provider), name));
        });
    }

    /// <summary>
    /// Registers a singleton <see cref="PoolClient"/> of the supervisor started by <c>WithActorPool</c>.
    /// </summary>
    /// <remarks>
    /// A separate call because the configure callback of <c>AddAkka</c> runs when the service
    /// container is already built, too late to register services from <c>WithActorPool</c>. The
    /// client finds its supervisor lazily (<c>IRequiredActor&lt;T&gt;.GetAsync()</c>), so it can be
    /// injected into any constructor, a hosted service's included, before Akka.Hosting has started
    /// the supervisor; calls made before then wait for it.
    /// </remarks>
    public static IServiceCollection AddActorPoolClient(this IServiceCollection services) =>
        services.AddActorPoolClient<PoolSupervisor>();

    /// <summary>Registers a singleton <see cref="PoolClient"/> of the supervisor registered under <typeparamref name="TKey"/>.</summary>
    /// <typeparam name="TKey">The key given to <c>WithActorPool&lt;TKey&gt;</c>.</typeparam>
    public static IServiceCollection AddActorPoolClient<TKey>(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(sp => PoolClient.Create(sp.GetRequiredService<IRequiredActor<TKey>>().GetAsync()));
    }

    /// <summary>The application's services as Akka's dependency resolver sees them.</summary>
    private sealed class ResolverServices(IDependencyResolver resolver) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolver.GetService(serviceType);
    }
}
