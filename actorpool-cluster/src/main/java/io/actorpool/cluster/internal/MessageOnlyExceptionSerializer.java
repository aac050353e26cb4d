package io.actorpool.cluster.internal;

import java.io.NotSerializableException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * INTERNAL API.
 *
 * <p>Serializes the exceptions that ActorPool sends back across nodes in a {@code Status.Failure}
 * as their class name (manifest) and message (UTF-8), and rebuilds them through their public
 * {@code (String)} constructor. Without it Pekko, with Java serialization off, delivers them as
 * {@code ThrowableNotSerializableException}, and callers could not match on the type. Stack
 * traces stay on the node that threw; the message says what happened.
 *
 * <p>Only the classes bound to it in {@code reference.conf} are accepted, so a crafted manifest
 * cannot make it instantiate anything else. {@code IllegalArgumentException} and {@code
 * IllegalStateException} are bound too, because the core answers bad lease requests with them; a
 * subclass that is not bound itself (say {@code NumberFormatException}) crosses as the nearest
 * bound superclass, with its message.
 */
@InternalApi
public final class MessageOnlyExceptionSerializer extends SerializerWithStringManifest {

  /** The classes bound in reference.conf; the manifest must be one of them. */
  private static final Set<String> ALLOWED = Set.of(
      "io.actorpool.JobRejectedException",
      "io.actorpool.JobTimeoutException",
      "io.actorpool.WorkerCrashedException",
      "io.actorpool.LeaseUnavailableException",
      "io.actorpool.LeaseExpiredException",
      "io.actorpool.LeaseReleasedException",
      "io.actorpool.UnknownLeaseException",
      "io.actorpool.cluster.RemoteJobException",
      "io.actorpool.cluster.GroupLostException",
      "io.actorpool.cluster.LocalJobException",
      "io.actorpool.cluster.LocalLeaseException",
      "java.lang.IllegalArgumentException",
      "java.lang.IllegalStateException");

  private final ExtendedActorSystem system;

  public MessageOnlyExceptionSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return 7410;
  }

  @Override
  public String manifest(Object o) {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      if (ALLOWED.contains(c.getName())) {
        return c.getName();
      }
    }
    return o.getClass().getName();
  }

  @Override
  public byte[] toBinary(Object o) {
    String message = ((Throwable) o).getMessage();
    return (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!ALLOWED.contains(manifest)) {
      throw new NotSerializableException("not an ActorPool exception: [" + manifest + "]");
    }
    try {
      Class<?> type = system.dynamicAccess().getClassFor(manifest,
          scala.reflect.ClassTag$.MODULE$.apply(Throwable.class)).get();
      Constructor<?> constructor = type.getConstructor(String.class);
      return constructor.newInstance(new String(bytes, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new NotSerializableException(manifest + ": " + e);
    }
  }
}
