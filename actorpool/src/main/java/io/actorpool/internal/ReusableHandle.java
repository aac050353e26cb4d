package io.actorpool.internal;

import io.actorpool.ActorPool;
import io.actorpool.GetPoolStatus;
import io.actorpool.KillWorkers;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.ReusableExecutor;
import io.actorpool.StopGracefully;
import io.actorpool.UpdateSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INTERNAL API.
 *
 * <p>The {@link ReusableExecutor} kept by {@link ActorPool}: a supervisor actor plus the settings
 * it was last given. {@link ActorPool} decides, under its own lock, whether a call reuses,
 * resizes or replaces it.
 */
@InternalApi
public final class ReusableHandle implements ReusableExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ReusableExecutor.class);
  /** Control messages are local round trips; this only bounds a supervisor that is gone. */
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);
  /** A graceful stop waits for running jobs, which may be long. */
  private static final Duration STOP_TIMEOUT = Duration.ofHours(1);

  private final ActorPool actorPool;
  private final String key;
  private final ActorRef supervisor;
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private volatile PoolSettings settings;
  private volatile CompletionStage<Done> stopped;

  public ReusableHandle(ActorSystem system, String key, PoolSettings settings, long generation) {
    this.actorPool = ActorPool.get(system);
    this.key = key;
    this.settings = settings;
    String name = "reusable-" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "-" + generation;
    this.supervisor = system.actorOf(PoolSupervisor.props(settings), name);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public PoolSettings settings() {
    return settings;
  }

  @Override
  public ActorRef supervisor() {
    return supervisor;
  }

  /** Applies new settings in place; the caller checked that only the worker count differs. */
  public void update(PoolSettings newSettings) {
    settings = newSettings;
    supervisor.tell(new UpdateSettings(newSettings), ActorRef.noSender());
  }

  @Override
  public <T> CompletionStage<T> submit(Callable<T> job) {
    requireRunning();
    return actorPool.submit(supervisor, job);
  }

  @Override
  public <T> CompletionStage<T> submit(Callable<T> job, Duration timeout) {
    requireRunning();
    return actorPool.submit(supervisor, job, timeout);
  }

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    requireRunning();
    actorPool.submit(supervisor, () -> {
      command.run();
      return null;
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("reusable executor [{}]: a job failed", key, failure);
      }
    });
  }

  @Override
  public CompletionStage<Done> killWorkers() {
    return Patterns.ask(supervisor, KillWorkers.INSTANCE, CONTROL_TIMEOUT)
        .thenApply(reply -> Done.getInstance());
  }

  @Override
  public CompletionStage<PoolStatus> status() {
    return Patterns.ask(supervisor, GetPoolStatus.INSTANCE, CONTROL_TIMEOUT)
        .thenApply(PoolStatus.class::cast);
  }

  @Override
  public CompletionStage<Done> shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      stopped = Patterns.ask(supervisor, StopGracefully.INSTANCE, STOP_TIMEOUT)
          .thenApply(reply -> Done.getInstance());
    }
    return stopped;
  }

  @Override
  public boolean isShutdown() {
    return shutdown.get();
  }

  private void requireRunning() {
    if (shutdown.get()) {
      throw new RejectedExecutionException("reusable executor [" + key + "] is shut down");
    }
  }

  @Override
  public String toString() {
    return "ReusableExecutor(" + key + ", " + supervisor.path().name() + ")";
  }
}
