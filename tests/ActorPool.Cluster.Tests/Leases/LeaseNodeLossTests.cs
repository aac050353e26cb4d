using ActorPool.Cluster.Tests.Support;
using Akka.Actor;

namespace ActorPool.Cluster.Tests.Leases;

/// <summary>
/// A lease when a node crashes: each test starts its own 3-node cluster and aborts one node's
/// ActorSystem (no coordinated shutdown, no leave); the split brain resolver downs it and the
/// survivors learn of it by its removal, as after a real crash.
/// </summary>
[Collection(LeaseTestGroup.Name)]
public sealed class LeaseNodeLossTests
{
    private const string Type = LeaseNodes.Type;
    private static readonly TimeSpan s_wait = LeaseNodes.Wait;

    // Leases far longer than failure detection takes, so only the node's loss can end them here.
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(2);

    private static LeaseNodes LongLeases() =>
        new(new LeaseSettings { DefaultDuration = s_long, Grace = TimeSpan.FromSeconds(1), MaxTotal = TimeSpan.FromMinutes(5) }, ClusterNodes.FastFailover);

    [Fact]
    public async Task The_groups_node_is_lost_the_holder_gets_LeaseLost_and_a_job_in_flight_GroupLostException()
    {
        var nodes = LongLeases();
        await nodes.InitializeAsync();
        try
        {
            var group = await nodes.GroupOnAsync(2);
            var holder = LeaseNodes.Probe(nodes[0]);
            var lease = await nodes.Pools(0).AcquireLeaseAsync(Type, group, s_long, TimeSpan.Zero, holder.Ref);
            Assert.Equal(nodes.Address(2), lease.Node);
            // Occupies the leased pool's only worker when the node goes.
            var inFlight = lease.SubmitAsync<HoldJob, string, string>(Guid.NewGuid().ToString());
            await nodes.AwaitStatusAsync(group, status => Assert.Equal(1, Assert.Single(status.Pools, p => p.Name == lease.Pool).RunningJobs));

            ((ExtendedActorSystem)nodes[2]).Abort();

            var lost = await holder.ExpectMsgAsync<LeaseLost>(s_wait);
            Assert.Equal(new LeaseLost(Type, group, lease.LeaseId, lost.Reason), lost);
            Assert.Contains(nodes.Address(2).ToString(), lost.Reason, StringComparison.Ordinal);
            var failed = await Assert.ThrowsAsync<GroupLostException>(() => inFlight);
            Assert.Contains(group, failed.Message, StringComparison.Ordinal);
            Assert.False(lease.IsActive);
            await Assert.ThrowsAsync<GroupLostException>(() => lease.SubmitAsync<SquareJob, int, SquareResult>(1));
            await Assert.ThrowsAsync<GroupLostException>(() => lease.RenewAsync(TimeSpan.FromSeconds(1)));
            await lease.ReleaseAsync();
            // Once: the node's removal, the entity's own report and the end of its watch are one loss.
            await holder.ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        }
        finally
        {
            HoldJob.OpenAll();
            await nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_holders_node_is_lost_and_its_leases_are_released()
    {
        var nodes = LongLeases();
        await nodes.InitializeAsync();
        try
        {
            var group = await nodes.GroupOnAsync(0);
            // One lease held by an actor on node 2, one by node 2 itself (no holder given).
            var holder = LeaseNodes.Probe(nodes[2]);
            var byActor = await nodes.Pools(2).AcquireLeaseAsync(Type, group, s_long, TimeSpan.Zero, holder.Ref);
            var byNode = await nodes.Pools(2).AcquireLeaseAsync(Type, group, s_long, TimeSpan.Zero);
            Assert.Equal(2, (await nodes.StatusAsync(group)).Leased);

            ((ExtendedActorSystem)nodes[2]).Abort();

            await nodes.AwaitStatusAsync(group, status =>
            {
                Assert.DoesNotContain(status.Leases, l => l.LeaseId == byActor.LeaseId || l.LeaseId == byNode.LeaseId);
                Assert.Equal(0, status.Leased);
            });
        }
        finally
        {
            await nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_group_moves_off_a_leaving_node_its_entity_reports_it_and_the_holder_gets_LeaseLost()
    {
        var nodes = LongLeases();
        await nodes.InitializeAsync();
        try
        {
            var group = await nodes.GroupOnAsync(2);
            var holder = LeaseNodes.Probe(nodes[0]);
            var lease = await nodes.Pools(1).AcquireLeaseAsync(Type, group, s_long, TimeSpan.Zero, holder.Ref);

            await Akka.Cluster.Cluster.Get(nodes[2]).LeaveAsync();

            var lost = await holder.ExpectMsgAsync<LeaseLost>(s_wait);
            Assert.Equal(new LeaseLost(Type, group, lease.LeaseId, lost.Reason), lost);
            Assert.Contains(nodes.Address(2).ToString(), lost.Reason, StringComparison.Ordinal);
            Assert.False(lease.IsActive);
            await Assert.ThrowsAsync<GroupLostException>(() => lease.SubmitAsync<SquareJob, int, SquareResult>(1));

            // The group starts again on a node that stays, without the lease; a new lease is taken there.
            var again = await nodes.Pools(1).AcquireLeaseAsync(Type, group, s_long, TimeSpan.FromSeconds(20), holder.Ref);
            Assert.NotEqual(nodes.Address(2), again.Node);
            Assert.Equal(4, (await again.SubmitAsync<SquareJob, int, SquareResult>(2)).Square);
            await again.ReleaseAsync();
            await holder.ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await nodes.DisposeAsync();
        }
    }
}
