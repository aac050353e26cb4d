package io.actorpool.benchmarks;

import java.util.concurrent.Executor;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * The plain Pekko actors the baselines are built from. Each is the least code that does the job,
 * so a baseline measures Pekko, not extra logic.
 */
public final class BaselineActors {

  private BaselineActors() {}

  /** A job for a router's routee: busy work, then the completion callback. */
  public record Job(int micros, Runnable done) {}

  /** Replies to every message with the message itself: the {@code ask} baseline. */
  public static Props echo() {
    return Props.create(Echo.class, Echo::new);
  }

  /**
   * Hands every message to {@code executor}, whose thread replies straight to the asker: the same
   * hops as ActorPool's {@code Submit} (ask, one actor, one pool thread, reply), without its
   * bookkeeping.
   */
  public static Props relay(Executor executor) {
    return Props.create(Relay.class, () -> new Relay(executor));
  }

  /** Ignores every message: where fire-and-forget jobs send their replies. */
  public static Props sink() {
    return Props.create(Sink.class, Sink::new);
  }

  /** Runs {@link Job}s and replies to the sender, as ActorPool's Submit does: the routee of every router baseline. */
  public static Props routee() {
    return Props.create(Routee.class, Routee::new);
  }

  static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }

  static final class Relay extends AbstractActor {
    private final Executor executor;

    Relay(Executor executor) {
      this.executor = executor;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchAny(m -> {
            ActorRef replyTo = getSender();
            executor.execute(() -> replyTo.tell(m, ActorRef.noSender()));
          })
          .build();
    }
  }

  static final class Sink extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> { }).build();
    }
  }

  static final class Routee extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Job.class, j -> {
            long result = Work.spin(j.micros());
            j.done().run();
            getSender().tell(result, getSelf());
          })
          .build();
    }
  }
}
