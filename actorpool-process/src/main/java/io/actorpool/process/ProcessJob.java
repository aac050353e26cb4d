package io.actorpool.process;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A registered job type and its payload, the portable way to run work in a process pool's child
 * JVM. The child looks {@code type} up under {@code actor-pool.workers.process.job-handlers} and
 * runs that {@link ProcessJobHandler} with {@code payload}.
 *
 * <pre>{@code
 * // application.conf: actor-pool.workers.process.job-handlers { square = "com.example.Square" }
 * pools.tell(new Submit(new ProcessJob("square", 7)), replyTo);   // replies 49
 * }</pre>
 *
 * <p>It only runs in a process pool: {@link #call()} on a thread pool fails, because the handler
 * registry lives in the child.
 *
 * @param type the job type's name, a key of {@code job-handlers}
 * @param payload the handler's input: anything Jackson can write and read back as its own class (a
 *     record, a String, a number), or {@code null}
 */
public record ProcessJob(String type, Object payload) implements Callable<Object> {

  public ProcessJob {
    Objects.requireNonNull(type, "ProcessJob type");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("ProcessJob type must not be empty");
    }
  }

  /**
   * Fails: a {@code ProcessJob} runs only in the child JVM of a pool with {@code
   * actor-pool.workers.backend = process}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Object call() {
    throw new UnsupportedOperationException("ProcessJob [" + type + "] runs only on a pool with "
        + "actor-pool.workers.backend = process");
  }
}
