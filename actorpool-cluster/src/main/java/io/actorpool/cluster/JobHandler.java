package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * The code behind a registered job type. List it as {@code name = "FQCN"} under {@code
 * actor-pool.cluster.job-types} on every node that may host the group; it needs a public no-arg
 * constructor and is created once per node.
 *
 * <p>{@link #handle} runs on a worker thread of the group's pools, possibly on several threads at
 * once, so an implementation must be thread-safe.
 *
 * @param <P> the payload type of {@link RemoteJob#payload()}
 */
@ApiMayChange
@FunctionalInterface
public interface JobHandler<P> {

  /**
   * Runs one job.
   *
   * @param payload the job's payload, as sent
   * @return the result sent back to the caller; it must be serializable without Java serialization
   *     ({@code null} is fine)
   * @throws Exception any failure; the caller receives it as a {@link RemoteJobException} naming
   *     its class and message
   */
  Object handle(P payload) throws Exception;
}
