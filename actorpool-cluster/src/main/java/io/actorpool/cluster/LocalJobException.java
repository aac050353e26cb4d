package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * A local {@code Callable} ({@code Submit}) was addressed to a pool group of the cluster. It is
 * refused on the sending side, before anything is sent, because a lambda cannot be serialized and
 * the group may live on another node. Register a {@link JobHandler} under {@code
 * actor-pool.cluster.job-types} and send a {@link RemoteJob} instead.
 */
@ApiMayChange
public final class LocalJobException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public LocalJobException(String message) {
    super(message);
  }

  static LocalJobException forGroup(String key) {
    return new LocalJobException(
        "a Submit carries a local Callable and cannot be sent to pool group [" + key
            + "], which may live on another node; register a JobHandler under"
            + " actor-pool.cluster.job-types and send new RemoteJob(type, payload) instead");
  }
}
