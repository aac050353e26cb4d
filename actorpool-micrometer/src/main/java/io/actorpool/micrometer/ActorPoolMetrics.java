package io.actorpool.micrometer;

import io.actorpool.PoolEvent;
import io.actorpool.PoolObserver;
import io.actorpool.PoolStatus;
import io.actorpool.ScalingDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

/**
 * Binds one {@code PoolSupervisor}'s gauges and event counters to Micrometer.
 *
 * <pre>{@code
 * ActorPoolMetrics metrics = ActorPoolMetrics.bind(system, pools, registry);
 * ...
 * metrics.close();   // or let it end with the supervisor
 * }</pre>
 *
 * <p>Every meter carries the tag {@code supervisor} (the actor path, as in {@link
 * PoolEvent#supervisor()}):
 *
 * <ul>
 *   <li>gauges {@code actorpool.pools.desired}, {@code .total}, {@code .idle}, {@code .leased},
 *       {@code .busy}, {@code .draining}; {@code actorpool.jobs.queued}, {@code
 *       actorpool.jobs.running}; {@code actorpool.units}. They read the latest status a {@link
 *       PoolObserver} keeps, refreshed after every pool or lease event and at least once a second,
 *       so a scrape never waits for the supervisor; before the first status they read {@code NaN}.
 *   <li>counter {@code actorpool.events} with tags {@code type} (the {@link PoolEvent} record's
 *       name, e.g. {@code TargetChanged}) and {@code kind}: the direction of a target change
 *       ({@code up}, {@code down}), a lease's step ({@code granted}, {@code revoked}, ...), a
 *       worker's stop reason ({@code idle}, {@code max-jobs}, ...), whether a crashed job is
 *       retried, an overload flip ({@code overloaded}, {@code recovered}), else {@code none}.
 *   <li>counter {@code actorpool.decisions} with tags {@code policy} (the deciding policy or
 *       pipeline stage) and {@code direction} ({@code up}, {@code down}, {@code hold}), one per
 *       {@link ScalingDecision}.
 * </ul>
 *
 * <p>Tags hold only bounded values; free-form reasons stay in the events and the MXBean. Thread-safe;
 * counters are incremented on the observer actor's thread.
 */
public final class ActorPoolMetrics implements MeterBinder, AutoCloseable {

  private final ActorSystem system;
  private final ActorRef supervisor;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private PoolObserver observer;

  /**
   * A binder for {@code supervisor}; nothing is watched until {@link #bindTo}.
   *
   * @param system the supervisor's actor system
   * @param supervisor the supervisor
   */
  public ActorPoolMetrics(ActorSystem system, ActorRef supervisor) {
    this.system = Objects.requireNonNull(system, "system");
    this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
  }

  /**
   * Creates a binder for {@code supervisor} and binds it to {@code registry}.
   *
   * @param system the supervisor's actor system
   * @param supervisor the supervisor
   * @param registry where the meters go
   * @return the binder, to {@link #close()} when the metrics are no longer wanted
   */
  public static ActorPoolMetrics bind(ActorSystem system, ActorRef supervisor,
      MeterRegistry registry) {
    ActorPoolMetrics metrics = new ActorPoolMetrics(system, supervisor);
    metrics.bindTo(registry);
    return metrics;
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    if (observer == null) {
      observer = PoolObserver.watch(system, supervisor).onEvery(this::count);
    }
    registries.add(registry);
    Tags tags = Tags.of("supervisor", observer.supervisor());
    gauge(registry, "actorpool.pools.desired", "pools the sizing rule wants", tags,
        PoolStatus::desired);
    gauge(registry, "actorpool.pools.total", "pools that exist, draining ones included", tags,
        PoolStatus::total);
    gauge(registry, "actorpool.pools.idle", "pools running nothing", tags, PoolStatus::idle);
    gauge(registry, "actorpool.pools.leased", "pools lent out under a lease", tags,
        PoolStatus::leased);
    gauge(registry, "actorpool.pools.busy", "pools running jobs", tags, PoolStatus::busy);
    gauge(registry, "actorpool.pools.draining", "pools finishing their work before they stop",
        tags, PoolStatus::draining);
    gauge(registry, "actorpool.jobs.queued", "jobs waiting for a free worker", tags,
        PoolStatus::queued);
    gauge(registry, "actorpool.jobs.running", "jobs running, lease work included", tags,
        PoolStatus::runningJobs);
    gauge(registry, "actorpool.units", "the unit count the target is computed from", tags,
        PoolStatus::units);
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags tags,
      ToIntFunction<PoolStatus> field) {
    PoolObserver watched = observer;
    Gauge.builder(name, watched,
            o -> o.status().map(s -> (double) field.applyAsInt(s)).orElse(Double.NaN))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private void count(Object seen) {
    if (seen instanceof ScalingDecision d) {
      String direction = d.toSlots() > d.fromSlots() ? "up"
          : d.toSlots() < d.fromSlots() ? "down" : "hold";
      increment("actorpool.decisions", "sizing decisions by the deciding policy or stage",
          Tags.of("policy", d.policy(), "direction", direction));
    } else if (seen instanceof PoolEvent e) {
      increment("actorpool.events", "pool, lease, worker and load events",
          Tags.of("type", e.getClass().getSimpleName(), "kind", kind(e)));
    }
  }

  private static String kind(PoolEvent e) {
    if (e instanceof PoolEvent.TargetChanged t) {
      return t.desired() > t.previous() ? "up" : "down";
    } else if (e instanceof PoolEvent.LeaseChanged l) {
      return l.step().name().toLowerCase(Locale.ROOT).replace('_', '-');
    } else if (e instanceof PoolEvent.WorkerStopped w) {
      return w.reason();
    } else if (e instanceof PoolEvent.JobCrashed j) {
      return j.retried() ? "retried" : "failed";
    } else if (e instanceof PoolEvent.LoadChanged l) {
      return l.overloaded() ? "overloaded" : "recovered";
    }
    return "none";
  }

  private void increment(String name, String description, Tags tags) {
    Tags all = tags.and("supervisor", observer.supervisor());
    for (MeterRegistry registry : registries) {
      Counter.builder(name).description(description).tags(all).register(registry).increment();
    }
  }

  /** Stops watching; the meters stay registered and read {@code NaN} or their last counts. */
  @Override
  public synchronized void close() {
    if (observer != null) {
      observer.close();
    }
  }
}
