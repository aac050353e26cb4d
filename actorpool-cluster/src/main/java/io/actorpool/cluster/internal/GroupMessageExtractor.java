package io.actorpool.cluster.internal;

import io.actorpool.cluster.PoolEnvelope;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.cluster.sharding.ShardRegion;

/**
 * INTERNAL API.
 *
 * <p>One shard per pool group: the shard id is the group key. That makes placement and rebalancing
 * per group, which is what load-aware placement needs, at the cost of one shard actor per group
 * (cheap at the hundreds of groups a pool cluster runs).
 */
@InternalApi
public final class GroupMessageExtractor implements ShardRegion.MessageExtractor {

  @Override
  public String entityId(Object message) {
    return message instanceof PoolEnvelope e ? e.key() : null;
  }

  @Override
  public Object entityMessage(Object message) {
    return message instanceof PoolEnvelope e ? e.message() : message;
  }

  @Override
  public String shardId(Object message) {
    if (message instanceof PoolEnvelope e) {
      return e.key();
    }
    // Sent by remember-groups to restart a group after a move or node loss.
    if (message instanceof ShardRegion.StartEntity s) {
      return s.entityId();
    }
    return null;
  }
}
