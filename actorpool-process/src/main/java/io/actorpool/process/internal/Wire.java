package io.actorpool.process.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.actorpool.process.NotPortableJobException;
import io.actorpool.process.ProcessJob;
import io.actorpool.process.ProcessJobException;
import io.actorpool.process.ProcessSettings;
import java.util.concurrent.Callable;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Jobs, results and failures as a class name plus JSON. The parent decides what may cross
 * ({@link #encode}); the child instantiates only classes that the pool's settings allow.
 */
@InternalApi
public final class Wire {

  /** {@link ProcessProtocol.Run#kind()} of an allow-listed Callable. */
  public static final String CALLABLE = "callable";
  /** {@link ProcessProtocol.Run#kind()} of a registered job type. */
  public static final String HANDLER = "handler";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .findAndAddModules()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Wire() {}

  /** A job ready to send: what {@link ProcessProtocol.Run} carries, minus its id. */
  public record Encoded(String kind, String type, String className, String json) {}

  /**
   * Turns a job into its portable form, or says exactly why it cannot cross.
   *
   * @throws NotPortableJobException if the job is neither a registered type nor allow-listed, or
   *     Jackson cannot write it
   */
  public static Encoded encode(Callable<?> job, ProcessSettings settings, String pool) {
    if (job instanceof ProcessJob pj) {
      if (!settings.jobHandlers().containsKey(pj.type())) {
        throw new NotPortableJobException("ProcessJob type [" + pj.type() + "] is not registered"
            + " for pool " + pool + "; add it under actor-pool.workers.process.job-handlers "
            + "(name = \"FQCN of a ProcessJobHandler\"); registered: "
            + settings.jobHandlers().keySet(), null);
      }
      Object payload = pj.payload();
      try {
        return new Encoded(HANDLER, pj.type(), payload == null ? null : payload.getClass().getName(),
            payload == null ? null : MAPPER.writeValueAsString(payload));
      } catch (JsonProcessingException | RuntimeException e) {
        throw new NotPortableJobException("the payload of ProcessJob [" + pj.type() + "], a "
            + payload.getClass().getName() + ", cannot be written as JSON by Jackson: " + e, e);
      }
    }
    String className = job.getClass().getName();
    if (!settings.allowsCallable(className)) {
      throw new NotPortableJobException("job " + className + " cannot run in the child JVM of "
          + "pool " + pool + " (actor-pool.workers.backend = process): submit a ProcessJob of a "
          + "ProcessJobHandler registered under actor-pool.workers.process.job-handlers, or make "
          + "the Callable a Jackson-serializable class (e.g. a record) and list it in "
          + "actor-pool.workers.process.allowed-callables; lambdas and anonymous classes cannot "
          + "cross", null);
    }
    try {
      return new Encoded(CALLABLE, null, className, MAPPER.writeValueAsString(job));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new NotPortableJobException("job " + className + " is allow-listed but cannot be "
          + "written as JSON by Jackson: " + e, e);
    }
  }

  /** Whether {@code className} is one of {@code allowed}, or in a package listed as {@code p.*}. */
  public static boolean allowed(java.util.List<String> allowed, String className) {
    for (String entry : allowed) {
      if (entry.equals(className)) {
        return true;
      }
      if (entry.endsWith(".*")) {
        String pkg = entry.substring(0, entry.length() - 1);
        if (className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Writes a job's value; {@code [className, json]}, both null for null. */
  static String[] value(Object value) throws JsonProcessingException {
    if (value == null) {
      return new String[] {null, null};
    }
    return new String[] {value.getClass().getName(), MAPPER.writeValueAsString(value)};
  }

  /** Reads a value written by {@link #value}. */
  static Object readValue(String className, String json, ClassLoader loader) throws Exception {
    if (className == null) {
      return null;
    }
    return MAPPER.readValue(json, Class.forName(className, false, loader));
  }

  /**
   * The exception a caller receives for a job that threw {@code className} with {@code message} in
   * the child: ActorPool's own exceptions keep their type, others become {@link
   * ProcessJobException}.
   */
  public static RuntimeException failure(String className, String message) {
    if (className != null && className.startsWith("io.actorpool.")) {
      try {
        Class<?> type = Class.forName(className, false, Wire.class.getClassLoader());
        if (RuntimeException.class.isAssignableFrom(type)) {
          return (RuntimeException) type.getConstructor(String.class).newInstance(message);
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // Not rebuildable from its message: fall through to the generic form.
      }
    }
    return new ProcessJobException(className, message);
  }
}
