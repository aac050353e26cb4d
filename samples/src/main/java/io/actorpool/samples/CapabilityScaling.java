package io.actorpool.samples;

import com.typesafe.config.ConfigFactory;
import io.actorpool.ActorPool;
import io.actorpool.GetPoolStatus;
import io.actorpool.PoolEvent;
import io.actorpool.PoolInfo;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.Submit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * CPU and GPU jobs scaling separately, Scaler's capability scaling ported: jobs that require
 * {@code gpu} get pools started with the {@code gpu} capability, plain jobs run on plain pools,
 * and each set grows and shrinks on its own queue.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java -Dsample=io.actorpool.samples.CapabilityScaling}
 * (after {@code mvn -q install -DskipTests}).
 */
public final class CapabilityScaling {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("capability-scaling");
    try {
      PoolSettings settings = PoolSettings.create(ConfigFactory.parseString("""
          min-pools = 1, max-pools = 12, workers-per-pool = 2
          sizing { policy = "capability", decision-interval = 100ms }
          """).withFallback(system.settings().config().getConfig("actor-pool")));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "pools");
      ActorPool actorPool = ActorPool.get(system);

      // The jobs wait on a latch so both queues build up before any finishes, as a burst would.
      CountDownLatch go = new CountDownLatch(1);
      List<CompletionStage<Object>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        results.add(Patterns.ask(pools, new Submit(() -> work(go, "cpu")), TIMEOUT));
      }
      for (int i = 0; i < 20; i++) {
        results.add(Patterns.ask(pools, Submit.requiring(() -> work(go, "gpu"), "gpu"), TIMEOUT));
      }
      System.out.println("Submitted 40 cpu jobs and 20 gpu jobs");
      PoolStatus busy = waitFor(system, pools, s -> count(s, "gpu") >= 2 && count(s, "") >= 4);
      System.out.println("Under load: " + describe(busy));

      go.countDown();
      CompletableFuture.allOf(results.stream().map(CompletionStage::toCompletableFuture)
          .toArray(CompletableFuture[]::new)).get();
      System.out.println("All 60 jobs done");
      PoolStatus idle = waitFor(system, pools, s -> count(s, "gpu") == 0 && s.total() == 1);
      System.out.println("When idle: " + describe(idle));
      actorPool.awaitSettled(pools, TIMEOUT).toCompletableFuture().get();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  private static String work(CountDownLatch go, String kind) throws InterruptedException {
    go.await();
    return kind + " done on " + Thread.currentThread().getName();
  }

  /** Open pools offering exactly {@code capability}; "" counts plain pools. */
  private static long count(PoolStatus s, String capability) {
    return s.pools().stream()
        .filter(p -> p.state() != io.actorpool.PoolState.DRAINING)
        .filter(p -> capability.isEmpty() ? p.capabilities().isEmpty()
            : p.capabilities().contains(capability))
        .count();
  }

  private static String describe(PoolStatus s) {
    Map<String, Integer> bySet = new TreeMap<>();
    for (PoolInfo p : s.pools()) {
      if (p.state() != io.actorpool.PoolState.DRAINING) {
        bySet.merge(p.capabilities().isEmpty() ? "plain" : String.join("+", p.capabilities()), 1,
            Integer::sum);
      }
    }
    return bySet + " pools, " + s.queued() + " jobs queued";
  }

  /**
   * Waits until {@code condition} holds, re-checking the status each time the supervisor starts,
   * drains or stops a pool: the events say when something changed, so nothing polls on a timer.
   */
  private static PoolStatus waitFor(ActorSystem system, ActorRef pools,
      java.util.function.Predicate<PoolStatus> condition) throws Exception {
    java.util.concurrent.BlockingQueue<Object> changes =
        new java.util.concurrent.LinkedBlockingQueue<>();
    ActorRef listener = system.actorOf(org.apache.pekko.actor.Props.create(Listener.class,
        () -> new Listener(changes)));
    system.getEventStream().subscribe(listener, PoolEvent.class);
    try {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        PoolStatus s = (PoolStatus) Patterns.ask(pools, GetPoolStatus.INSTANCE, TIMEOUT)
            .toCompletableFuture().get();
        long left = deadline - System.nanoTime();
        if (condition.test(s) || left <= 0) {
          return s;
        }
        changes.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    } finally {
      system.stop(listener);
    }
  }

  /** Hands the supervisor's events to the waiting thread. */
  static final class Listener extends org.apache.pekko.actor.AbstractActor {
    private final java.util.concurrent.BlockingQueue<Object> changes;

    Listener(java.util.concurrent.BlockingQueue<Object> changes) {
      this.changes = changes;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(changes::add).build();
    }
  }
}
