using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>
/// <see cref="ActorPools.Settings"/> is read on first use: an invalid system-wide block that no
/// supervisor uses does not break <see cref="ActorPools.Get"/> or its clients.
/// </summary>
public sealed class ActorPoolsSettingsTests
{
    [Fact]
    public async Task Get_InvalidSystemBlock_ResolvesAndMakesClients_SettingsThrowsNamingTheKey()
    {
        var system = ActorSystem.Create(
            "settings-lazy", ConfigurationFactory.ParseString("actor-pool.min-pools = 10"));
        try
        {
            var extension = ActorPools.Get(system);
            var client = extension.Client(system.DeadLetters);

            Assert.Same(system.DeadLetters, client.Supervisor);
            var e = Assert.Throws<ArgumentException>(() => extension.Settings);
            Assert.Equal("actor-pool.min-pools must be <= actor-pool.max-pools, was: [10] > [8]", e.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Settings_ValidSystemBlock_IsReadOnce()
    {
        var system = ActorSystem.Create(
            "settings-lazy-valid", ConfigurationFactory.ParseString("actor-pool.max-pools = 3"));
        try
        {
            var extension = ActorPools.Get(system);

            Assert.Equal(3, extension.Settings.MaxPools);
            Assert.Same(extension.Settings, extension.Settings);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
