package io.actorpool.samples;

import io.actorpool.ActorPool;
import io.actorpool.PoolEvent;
import io.actorpool.PoolInfo;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.WorkerMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * Task-driven workers, the seed's dynamic pool manager: a worker is started for each task and
 * shuts down as soon as its task is done; the pool reaps it and its capacity returns at once,
 * within the same bounds and queue as any pool ({@code workers.mode = ephemeral}).
 *
 * <p>Run: {@code mvn -q -pl samples exec:java -Dsample=io.actorpool.samples.TaskDrivenWorkers}
 * (after {@code mvn -q install -DskipTests}).
 */
public final class TaskDrivenWorkers {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int TASKS = 12;

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("task-driven");
    try {
      PoolSettings base = PoolSettings.create(system).withPoolBounds(1, 1).withWorkersPerPool(3);
      PoolSettings settings = base.withWorkers(base.workers().withMode(WorkerMode.EPHEMERAL));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "workers");
      CountDownLatch reaped = new CountDownLatch(TASKS);
      ActorRef reaper = system.actorOf(Props.create(Reaper.class, () -> new Reaper(reaped)));
      system.getEventStream().subscribe(reaper, PoolEvent.WorkerStopped.class);

      ActorPool actorPool = ActorPool.get(system);
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        String task = "job_" + (450 + i);
        results.add(actorPool.submit(pools, () -> process(task), TIMEOUT).toCompletableFuture());
      }
      for (CompletableFuture<String> result : results) {
        System.out.println(result.get());
      }
      // A worker leaves right after answering; wait until the pool has reaped every one of them.
      reaped.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      PoolStatus status = actorPool.status(pools, TIMEOUT).toCompletableFuture().get();
      PoolInfo pool = status.pools().get(0);
      System.out.println(TASKS + " tasks ran on " + pool.workersStarted()
          + " workers, one each; workers alive now: " + pool.liveWorkers());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** Stands in for processing a task: a few milliseconds of work on the worker's thread. */
  private static String process(String task) {
    long end = System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000);
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return "worker " + Thread.currentThread().getName() + " finished " + task;
  }

  /** Counts the workers the pool reaps, as the seed's manager reaps terminated processes. */
  static final class Reaper extends AbstractActor {
    private final CountDownLatch reaped;

    Reaper(CountDownLatch reaped) {
      this.reaped = reaped;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(PoolEvent.WorkerStopped.class, w -> {
            if (w.reason().equals("job-done")) {
              reaped.countDown();
            }
          })
          .build();
    }
  }
}
