package io.actorpool.process;

import io.actorpool.WorkerSettings;
import io.actorpool.internal.PoolBackend;
import io.actorpool.internal.PoolRuntime;
import io.actorpool.process.internal.ProcessRuntimes;

/**
 * The process backend, {@code actor-pool.workers.backend = process}: each pool runs its jobs in a
 * child JVM of its own. The core finds this class by name when the backend is selected, so
 * applications only put this module on the classpath and set the key; they do not call it.
 *
 * <p>See {@link ProcessSettings} for the backend's own settings, {@link ProcessJob} and {@code
 * allowed-callables} for what may run in a child.
 */
public final class ProcessBackend implements PoolBackend {

  /** Created by the core through reflection. */
  public ProcessBackend() {}

  /**
   * Checks the {@code process} block and that the initializer can be created in the child.
   *
   * @throws IllegalArgumentException naming the key and the value
   */
  @Override
  public void check(WorkerSettings workers) {
    ProcessSettings.create(workers);
    workers.initializer().ifPresent(i -> {
      Class<?> type = i.getClass();
      boolean named = !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()
          && type.getName().indexOf('/') < 0;
      try {
        if (!named) {
          throw new NoSuchMethodException("not a named class");
        }
        type.getConstructor();
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException("actor-pool.workers.initializer must be a named class"
            + " with a public no-argument constructor to run in a child JVM (backend = process),"
            + " was: [" + type.getName() + "]", e);
      }
    });
  }

  @Override
  public PoolRuntime create(Context context) {
    return ProcessRuntimes.create(context);
  }
}
