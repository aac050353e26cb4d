package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * A core {@code AcquireLease} was addressed to a pool group of the cluster. Its reply, {@code
 * LeaseGranted}, holds a {@code LeasedExecutor} that runs work straight on local threads and
 * cannot cross nodes, so it is refused on the sending side, before anything is sent. Use {@link
 * ClusterPools#acquireLease}, or send {@link AcquireRemoteLease}, instead.
 */
@ApiMayChange
public final class LocalLeaseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public LocalLeaseException(String message) {
    super(message);
  }

  static LocalLeaseException forGroup(String key) {
    return new LocalLeaseException(
        "an AcquireLease is answered with a local LeasedExecutor and cannot be sent to pool group ["
            + key + "], which may live on another node; use ClusterPools.acquireLease(...) or send"
            + " new AcquireRemoteLease(leaseFor, waitUpTo, holder) instead");
  }
}
