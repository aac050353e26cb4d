package io.actorpool.process;

/**
 * The code behind a registered job type of the process backend. List it as {@code name = "FQCN"}
 * under {@code actor-pool.workers.process.job-handlers}; it needs a public no-argument
 * constructor and is created once in each child JVM, on first use.
 *
 * <p>{@link #handle} runs on the child's worker threads, possibly on several at once, so an
 * implementation must be thread-safe.
 *
 * @param <P> the payload type of {@link ProcessJob#payload()}
 */
@FunctionalInterface
public interface ProcessJobHandler<P> {

  /**
   * Runs one job in the child JVM.
   *
   * @param payload the job's payload, read back as the class it was sent as
   * @return the result sent back to the caller; anything Jackson can write and read back as its
   *     own class, or {@code null}
   * @throws Exception any failure; the caller receives it as a {@link ProcessJobException} naming
   *     its class and message (ActorPool's own exceptions keep their type)
   */
  Object handle(P payload) throws Exception;
}
