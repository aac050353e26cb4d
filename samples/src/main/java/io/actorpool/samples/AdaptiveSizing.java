package io.actorpool.samples;

import io.actorpool.ActorPool;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.ScaleChanged;
import com.typesafe.config.ConfigFactory;
import io.actorpool.LeasedExecutor;
import io.actorpool.SystemLoad;
import io.actorpool.SystemLoadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

/**
 * Adaptive sizing with a {@code SizeProvider}: leasepool's {@code 04_adaptive_sizing.py}, ported.
 *
 * <p>The supervisor does not need to know what the units are: connected devices here, but
 * tenants, queues or shards work the same. The desired pool count is {@code max(min-pools,
 * ceil(units / units-per-pool))}, capped by {@code max-pools}.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java} (after {@code mvn -q install -DskipTests}). Flags
 * ({@code -Dexec.args="..."}):
 *
 * <ul>
 *   <li>{@code --timeline FILE.svg} paces the story over a few seconds, with a burst of jobs, and
 *       writes an SVG timeline of desired and total pools, CPU, memory and queue depth;
 *   <li>{@code --hold} keeps the JVM running after the story, with 31 devices, a lease and a
 *       {@code SystemLoad} actor, until standard input closes: a target for {@code actorpool-top}.
 * </ul>
 */
public final class AdaptiveSizing {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    Path timelineFile = null;
    boolean hold = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--timeline" -> timelineFile = Path.of(args[++i]);
        case "--hold" -> hold = true;
        default -> throw new IllegalArgumentException("unknown argument [" + args[i]
            + "]; use --timeline FILE.svg and/or --hold");
      }
    }
    boolean paced = timelineFile != null;
    ActorSystem system = ActorSystem.create("adaptive-sizing");
    try {
      //#adaptive-sizing-setup
      Set<String> connectedDevices = ConcurrentHashMap.newKeySet();
      PoolSettings settings = PoolSettings.create(system)
          .withPoolBounds(/* min= */ 1, /* max= */ 5)
          .withUnitsPerPool(10)
          .withWorkersPerPool(2)
          .withCheckInterval(Duration.ofSeconds(60));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings, connectedDevices::size),
          "pools");
      ActorPool actorPool = ActorPool.get(system);
      //#adaptive-sizing-setup
      TimelineRecorder timeline = null;
      if (paced || hold) {
        system.actorOf(SystemLoad.props(SystemLoadSettings.create(ConfigFactory.parseString(
            "sample-interval = 200ms, current-window = 1s, history = 10s"))), "system-load");
      }
      if (paced) {
        timeline = TimelineRecorder.start(system, pools);
      }

      PoolStatus status = settle(actorPool, pools);
      System.out.println("Initial desired: " + status.desired());
      System.out.println("Initial total: " + status.total());

      //#adaptive-sizing-grow
      for (int i = 0; i < 31; i++) {
        connectedDevices.add("device-" + i);
        // Wake the supervisor at once instead of waiting for check-interval.
        pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
        pace(paced, actorPool, pools);
      }
      status = settle(actorPool, pools);
      //#adaptive-sizing-grow
      System.out.println("After adding 31 devices:");
      System.out.println(" desired: " + status.desired());
      System.out.println(" total: " + status.total());

      String where = actorPool.submit(pools, () -> Thread.currentThread().getName(), TIMEOUT)
          .toCompletableFuture().get();
      System.out.println(" a job ran on: " + where);
      if (paced) {
        burst(actorPool, pools);
      }

      for (String device : List.copyOf(connectedDevices)) {
        connectedDevices.remove(device);
        pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
        pace(paced, actorPool, pools);
      }
      status = settle(actorPool, pools);
      System.out.println("After removing all devices:");
      System.out.println(" desired: " + status.desired());
      System.out.println(" total: " + status.total());
      if (timeline != null) {
        timeline.close();
        timeline.writeSvg(timelineFile);
        System.out.println("Timeline written to " + timelineFile);
      }
      if (hold) {
        holdForTop(system, pools, connectedDevices);
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** With a timeline, gives each step time to show; the supervisor settles between steps. */
  private static void pace(boolean paced, ActorPool actorPool, ActorRef pools) throws Exception {
    if (paced) {
      settle(actorPool, pools);
      new CountDownLatch(1).await(80, TimeUnit.MILLISECONDS);
    }
  }

  /** 60 CPU-bound jobs of about 40 ms on 8 workers: a queue that drains in a few hundred ms. */
  private static void burst(ActorPool actorPool, ActorRef pools) throws Exception {
    List<CompletableFuture<Long>> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(actorPool.submit(pools, AdaptiveSizing::spin, TIMEOUT).toCompletableFuture());
    }
    CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get();
    System.out.println(" a burst of " + jobs.size() + " jobs ran");
  }

  private static long spin() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
    long x = 0;
    while (System.nanoTime() < until) {
      x += System.nanoTime() % 7;
    }
    return x;
  }

  /** Keeps a supervisor with 4 pools, one of them leased, until standard input closes. */
  private static void holdForTop(ActorSystem system, ActorRef pools, Set<String> devices)
      throws Exception {
    for (int i = 0; i < 31; i++) {
      devices.add("device-" + i);
    }
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    LeasedExecutor lease = ActorPool.get(system)
        .acquireLease(pools, Duration.ofMinutes(10), TIMEOUT).toCompletableFuture().get();
    System.out.println("Holding: pid " + ProcessHandle.current().pid() + ", " + lease.leaseId()
        + "; close standard input to stop");
    while (System.in.read() >= 0) {
      // Everything happens in the actors; this thread only waits for the end of input.
    }
  }

  /** Waits until the pools match the target, the way the seed's sleep(0.1) hopes they do. */
  private static PoolStatus settle(ActorPool actorPool, ActorRef pools) throws Exception {
    return actorPool.awaitSettled(pools, TIMEOUT).toCompletableFuture().get();
  }
}
