package io.actorpool.samples;

import io.actorpool.ActorPool;
import io.actorpool.PoolEvent;
import io.actorpool.PoolObserver;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.PoolSupervisorMXBean;
import io.actorpool.ScalingDecision;
import io.actorpool.SystemLoad;
import io.actorpool.UpdateSettings;
import io.actorpool.micrometer.ActorPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.management.JMX;
import javax.management.ObjectName;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.pattern.Patterns;

/**
 * What an operator sees of a running supervisor: its events and decisions, its state line, its
 * MXBean (with a refused bounds change), Micrometer gauges and counters, and a hot settings
 * update. The snippets of the guide's operations page come from here.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java -Dsample=io.actorpool.samples.Operations} (after
 * {@code mvn -q install -DskipTests}).
 */
public final class Operations {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("operations");
    try {
      //#operations-setup
      PoolSettings settings = PoolSettings.create(system)
          .withPoolBounds(/* min= */ 1, /* max= */ 5)
          .withUnitsPerPool(10)
          .withWorkersPerPool(2)
          .withLoggingInterval(Duration.ofSeconds(10));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings), "pools");
      // The JVM's load, for the state line, the MXBean, the top view and LoadChanged events.
      system.actorOf(SystemLoad.props(), "system-load");
      //#operations-setup

      //#operations-events
      ActorRef printer = system.actorOf(Props.create(EventPrinter.class, EventPrinter::new));
      system.getEventStream().subscribe(printer, PoolEvent.class);
      system.getEventStream().subscribe(printer, ScalingDecision.class);
      //#operations-events

      //#operations-metrics
      MeterRegistry registry = new SimpleMeterRegistry();
      ActorPoolMetrics metrics = ActorPoolMetrics.bind(system, pools, registry);
      //#operations-metrics

      try (PoolObserver observer = PoolObserver.watch(system, pools)) {
        // Four pools, and a first load sample, so the state line below is complete.
        CompletableFuture<PoolStatus> four = new CompletableFuture<>();
        observer.onEvery(seen -> {
          if (seen instanceof PoolStatus s && s.total() == 4 && observer.load().isPresent()) {
            four.complete(s);
          }
        });
        ActorPool.get(system).awaitSettled(pools, TIMEOUT).toCompletableFuture().get();

        //#operations-jmx
        ObjectName name = new ObjectName("io.actorpool:type=PoolSupervisor,name="
            + ObjectName.quote(pools.path().toString()));
        PoolSupervisorMXBean mxBean = JMX.newMXBeanProxy(
            ManagementFactory.getPlatformMBeanServer(), name, PoolSupervisorMXBean.class);
        mxBean.setUnits(31);
        try {
          mxBean.setPoolBounds(5, 3);
        } catch (IllegalArgumentException refused) {
          System.out.println("JMX refused: " + refused.getMessage());
        }
        //#operations-jmx

        four.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("State line: " + observer.stateLine());
        System.out.println("MXBean: total=" + mxBean.getTotal() + " pools="
            + String.join(", ", mxBean.getPools()));
      }
      System.out.println("Gauge actorpool.pools.total = "
          + registry.get("actorpool.pools.total").gauge().value());
      System.out.println("Counter actorpool.events{type=TargetChanged,kind=up} = "
          + registry.get("actorpool.events").tags("type", "TargetChanged", "kind", "up")
              .counter().count());

      //#operations-update
      Object reply = Patterns.ask(pools,
              UpdateSettings.change(s -> s.withPoolBounds(/* min= */ 5, /* max= */ 3)), TIMEOUT)
          .exceptionally(refused -> new Status.Failure(refused))
          .toCompletableFuture().get();
      System.out.println("UpdateSettings answered: " + reply);
      //#operations-update
      metrics.close();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  //#operations-printer
  /** Prints every event and decision of every supervisor with its reason. */
  static final class EventPrinter extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(PoolEvent.TargetChanged.class, t -> System.out.println(
              "event: target " + t.previous() + " -> " + t.desired() + " (" + t.reason() + ")"))
          .match(PoolEvent.LoadChanged.class, l -> System.out.println(
              "event: overloaded=" + l.overloaded() + " " + l.signals()))
          .match(ScalingDecision.class, d -> System.out.println(
              "decision: " + d.fromSlots() + " -> " + d.toSlots() + " by " + d.policy()
                  + ": " + d.reason()))
          .match(PoolEvent.class, e -> System.out.println("event: " + e))
          .build();
    }
  }
  //#operations-printer
}
