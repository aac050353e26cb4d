package io.actorpool.internal;

import io.actorpool.KillWorkers;
import io.actorpool.LoadSnapshot;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisorMXBean;
import io.actorpool.ScaleChanged;
import io.actorpool.UpdateSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.pattern.Patterns;

/**
 * INTERNAL API.
 *
 * <p>The {@link PoolSupervisorMXBean} of one supervisor. Attributes read the {@link
 * SupervisorView} its observer keeps, so a JMX client never waits for the actor; operations are
 * messages, and those with an answer wait {@link #ASK_TIMEOUT} at most, on the JMX thread.
 */
@InternalApi
final class PoolSupervisorJmx implements PoolSupervisorMXBean {

  /** How long an operation waits for the supervisor's answer. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private static final PoolStatus EMPTY =
      new PoolStatus(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of());

  private final ActorRef supervisor;
  private final SupervisorView view;

  PoolSupervisorJmx(ActorRef supervisor, SupervisorView view) {
    this.supervisor = supervisor;
    this.view = view;
  }

  private int read(ToIntFunction<PoolStatus> field) {
    PoolStatus s = view.status();
    return field.applyAsInt(s == null ? EMPTY : s);
  }

  @Override
  public String getSupervisor() {
    return view.supervisor();
  }

  @Override
  public int getDesired() {
    return read(PoolStatus::desired);
  }

  @Override
  public int getTotal() {
    return read(PoolStatus::total);
  }

  @Override
  public int getIdle() {
    return read(PoolStatus::idle);
  }

  @Override
  public int getLeased() {
    return read(PoolStatus::leased);
  }

  @Override
  public int getBusy() {
    return read(PoolStatus::busy);
  }

  @Override
  public int getDraining() {
    return read(PoolStatus::draining);
  }

  @Override
  public int getQueued() {
    return read(PoolStatus::queued);
  }

  @Override
  public int getUnits() {
    return read(PoolStatus::units);
  }

  @Override
  public int getRunningJobs() {
    return read(PoolStatus::runningJobs);
  }

  @Override
  public int getMinPools() {
    return read(PoolStatus::minPools);
  }

  @Override
  public int getMaxPools() {
    return read(PoolStatus::maxPools);
  }

  @Override
  public int getWorkersPerPool() {
    return read(PoolStatus::workersPerPool);
  }

  @Override
  public int getLeaseWaiters() {
    return read(PoolStatus::leaseWaiters);
  }

  @Override
  public String[] getPools() {
    PoolStatus s = view.status();
    return s == null ? new String[0] : s.pools().stream().map(StateLine::pool)
        .toArray(String[]::new);
  }

  @Override
  public String[] getLeases() {
    PoolStatus s = view.status();
    return s == null ? new String[0] : s.leases().stream().map(StateLine::lease)
        .toArray(String[]::new);
  }

  @Override
  public String getLoad() {
    return StateLine.load(view.load());
  }

  @Override
  public double getCpu() {
    LoadSnapshot l = view.load();
    return l == null || Double.isNaN(l.cpu()) ? -1 : l.cpu();
  }

  @Override
  public double getMemory() {
    LoadSnapshot l = view.load();
    return l == null || Double.isNaN(l.memory()) ? -1 : l.memory();
  }

  @Override
  public boolean isOverloaded() {
    LoadSnapshot l = view.load();
    return l != null && l.overloaded();
  }

  @Override
  public String getStateLine() {
    return view.stateLine();
  }

  @Override
  public String[] getRecentEvents() {
    return view.recentLines().toArray(String[]::new);
  }

  @Override
  public void recheck() {
    supervisor.tell(ScaleChanged.recheck(), ActorRef.noSender());
  }

  @Override
  public void setUnits(int units) {
    supervisor.tell(new ScaleChanged(units), ActorRef.noSender());
  }

  @Override
  public void setPoolBounds(int minPools, int maxPools) {
    ask(UpdateSettings.change(s -> s.withPoolBounds(minPools, maxPools)));
  }

  @Override
  public void killWorkers() {
    ask(KillWorkers.INSTANCE);
  }

  private void ask(Object message) {
    try {
      Patterns.ask(supervisor, message, ASK_TIMEOUT).toCompletableFuture()
          .get(ASK_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        // A new exception of a JDK type, so a remote JMX client without our classes can read it.
        throw new IllegalArgumentException(iae.getMessage());
      }
      throw new IllegalStateException(view.name() + " did not answer " + message + ": " + cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(view.name() + " did not answer " + message + " within "
          + ASK_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + view.name());
    }
  }
}
