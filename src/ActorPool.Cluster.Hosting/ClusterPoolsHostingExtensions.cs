using ActorPool.Cluster.Hosting.Internal;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorPool.Cluster.Hosting;

/// <summary>
/// Akka.Hosting integration of <see cref="ClusterPools"/>, next to Akka.Cluster.Hosting's
/// <c>WithClustering(...)</c> (or a cluster set up in HOCON).
/// </summary>
/// <example>
/// <code>
/// services.AddAkka("app", builder => builder
///     .WithRemoting("10.0.0.1", 4053)
///     .WithClustering(new ClusterOptions { Roles = ["pool"], SeedNodes = ["akka.tcp://app@10.0.0.1:4053"] })
///     .WithClusterPools(pools => pools
///         .RegisterJob&lt;Resize&gt;()
///         .AddGroupType&lt;Tenants&gt;("tenants", group =>
///         {
///             group.RequiredRoles.Add("pool");
///             group.Pool.MaxPools = 4;
///         })));
/// services.AddClusterPools();   // ClusterPools in DI; IRequiredActor&lt;Tenants&gt; is the region
/// </code>
/// </example>
public static class ClusterPoolsHostingExtensions
{
    /// <summary>
    /// Adds ActorPool.Cluster to the actor system: its HOCON defaults (serializers, split brain
    /// resolver, sharding choices) under the application's configuration, the options' settings
    /// over it, and, when the system starts, the registered job types and the group types (each a
    /// region, or a proxy on a node without the type's roles, registered under its key when one is given).
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder; the system must be a cluster system (<c>WithClustering</c>).</param>
    /// <param name="configure">Job types, group types and <c>actor-pool.cluster</c> settings; what it leaves null keeps the HOCON value.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// A bad setting, a job type that is not portable, or a system that is no cluster system fails
    /// the host's start with an error naming it. Akka.NET reads the serializers and the split brain
    /// resolver only when the system starts, which is why this goes through the builder.
    /// </remarks>
    public static AkkaConfigurationBuilder WithClusterPools(this AkkaConfigurationBuilder builder, Action<ClusterPoolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ClusterPoolsOptions();
        configure?.Invoke(options);

        // The module's defaults go under everything the application configures...
        builder.AddHocon(ClusterPools.DefaultConfig(), HoconAddMode.Append);
        // ...but above Akka's own sharding defaults, should WithClustering have appended them first.
        var chosen = ModuleChoices.OverLibraryDefaults(builder.Configuration.GetOrElse(Config.Empty));
        if (chosen.Length > 0)
        {
            builder.AddHocon(chosen, HoconAddMode.Prepend);
        }
        var settings = options.ToHocon();
        if (settings.Length > 0)
        {
            // The options win over the application's actor-pool.cluster block, as WithActorPool's do.
            builder.AddHocon(ConfigurationFactory.ParseString("actor-pool.cluster {\n" + settings + "}"), HoconAddMode.Prepend);
        }
        return builder.StartActors(new ActorStarter((system, registry) => StartAsync(system, registry, options)));
    }

    /// <summary>
    /// Registers the <see cref="ClusterPools"/> extension of the application's actor system as a
    /// singleton, to inject where its <c>Tell</c>, <c>AskAsync</c>, <c>SubmitAsync</c> and
    /// <c>GetClusterStatusAsync</c> are used.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// A separate call because the configure callback of <c>AddAkka</c> runs when the service
    /// container is already built. A group type's calls wait for nothing: until the host has
    /// started it they fail naming it; inject <c>IRequiredActor&lt;TKey&gt;</c> and await its
    /// <c>GetAsync()</c> to wait for a region instead.
    /// </remarks>
    public static IServiceCollection AddClusterPools(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(sp => ClusterPools.Get(sp.GetRequiredService<ActorSystem>()));
    }

    private static async Task StartAsync(ActorSystem system, IActorRegistry registry, ClusterPoolsOptions options)
    {
        var pools = ClusterPools.Get(system);
        foreach (var register in options.Jobs)
        {
            register(pools);
        }
        foreach (var type in options.GroupTypes)
        {
            // A node without the roles gets a proxy (ClusterPools.StartAsync decides).
            var group = type.Options;
            var region = await pools.StartAsync(type.Name, SettingsOf(system, group), group.RequiredRoles).ConfigureAwait(false);
            if (type.RegistryKey is { } key && !registry.TryRegister(key, region))
            {
                throw new InvalidOperationException(
                    $"The ActorRegistry already holds an actor under {key}; give pool group type [{type.Name}] a key of its own.");
            }
        }
    }

    private static PoolSettings SettingsOf(ActorSystem system, PoolGroupOptions group)
    {
        // As WithActorPool: the options over the application's actor-pool block, checked together.
        var settings = PoolSettings.Create(system, ConfigurationFactory.ParseString(group.Pool.ToHocon()));
        return group.Settings?.Invoke(settings) ?? settings;
    }
}
