package io.actorpool.samples;

import com.typesafe.config.ConfigFactory;
import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import io.actorpool.Run;
import io.actorpool.RunCompleted;
import io.actorpool.ScalingDecision;
import io.actorpool.TaskSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;

/**
 * A crawler-like pull-mode run, as Crawlee's {@code AutoscaledPool} drives its crawlers: the
 * supervisor pulls pages from a frontier while its slots allow, the {@code load} policy (Crawlee's
 * rule) raises the concurrency while the JVM is not overloaded, and the run ends when the frontier
 * is empty and nothing runs.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java -Dsample=io.actorpool.samples.CrawlerRun} (after
 * {@code mvn -q install -DskipTests}).
 */
public final class CrawlerRun {

  /** Pages link to this many children, down to {@link #DEPTH}: 1 + 3 + ... + 243 = 364 pages. */
  private static final int FAN_OUT = 3;

  private static final int DEPTH = 5;

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("crawler");
    try {
      PoolSettings settings = PoolSettings.create(ConfigFactory.parseString("""
          min-pools = 1, max-pools = 4, workers-per-pool = 4
          sizing {
            policy = "load"
            decision-interval = 200ms
            policy-defaults.autoscale-interval = 500ms
          }
          """).withFallback(system.settings().config().getConfig("actor-pool")));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "crawler");
      system.actorOf(Props.create(DecisionPrinter.class, DecisionPrinter::new));

      Frontier frontier = new Frontier();
      RunCompleted done = (RunCompleted) Patterns.ask(pools, new Run(frontier),
          Duration.ofMinutes(2)).toCompletableFuture().get();
      System.out.println("Crawled " + frontier.crawled.get() + " pages in " + done.started()
          + " tasks (" + done.failed() + " failed)");
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** The crawl frontier: a queue of URLs and the set already seen. */
  static final class Frontier implements TaskSource {
    final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final AtomicInteger crawled = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();

    Frontier() {
      queue.add("/");
      seen.add("/");
    }

    @Override
    public CompletionStage<Boolean> isTaskReady() {
      return CompletableFuture.completedFuture(!queue.isEmpty());
    }

    @Override
    public CompletionStage<?> runTask() {
      String url = queue.poll();
      if (url == null) {
        return CompletableFuture.completedFuture(null);
      }
      inFlight.incrementAndGet();
      // The worker's slot stays taken until the page has arrived, as with a blocking client.
      return fetch(url).whenComplete((page, failure) -> {
        if (failure == null) {
          int depth = url.equals("/") ? 0 : url.split("/").length - 1;
          if (depth < DEPTH) {
            for (int i = 0; i < FAN_OUT; i++) {
              String link = (url.equals("/") ? "" : url) + "/" + i;
              if (seen.add(link)) {
                queue.add(link);
              }
            }
          }
          crawled.incrementAndGet();
        }
        inFlight.decrementAndGet();
      });
    }

    @Override
    public CompletionStage<Boolean> isFinished() {
      return CompletableFuture.completedFuture(queue.isEmpty() && inFlight.get() == 0);
    }

    /**
     * Stands in for downloading a page: the response arrives 20ms later, as from a network
     * client. Waiting is what makes more concurrency pay, and what the load policy keeps adding
     * while the JVM is not overloaded.
     */
    private static CompletableFuture<String> fetch(String url) {
      return CompletableFuture.supplyAsync(() -> "<html>" + url + "</html>",
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS, Runnable::run));
    }
  }

  /** Prints each change of the desired concurrency with its reason. */
  static final class DecisionPrinter extends AbstractActor {
    @Override
    public void preStart() {
      getContext().getSystem().getEventStream().subscribe(getSelf(), ScalingDecision.class);
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(ScalingDecision.class, d -> {
            if (d.changed()) {
              System.out.println("desired concurrency " + d.fromSlots() + " -> " + d.toSlots()
                  + " (" + d.policy() + ")");
            }
          })
          .build();
    }
  }
}
