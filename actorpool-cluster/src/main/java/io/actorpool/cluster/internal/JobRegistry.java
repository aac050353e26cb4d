package io.actorpool.cluster.internal;

import io.actorpool.cluster.JobHandler;
import io.actorpool.cluster.RemoteJobException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.annotation.InternalApi;
import scala.collection.immutable.List$;
import scala.reflect.ClassTag$;

/**
 * INTERNAL API.
 *
 * <p>The node's {@link JobHandler}s by job type name, created once from {@code
 * actor-pool.cluster.job-types} when the extension starts, so a bad class name fails at start.
 * Immutable; shared by every group entity of the node.
 */
@InternalApi
public final class JobRegistry {

  private final Map<String, JobHandler<Object>> handlers;

  private JobRegistry(Map<String, JobHandler<Object>> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  /**
   * Instantiates every configured handler.
   *
   * @throws IllegalArgumentException naming the key and class of a handler that cannot be created
   */
  @SuppressWarnings("unchecked")
  public static JobRegistry create(ExtendedActorSystem system, Map<String, String> jobTypes) {
    Map<String, JobHandler<Object>> handlers = new LinkedHashMap<>();
    jobTypes.forEach((name, fqcn) -> handlers.put(name,
        instantiate(system, JobHandler.class, "actor-pool.cluster.job-types." + name, fqcn)));
    return new JobRegistry(handlers);
  }

  /**
   * INTERNAL API. Creates a configured class through its public no-arg constructor.
   *
   * @throws IllegalArgumentException naming {@code key} and {@code fqcn} when it cannot
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> T instantiate(ExtendedActorSystem system, Class type, String key,
      String fqcn) {
    try {
      return (T) system.dynamicAccess()
          .createInstanceFor(fqcn, List$.MODULE$.empty(), ClassTag$.MODULE$.apply(type)).get();
    } catch (Exception | LinkageError e) {
      throw new IllegalArgumentException(key + " is not valid, was: [" + fqcn + "]: it must name a "
          + type.getSimpleName() + " with a public no-arg constructor (" + e + ")", e);
    }
  }

  /** The handler of {@code type}, or a {@link RemoteJobException} naming what is registered. */
  JobHandler<Object> handler(String type, String node) {
    JobHandler<Object> handler = handlers.get(type);
    if (handler == null) {
      throw new RemoteJobException(
          "no job type [" + type + "] is registered under actor-pool.cluster.job-types on node "
              + node + "; registered: " + handlers.keySet());
    }
    return handler;
  }

  /** One line for a failed job: the exception's class and message, which is what can travel. */
  static String describe(Throwable t) {
    Throwable cause = t;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RemoteJobException) {
      return cause.getMessage();
    }
    return cause.getClass().getName() + ": " + cause.getMessage();
  }
}
