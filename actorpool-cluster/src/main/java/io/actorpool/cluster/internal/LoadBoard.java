package io.actorpool.cluster.internal;

import io.actorpool.cluster.NodeLoad;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The node's view of every node's last shared load, by address string. Written by {@link
 * LoadPublisher} only; read from any thread (the allocation strategy runs inside the shard
 * coordinator, status calls on callers' threads).
 */
@InternalApi
public final class LoadBoard {

  private final Map<String, NodeLoad> loads = new ConcurrentHashMap<>();

  /** The load of {@code address}, or null if none is known. */
  public NodeLoad get(String address) {
    return loads.get(address);
  }

  /** An immutable copy of every known load. */
  public Map<String, NodeLoad> snapshot() {
    return Map.copyOf(loads);
  }

  void put(String address, NodeLoad load) {
    loads.put(address, load);
  }

  void replaceAll(Map<String, NodeLoad> latest) {
    loads.keySet().retainAll(latest.keySet());
    loads.putAll(latest);
  }
}
