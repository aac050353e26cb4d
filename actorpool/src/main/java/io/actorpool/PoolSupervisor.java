package io.actorpool;

import io.actorpool.internal.SupervisorActor;
import java.util.Objects;
import org.apache.pekko.actor.Props;

/**
 * The actor that keeps a right-sized set of executor pools. Create one with {@code
 * system.actorOf(PoolSupervisor.props(settings), "pools")}.
 *
 * <p>Its protocol:
 *
 * <ul>
 *   <li>{@link ScaleChanged}: set the unit count, or re-read the {@link SizeProvider} now;
 *   <li>{@link Submit}: run a job on the least busy pool; the reply is its result;
 *   <li>{@link GetPoolStatus} and {@link AwaitSettled}: reply {@link PoolStatus}.
 * </ul>
 *
 * <p>It starts {@code min-pools} pools, wants {@code min(max-pools, max(min-pools, ceil(units /
 * units-per-pool)))}, creates pools up to that target at once, and shrinks by stopping idle pools
 * first; a busy pool above the target drains and then stops. Decisions are logged and published as
 * {@link PoolEvent}s. A failing size signal, a throwing job and a crashing pool are all survived.
 *
 * <p>While it runs, a supervisor logs its state line every {@code actor-pool.logging-interval} and
 * is registered as a {@link PoolSupervisorMXBean} (unless {@code actor-pool.jmx = off}); {@link
 * PoolObserver} watches it from code.
 */
public final class PoolSupervisor {

  private PoolSupervisor() {}

  /**
   * A supervisor sized by {@link ScaleChanged} messages alone (the unit count starts at 0, so it
   * starts with {@code min-pools} pools).
   *
   * @param settings its settings, e.g. {@code PoolSettings.create(system)}
   */
  public static Props props(PoolSettings settings) {
    return SupervisorActor.props(Objects.requireNonNull(settings, "settings"), null);
  }

  /**
   * A supervisor that reads its unit count from {@code sizeProvider} every {@code check-interval}
   * and on {@link ScaleChanged#recheck()}.
   *
   * @param settings its settings, e.g. {@code PoolSettings.create(system)}
   * @param sizeProvider the size signal; called inside the actor, so it must not block
   */
  public static Props props(PoolSettings settings, SizeProvider sizeProvider) {
    return SupervisorActor.props(
        Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(sizeProvider, "sizeProvider"));
  }
}
