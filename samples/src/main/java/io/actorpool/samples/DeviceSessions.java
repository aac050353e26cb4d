package io.actorpool.samples;

import io.actorpool.AcquireLease;
import io.actorpool.ActorPool;
import io.actorpool.LeaseExpiring;
import io.actorpool.LeaseGranted;
import io.actorpool.LeaseInfo;
import io.actorpool.LeaseRevoked;
import io.actorpool.LeasedExecutor;
import io.actorpool.PoolEvent;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.actor.SupervisorStrategy;
import org.apache.pekko.pattern.Patterns;

/**
 * Device sessions that lease whole pools: one releases its pool, one forgets to and its lease
 * expires (warning, grace, revocation), and one crashes, so its lease comes back at once.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java -Dsample=io.actorpool.samples.DeviceSessions} (after
 * {@code mvn -q install -DskipTests}).
 */
public final class DeviceSessions {

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("device-sessions");
    try {
      PoolSettings settings = PoolSettings.create(system)
          .withPoolBounds(/* min= */ 1, /* max= */ 3)
          .withWorkersPerPool(2)
          .withLeaseGrace(Duration.ofSeconds(1));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "pools");
      CompletableFuture<Void> revoked = new CompletableFuture<>();
      ActorRef printer = system.actorOf(Props.create(LeasePrinter.class,
          () -> new LeasePrinter(revoked)), "printer");
      system.getEventStream().subscribe(printer, PoolEvent.LeaseChanged.class);

      ActorRef sessions = system.actorOf(Props.create(Sessions.class, Sessions::new), "sessions");
      sessions.tell(new Start("tidy-sensor", pools, Kind.RELEASES), ActorRef.noSender());
      sessions.tell(new Start("forgetful-meter", pools, Kind.FORGETS), ActorRef.noSender());
      sessions.tell(new Start("crashing-camera", pools, Kind.CRASHES), ActorRef.noSender());

      revoked.get();
      PoolStatus status = ActorPool.get(system).awaitSettled(pools, Duration.ofSeconds(10))
          .toCompletableFuture().get();
      System.out.println("Finally: " + status.total() + " pool(s), " + status.leased()
          + " leased, " + status.idle() + " idle; active leases: "
          + status.leases().stream().map(LeaseInfo::leaseId).toList());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  enum Kind {
    RELEASES,
    FORGETS,
    CRASHES
  }

  record Start(String device, ActorRef pools, Kind kind) {}

  record Decoded(String thread) {}

  /** Parent of the sessions: a session that throws is stopped, not restarted, as a dead link is. */
  static final class Sessions extends AbstractActor {
    @Override
    public SupervisorStrategy supervisorStrategy() {
      return SupervisorStrategy.stoppingStrategy();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Start.class, s -> getContext().actorOf(
              Props.create(Session.class, () -> new Session(s.pools(), s.kind())), s.device()))
          .build();
    }
  }

  /** One connected device: it leases a pool and decodes its frames there. */
  static final class Session extends AbstractActor {
    private final ActorRef pools;
    private final Kind kind;
    private final String device = getSelf().path().name();
    private LeasedExecutor lease;

    Session(ActorRef pools, Kind kind) {
      this.pools = pools;
      this.kind = kind;
    }

    @Override
    public void preStart() {
      Duration leaseFor = kind == Kind.FORGETS ? Duration.ofSeconds(1) : Duration.ofSeconds(30);
      // Sent from this actor, so this actor is the watched holder of the lease.
      pools.tell(new AcquireLease(leaseFor, Duration.ofSeconds(5)), getSelf());
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(LeaseGranted.class, granted -> {
            lease = granted.executor();
            say("leased " + lease.poolName() + " as " + lease.leaseId());
            // The job runs on the leased pool; its result comes back as a message, so this
            // actor never blocks waiting for it.
            Patterns.pipe(lease.submit(() -> new Decoded(Thread.currentThread().getName())),
                getContext().getDispatcher()).to(getSelf());
          })
          .match(Decoded.class, decoded -> {
            say("decoded its frames on " + decoded.thread());
            switch (kind) {
              case RELEASES -> lease.release().thenRun(() -> say("released " + lease.leaseId()));
              case FORGETS -> say("forgets to release " + lease.leaseId());
              case CRASHES -> {
                say("hits a corrupt frame and crashes");
                throw new IllegalStateException("corrupt frame from " + device);
              }
            }
          })
          .match(LeaseExpiring.class, e ->
              say("was warned: " + e.leaseId() + " is revoked in " + e.untilRevoke()
                  + " unless renewed"))
          .match(LeaseRevoked.class, r -> lease.submit(() -> "late").whenComplete((ok, failure) ->
              say("lost " + r.leaseId() + "; a late submit fails with "
                  + failure.getClass().getSimpleName())))
          .match(Status.Failure.class, f -> say("got no pool: " + f.cause().getMessage()))
          .build();
    }

    private void say(String line) {
      System.out.println("[" + device + "] " + line);
    }
  }

  /** Prints what the supervisor publishes about leases. */
  static final class LeasePrinter extends AbstractActor {
    private final CompletableFuture<Void> revoked;

    LeasePrinter(CompletableFuture<Void> revoked) {
      this.revoked = revoked;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(PoolEvent.LeaseChanged.class, e -> {
            if (e.step() != PoolEvent.LeaseStep.GRANTED) {
              System.out.println("  (pools) " + e.leaseId() + " on " + e.pool() + ": "
                  + e.step() + ", " + e.detail());
            }
            if (e.step() == PoolEvent.LeaseStep.REVOKED) {
              revoked.complete(null);
            }
          })
          .build();
    }
  }
}
