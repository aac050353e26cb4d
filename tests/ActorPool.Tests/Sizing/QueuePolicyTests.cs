using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>Scaler's task-to-worker ratio, growing to its target in one decision.</summary>
public sealed class QueuePolicyTests
{
    [Theory]
    // desired pools, workers per pool, running, queued -> proposed pools
    [InlineData(0, 1, 0, 5, 1)]        // no workers and jobs: one pool
    [InlineData(0, 1, 0, 0, 0)]        // no workers, no jobs: hold
    [InlineData(4, 1, 4, 36, 4)]       // 10 per worker: within [1, 10]
    [InlineData(4, 1, 4, 37, 5)]       // 10.25 per worker: ceil(41 / 10) = 5 workers
    [InlineData(4, 1, 4, 396, 40)]     // a burst: straight to 40 (Scaler: +1)
    [InlineData(4, 2, 8, 392, 20)]     // 400 jobs / 10 = 40 workers = 20 pools of 2
    [InlineData(20, 1, 15, 0, 2)]      // 0.75 per worker: ceil(15 / 10) = 2
    [InlineData(20, 1, 0, 0, 0)]       // no jobs: 0 (min-pools is the loop's business)
    [InlineData(20, 1, 1, 0, 1)]       // one job: at least one pool
    public void Decide_Table(int desired, int wpp, int running, int queued, int expected)
    {
        var decision = new QueuePolicy(new QueuePolicySettings()).Decide(Obs(0, desired, wpp) with { MinPools = 0, Running = running, Queued = queued });
        Assert.Equal(expected, decision.Pools);
    }

    [Fact]
    public void Shrink_LandsInsideTheHoldBand_NotUndoneNextTick()
    {
        var policy = new QueuePolicy(new QueuePolicySettings());
        var shrunk = policy.Decide(Obs(0, 20) with { Running = 15 });
        Assert.Equal(2, shrunk.Pools);
        Assert.Equal(2, policy.Decide(Obs(1, shrunk.Pools) with { Running = 2, Queued = 13 }).Pools);
    }

    [Fact]
    public void Grow_LandsInsideTheHoldBand_NotUndoneNextTick()
    {
        var policy = new QueuePolicy(new QueuePolicySettings());
        var grown = policy.Decide(Obs(0, 4) with { Running = 4, Queued = 396 });
        Assert.Equal(40, grown.Pools);
        Assert.Equal(40, policy.Decide(Obs(1, 40) with { Running = 40, Queued = 360 }).Pools);
    }
}
