using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>The <c>actor-pool</c> root itself: not a block, or misspelt.</summary>
public sealed class RootBlockTests
{
    [Fact]
    public async Task Create_FromSystem_RootNotABlock_NamesItAndTheValue()
    {
        await WithSystemAsync("actor-pool = 5", system =>
        {
            var e = Assert.Throws<ArgumentException>(() => PoolSettings.Create(system));

            Assert.Equal("actor-pool must be a block { ... }, was: [5]", e.Message);
        });
    }

    [Fact]
    public async Task Create_FromSystemWithOverrides_RootNotABlock_NamesItAndTheValue()
    {
        await WithSystemAsync("actor-pool = 5", system =>
        {
            var e = Assert.Throws<ArgumentException>(
                () => PoolSettings.Create(system, ConfigurationFactory.ParseString("max-pools = 3")));

            Assert.Equal("actor-pool must be a block { ... }, was: [5]", e.Message);
        });
    }

    [Theory]
    [InlineData("actor-pool = 5", "[5]")]
    [InlineData("actor-pool = [1, 2]", "[a list]")]
    [InlineData("actor-pool = \"small\"", "[small]")]
    public void Create_FromConfig_RootNotABlock_NamesItAndTheValue(string hocon, string value)
    {
        var notABlock = ConfigurationFactory.ParseString(hocon).GetConfig("actor-pool");

        var e = Assert.Throws<ArgumentException>(() => PoolSettings.Create(notABlock));

        Assert.Equal($"actor-pool must be a block {{ ... }}, was: {value}", e.Message);
    }

    [Theory]
    [InlineData("actor-pools { max-pools = 3 }", "actor-pools")]
    [InlineData("actorpool { max-pools = 3 }", "actorpool")]
    [InlineData("actor_pool {}", "actor_pool")]
    [InlineData("Actor-Pool.max-pools = 3", "Actor-Pool")]
    public async Task Create_FromSystem_MisspeltRootAndNoActorPoolBlock_SuggestsActorPool(string hocon, string key)
    {
        await WithSystemAsync(hocon, system =>
        {
            var e = Assert.Throws<ArgumentException>(() => PoolSettings.Create(system));

            Assert.Equal(
                $"unknown key {key}; did you mean actor-pool? (there is no actor-pool block, so ActorPool would ignore it)",
                e.Message);
        });
    }

    [Fact]
    public async Task Create_FromSystem_NearbyRootBesideAnActorPoolBlock_IsLeftAlone()
    {
        // The application has its own actor-pool block: a sibling with a near name may be another
        // library's, and is not ActorPool's to judge.
        await WithSystemAsync("actor-pool.max-pools = 3\nactor-pools.x = 1", system =>
            Assert.Equal(3, PoolSettings.Create(system).MaxPools));
    }

    [Fact]
    public async Task Create_FromSystem_FarRoot_IsLeftAlone()
    {
        await WithSystemAsync("my-pool { size = 3 }", system =>
            Assert.Equal(new PoolSettings(), PoolSettings.Create(system)));
    }

    private static async Task WithSystemAsync(string hocon, Action<ActorSystem> check)
    {
        var system = ActorSystem.Create("settings-root", ConfigurationFactory.ParseString(hocon));
        try
        {
            check(system);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
