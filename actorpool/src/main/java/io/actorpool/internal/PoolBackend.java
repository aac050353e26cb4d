package io.actorpool.internal;

import io.actorpool.PoolSettings;
import io.actorpool.WorkerSettings;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Where a pool's workers live, chosen by {@code actor-pool.workers.backend}. {@code thread} is
 * built in; other backends live in their own modules, so their dependencies stay off users who do
 * not want them, and are found by class name: {@code process} is {@code
 * io.actorpool.process.ProcessBackend} from the {@code actorpool-process} module. A backend class
 * needs a public no-argument constructor.
 */
@InternalApi
public interface PoolBackend {

  /** What a backend gets to build one pool's runtime. */
  record Context(String name, int workers, PoolSettings settings, WorkerListener listener,
      ActorSystem system) {}

  /**
   * Checks the backend's own settings when the settings are created, so a bad value fails at
   * start.
   *
   * @throws IllegalArgumentException naming the key and the value
   */
  void check(WorkerSettings workers);

  /** Starts the workers of one pool. */
  PoolRuntime create(Context context);

  /** The built-in thread backend. */
  PoolBackend THREAD = new PoolBackend() {
    @Override
    public void check(WorkerSettings workers) {}

    @Override
    public PoolRuntime create(Context c) {
      return new ThreadPoolRuntime(c.name(), c.workers(), c.settings().workers(), c.listener());
    }
  };

  /** Backend names and the classes that implement them outside the core. */
  java.util.Map<String, String> MODULES = java.util.Map.of(
      "process", "io.actorpool.process.ProcessBackend");

  /**
   * The backend called {@code name}.
   *
   * @param key the full config key, for the message
   * @throws IllegalArgumentException naming the key, the value and the missing module
   */
  static PoolBackend forName(String key, String name) {
    if ("thread".equals(name)) {
      return THREAD;
    }
    String className = MODULES.get(name);
    if (className == null) {
      throw new IllegalArgumentException(key + " must be one of [thread, process], was: ["
          + name + "]");
    }
    try {
      Class<?> type = Class.forName(className, true, PoolBackend.class.getClassLoader());
      return (PoolBackend) type.getConstructor().newInstance();
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new IllegalArgumentException(key + " = " + name + " needs the actorpool-" + name
          + " module (io.actorpool:actorpool-" + name + ") on the classpath; " + className
          + " was not found, was: [" + name + "]", e);
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new IllegalArgumentException(key + " = " + name + ": " + className
          + " could not be created: " + e, e);
    }
  }
}
