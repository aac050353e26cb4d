/**
 * Pool groups sharded across a Pekko cluster: one {@code PoolSupervisor} per group key, placed on
 * the least loaded node that has the group's capability roles, moved on rebalance and node loss.
 *
 * <p>Entry point: {@link io.actorpool.cluster.ClusterPools}. Configuration: the {@code
 * actor-pool.cluster} block of this module's {@code reference.conf}. API MAY CHANGE: this is the
 * module's first release.
 */
package io.actorpool.cluster;
