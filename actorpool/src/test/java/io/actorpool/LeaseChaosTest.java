package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Twenty client actors acquire, submit, renew, release and die at random for ten seconds, while
 * leases also expire. After every lease step the supervisor's books must balance.
 */
class LeaseChaosTest {

  private static final int CLIENTS = 20;
  private static final int MAX_POOLS = 6;
  private static final Duration RUN_FOR = Duration.ofSeconds(10);

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("LeaseChaosTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  @Test
  void randomClients_for10s_keepInvariantsAndEveryLeaseEnds() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.LeaseChanged.class);
    PoolSettings settings = PoolSettings.create(system)
        .withPoolBounds(/* min= */ 1, /* max= */ MAX_POOLS)
        .withWorkersPerPool(2)
        .withLeaseGrace(Duration.ofMillis(100))
        .withLeaseRevokeTimeout(Duration.ofMillis(500));
    ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "chaos");
    Map<String, List<PoolEvent.LeaseStep>> lives = new ConcurrentHashMap<>();
    AtomicInteger alive = new AtomicInteger();
    List<ActorRef> clients = new ArrayList<>();
    Random seeds = new Random(42);

    long deadline = System.nanoTime() + RUN_FOR.toNanos();
    int checks = 0;
    while (System.nanoTime() < deadline) {
      while (alive.get() < CLIENTS) {
        alive.incrementAndGet();
        clients.add(system.actorOf(Client.props(pools, seeds.nextLong(), alive)));
      }
      Object event = events.receiveOne(Duration.ofMillis(100));
      if (event instanceof PoolEvent.LeaseChanged changed) {
        lives.computeIfAbsent(changed.leaseId(), id -> new ArrayList<>()).add(changed.step());
      }
      checkInvariants(status(probe, pools));
      checks++;
    }
    clients.forEach(system::stop);

    // Every lease ends: holders are gone, so their leases are released or already revoked.
    probe.awaitAssert(Duration.ofSeconds(15), () -> {
      PoolStatus s = status(probe, pools);
      checkInvariants(s);
      assertEquals(0, s.leased(), "leases left: " + s.leases());
      return null;
    });
    events.receiveWhile(Duration.ofSeconds(2), Duration.ofMillis(300), Integer.MAX_VALUE, ev -> {
      PoolEvent.LeaseChanged changed = (PoolEvent.LeaseChanged) ev;
      lives.computeIfAbsent(changed.leaseId(), id -> new ArrayList<>()).add(changed.step());
      return ev;
    });
    system.getEventStream().unsubscribe(events.getRef());

    int granted = 0;
    for (Map.Entry<String, List<PoolEvent.LeaseStep>> life : lives.entrySet()) {
      List<PoolEvent.LeaseStep> steps = life.getValue();
      if (!steps.contains(PoolEvent.LeaseStep.GRANTED)) {
        continue;
      }
      granted++;
      long ends = steps.stream().filter(LeaseChaosTest::isEnd).count();
      assertEquals(1, ends, life.getKey() + " ended exactly once: " + steps);
    }
    assertTrue(granted > 50, "the run exercised leases: " + granted + " granted");
    assertTrue(checks > 100, "invariants checked " + checks + " times");
  }

  private static boolean isEnd(PoolEvent.LeaseStep step) {
    return step == PoolEvent.LeaseStep.RELEASED || step == PoolEvent.LeaseStep.HOLDER_STOPPED
        || step == PoolEvent.LeaseStep.REVOKED;
  }

  private static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  private static void checkInvariants(PoolStatus s) {
    assertEquals(s.total(), s.idle() + s.busy() + s.leased() + s.draining(), s.toString());
    assertTrue(s.total() <= MAX_POOLS, "total above max-pools: " + s);
    assertEquals(s.total(), s.pools().size(), s.toString());
    assertEquals(s.leased(), s.leases().size(), s.toString());
    Set<String> leasedPools = new HashSet<>();
    for (LeaseInfo lease : s.leases()) {
      assertTrue(leasedPools.add(lease.pool()), "pool held by two leases: " + s);
    }
  }

  /** A lease user that acts at random every few milliseconds, and sometimes dies holding one. */
  static final class Client extends AbstractActorWithTimers {
    private final ActorRef pools;
    private final Random random;
    private final AtomicInteger alive;
    private LeasedExecutor lease;
    private boolean asking;

    Client(ActorRef pools, long seed, AtomicInteger alive) {
      this.pools = pools;
      this.random = new Random(seed);
      this.alive = alive;
    }

    static Props props(ActorRef pools, long seed, AtomicInteger alive) {
      return Props.create(Client.class, () -> new Client(pools, seed, alive));
    }

    @Override
    public void preStart() {
      getTimers().startTimerWithFixedDelay("step", "step",
          Duration.ofMillis(5 + random.nextInt(20)));
    }

    @Override
    public void postStop() {
      alive.decrementAndGet();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .matchEquals("step", s -> step())
          .match(LeaseGranted.class, g -> {
            asking = false;
            lease = g.executor();
          })
          .match(Status.Failure.class, f -> asking = false)
          .match(LeaseExpiring.class, e -> {
            if (lease != null && random.nextBoolean()) {
              lease.renew(Duration.ofMillis(50 + random.nextInt(200)));
            }
          })
          .match(LeaseRevoked.class, r -> lease = null)
          .build();
    }

    private void step() {
      int roll = random.nextInt(100);
      if (lease != null && !lease.isActive()) {
        lease = null;
      }
      if (lease == null) {
        if (roll < 40 && !asking) {
          asking = true;
          pools.tell(new AcquireLease(Duration.ofMillis(50 + random.nextInt(250)),
              Duration.ofMillis(random.nextInt(100))), getSelf());
        } else if (roll < 42) {
          getContext().stop(getSelf());
        }
        return;
      }
      if (roll < 50) {
        long spinNanos = random.nextInt(3_000_000);
        lease.submit(() -> {
          long end = System.nanoTime() + spinNanos;
          while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
          return spinNanos;
        });
      } else if (roll < 60) {
        lease.renew(Duration.ofMillis(random.nextInt(200) + 1));
      } else if (roll < 80) {
        lease.release();
        lease = null;
      } else if (roll < 83) {
        getContext().stop(getSelf());
      }
    }
  }
}
