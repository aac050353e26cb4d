package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * A job tracked by {@link ClusterPools#submit} was accepted by a pool group on a node that was
 * then removed from the cluster (it crashed or was downed by the split brain resolver) before the
 * job's result came back. Its outcome is unknown: it may have run, partly or completely. The group
 * itself restarts on another node; submit again if the job is safe to repeat.
 */
@ApiMayChange
public final class GroupLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GroupLostException(String message) {
    super(message);
  }
}
