package io.actorpool.process.internal;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>What a process pool's parent and its child JVM tell each other over remoting. Every message
 * is a Jackson-CBOR record (bound in this module's {@code reference.conf}); jobs and results ride
 * inside as a class name plus JSON, so neither side ever needs Java serialization.
 */
@InternalApi
public final class ProcessProtocol {

  private ProcessProtocol() {}

  /** Marker bound to {@code jackson-cbor}. */
  public interface Message {}

  /** Child to parent, repeated until welcomed: the child with this start token is up. */
  public record Hello(String token, ActorRef child, long pid) implements Message {}

  /** Parent to child: hello received; the child watches the sender. */
  public record Welcome(String pool) implements Message {}

  /**
   * Parent to child: run a job. {@code kind} is {@link Wire#CALLABLE} (an allow-listed Callable:
   * {@code className} and its fields in {@code json}) or {@link Wire#HANDLER} (registered {@code
   * type}, payload class and JSON).
   */
  public record Run(long id, String kind, String type, String className, String json)
      implements Message {}

  /** Parent to child: the job's timeout passed; interrupt it. */
  public record Cancel(long id) implements Message {}

  /** Parent to child: exit now; no job of yours is running. */
  public record Stop(String reason) implements Message {}

  /**
   * Child to parent: a job's outcome, and the child's resident memory after it.
   *
   * @param outcome {@link #OK} ({@code className}/{@code json} of the value, both null for null),
   *     {@link #FAILED} ({@code className} of the exception, its message in {@code json}), {@link
   *     #CRASHED} (the child is unusable; {@code json} says why); {@link #LOST} is made by the
   *     parent when the child died
   */
  public record Result(long id, int outcome, String className, String json, long rssBytes)
      implements Message {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CRASHED = 2;
    public static final int LOST = 3;
  }
}
