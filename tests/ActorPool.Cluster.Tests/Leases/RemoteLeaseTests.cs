using ActorPool.Cluster.Tests.Support;
using Akka.Actor;

namespace ActorPool.Cluster.Tests.Leases;

/// <summary>
/// Leases across nodes on one shared 3-node cluster. Every lease is taken from a node other than
/// the group's, so every message, job and failure crosses nodes.
/// </summary>
[Collection(LeaseTestGroup.Name)]
public sealed class RemoteLeaseTests(LeaseNodes nodes) : IClassFixture<LeaseNodes>
{
    private const string Type = LeaseNodes.Type;
    private static readonly TimeSpan s_wait = LeaseNodes.Wait;

    [Fact]
    public async Task A_lease_from_another_node_runs_jobs_on_the_leased_pool_and_is_released()
    {
        var group = await nodes.GroupOnAsync(0);
        var lease = await nodes.Pools(1).AcquireLeaseAsync(Type, group, TimeSpan.FromSeconds(8), TimeSpan.Zero);
        Assert.Equal(nodes.Address(0), lease.Node);
        Assert.Equal((Type, group), (lease.TypeName, lease.GroupId));
        Assert.True(lease.IsActive);
        Assert.True(lease.TimeLeft > TimeSpan.Zero, lease.TimeLeft.ToString());

        Assert.Equal(81, (await lease.SubmitAsync<SquareJob, int, SquareResult>(9)).Square);
        var failed = await Assert.ThrowsAsync<RemoteJobException>(() => lease.SubmitAsync<FailingJob, string, int>("x", LeaseNodes.Ask));
        Assert.Contains("InvalidOperationException", failed.Message, StringComparison.Ordinal);
        Assert.Contains("refused: x", failed.Message, StringComparison.Ordinal);

        // A job in flight runs on the leased pool, and the group's status shows the lease held by node 1.
        var gate = Guid.NewGuid().ToString();
        var working = lease.SubmitAsync<HoldJob, string, string>(gate);
        await nodes.AwaitStatusAsync(group, status =>
        {
            var pool = Assert.Single(status.Pools, p => p.Name == lease.Pool);
            Assert.Equal(PoolState.Leased, pool.State);
            Assert.Equal(1, pool.RunningJobs);
            var info = Assert.Single(status.Leases, l => l.LeaseId == lease.LeaseId);
            Assert.Contains(nodes.Address(1).ToString(), info.Holder, StringComparison.Ordinal);
        });
        HoldJob.Open(gate);
        Assert.Equal(gate, await working);

        await lease.ReleaseAsync();
        Assert.False(lease.IsActive);
        await nodes.AwaitStatusAsync(group, status =>
        {
            Assert.DoesNotContain(status.Leases, l => l.LeaseId == lease.LeaseId);
            Assert.Equal(0, status.Leased);
        });
        await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync<SquareJob, int, SquareResult>(1));
        await lease.ReleaseAsync(); // idempotent
    }

    [Fact]
    public async Task Renewal_crosses_nodes_up_to_max_total_and_its_refusal_comes_back_as_a_clear_error()
    {
        var group = await nodes.GroupOnAsync(0);
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() =>
            nodes.Pools(2).AcquireLeaseAsync(Type, group, TimeSpan.FromSeconds(60), TimeSpan.Zero));
        Assert.Contains("max-total", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains(group, tooLong.Message, StringComparison.Ordinal);

        var lease = await nodes.Pools(2).AcquireLeaseAsync(Type, group, TimeSpan.FromSeconds(2), TimeSpan.Zero);
        var before = lease.TimeLeft;
        var renewed = await lease.RenewAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(lease.LeaseId, renewed.LeaseId);
        Assert.False(renewed.Capped);
        Assert.True(renewed.UntilSoftExpiry > before, $"{renewed} after {before}");
        Assert.True(lease.TimeLeft > before, $"{lease.TimeLeft} after {before}");

        var capped = await lease.RenewAsync(TimeSpan.FromSeconds(60));
        Assert.True(capped.Capped, capped.ToString());
        Assert.True(capped.UntilSoftExpiry <= TimeSpan.FromSeconds(10), capped.ToString());
        var atMax = await Assert.ThrowsAsync<InvalidOperationException>(() => lease.RenewAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains("max-total", atMax.Message, StringComparison.Ordinal);
        Assert.Contains(nodes.Address(0).ToString(), atMax.Message, StringComparison.Ordinal);

        await lease.ReleaseAsync();
        await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.RenewAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_holder_on_a_third_node_gets_expiring_and_revoked_and_later_submits_fail_with_lease_expired()
    {
        var group = await nodes.GroupOnAsync(0);
        var holder = LeaseNodes.Probe(nodes[2]);
        var lease = await nodes.Pools(1).AcquireLeaseAsync(Type, group, TimeSpan.FromSeconds(1), TimeSpan.Zero, holder.Ref);

        var expiring = await holder.ExpectMsgAsync<LeaseExpiring>(s_wait);
        Assert.Equal(lease.LeaseId, expiring.LeaseId);
        Assert.InRange(expiring.UntilRevoke, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(lease.LeaseId, (await holder.ExpectMsgAsync<LeaseRevoked>(s_wait)).LeaseId);

        await holder.AwaitConditionAsync(() => Task.FromResult(!lease.IsActive), s_wait);
        var expired = await Assert.ThrowsAsync<LeaseExpiredException>(() => lease.SubmitAsync<SquareJob, int, SquareResult>(2));
        Assert.Contains(lease.LeaseId, expired.Message, StringComparison.Ordinal);
        await nodes.AwaitStatusAsync(group, status => Assert.DoesNotContain(status.Leases, l => l.LeaseId == lease.LeaseId));
    }

    [Fact]
    public async Task A_holder_actor_on_another_node_stops_and_its_lease_is_released()
    {
        var group = await nodes.GroupOnAsync(0);
        var holder = LeaseNodes.Probe(nodes[1]);
        var lease = await nodes.Pools(1).AcquireLeaseAsync(Type, group, TimeSpan.FromSeconds(8), TimeSpan.Zero, holder.Ref);
        var status = await nodes.StatusAsync(group);
        Assert.Equal(1, status.Leased);
        Assert.Contains(status.Leases, l => l.LeaseId == lease.LeaseId && nodes.IsHeldBy(l, holder.Ref, 1));

        nodes[1].Stop(holder.Ref);
        await nodes.AwaitStatusAsync(group, s =>
        {
            Assert.DoesNotContain(s.Leases, l => l.LeaseId == lease.LeaseId);
            Assert.Equal(0, s.Leased);
        });
        var watcher = LeaseNodes.Probe(nodes[1]);
        await watcher.AwaitConditionAsync(() => Task.FromResult(!lease.IsActive), s_wait);
        await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync<SquareJob, int, SquareResult>(3));
    }

    [Fact]
    public async Task An_actor_leases_with_AcquireRemoteLease_in_an_envelope_and_renews_and_releases_at_the_entity()
    {
        var group = await nodes.GroupOnAsync(0);
        var actor = LeaseNodes.Probe(nodes[2]);
        var region = nodes.Pools(2).Region(Type);

        region.Tell(new PoolEnvelope(group, new AcquireRemoteLease(TimeSpan.FromSeconds(60), TimeSpan.Zero)), actor.Ref);
        var refused = await actor.ExpectMsgAsync<Status.Failure>(s_wait);
        Assert.IsType<ArgumentException>(refused.Cause);
        Assert.Contains("max-total", refused.Cause.Message, StringComparison.Ordinal);

        region.Tell(new PoolEnvelope(group, new AcquireRemoteLease(TimeSpan.FromSeconds(8), TimeSpan.Zero)), actor.Ref);
        var granted = await actor.ExpectMsgAsync<RemoteLeaseGranted>(s_wait);
        Assert.Equal((Type, group), (granted.TypeName, granted.GroupId));
        Assert.Equal(nodes.Address(0), granted.Entity.Path.Address);
        Assert.True(granted.UntilHardExpiry > granted.UntilSoftExpiry, granted.ToString());
        var status = await nodes.StatusAsync(group);
        // The sender holds it: the core watches the actor on node 2.
        Assert.Contains(status.Leases, l => l.LeaseId == granted.LeaseId && nodes.IsHeldBy(l, actor.Ref, 2));

        granted.Entity.Tell(new RenewLease(granted.LeaseId, TimeSpan.FromSeconds(1)), actor.Ref);
        Assert.Equal(granted.LeaseId, (await actor.ExpectMsgAsync<LeaseRenewed>(s_wait)).LeaseId);
        granted.Entity.Tell(new ReleaseLease(granted.LeaseId), actor.Ref);
        await actor.ExpectMsgAsync<Akka.Done>(s_wait);
        await nodes.AwaitStatusAsync(group, s => Assert.DoesNotContain(s.Leases, l => l.LeaseId == granted.LeaseId));
    }
}

/// <summary>The lease tests start clusters of their own: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LeaseTestGroup
{
    public const string Name = "cluster leases";
}
