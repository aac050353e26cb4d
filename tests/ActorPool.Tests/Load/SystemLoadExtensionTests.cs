using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.Load;

/// <summary>The shared instance: <c>ActorPools.Get(system).SystemLoad</c>.</summary>
public sealed class SystemLoadExtensionTests() : PoolTestKit
{
    [Fact]
    public async Task SystemLoad_IsStartedOnce_EvenWhenAskedFromManyThreadsAtOnce()
    {
        var extension = ActorPools.Get(Sys);
        using var start = new Barrier(8);
        var refs = new IActorRef[8];
        // Dedicated threads, released together: the ThreadPool would start them a second apart.
        var threads = Enumerable.Range(0, refs.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait(Wait);
            refs[i] = extension.SystemLoad;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Single(refs.Distinct());
        Assert.Equal("/system/" + ActorPools.SystemLoadName, refs[0].Path.ToStringWithoutAddress());
        Assert.IsType<LoadSnapshot>(await refs[0].Ask<LoadSnapshot>(GetLoad.Instance, Wait));
        Assert.Same(refs[0], ActorPools.Get(Sys).SystemLoad);
    }
}

/// <summary>An invalid <c>actor-pool.system-load</c> block fails the caller, not the actor, and nothing is started.</summary>
public sealed class SystemLoadInvalidConfigTests() : PoolTestKit(config: "actor-pool.system-load.cpu.max-used-ratio = 2")
{
    [Fact]
    public async Task SystemLoad_WithAnInvalidBlock_ThrowsNamingTheKey_EachTime()
    {
        var extension = ActorPools.Get(Sys);

        var e = Assert.Throws<ArgumentException>(() => extension.SystemLoad);
        Assert.Contains("actor-pool.system-load.cpu.max-used-ratio", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => extension.SystemLoad);
        var identity = await Sys.ActorSelection("/system/" + ActorPools.SystemLoadName)
            .Ask<ActorIdentity>(new Identify(1), Wait);
        Assert.Null(identity.Subject);
    }
}
