package io.actorpool.internal;

import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseRenewed;
import io.actorpool.LeasedExecutor;
import io.actorpool.RenewLease;
import io.actorpool.WorkerCrashedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.Done;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INTERNAL API.
 *
 * <p>The {@link LeasedExecutor} handed to a lease holder. Jobs go straight onto the pool's
 * executor; only renewal and release talk to the supervisor.
 */
@InternalApi
final class LeaseHandle implements LeasedExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(LeasedExecutor.class);
  /** Renewal is a local message round trip; this only bounds a stopped supervisor. */
  private static final Duration RENEW_TIMEOUT = Duration.ofSeconds(30);

  private final LeaseState lease;

  LeaseHandle(LeaseState lease) {
    this.lease = lease;
  }

  @Override
  public String leaseId() {
    return lease.id;
  }

  @Override
  public String poolName() {
    return lease.poolName;
  }

  @Override
  public <T> CompletionStage<T> submit(Callable<T> job) {
    Objects.requireNonNull(job, "job");
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!lease.enter()) {
      result.completeExceptionally(lease.notActive());
      return result;
    }
    LeaseTask<T> task = new LeaseTask<>(job, result, lease);
    try {
      lease.runtime.execute(task);
    } catch (RejectedExecutionException e) {
      // Revoked between enter() and execute(): the executor is already shut down.
      task.reject(new LeaseExpiredException("lease " + lease.id + " has expired", e));
    }
    return result;
  }

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    if (lease.state() != LeaseState.ACTIVE) {
      throw new RejectedExecutionException(lease.notActive());
    }
    submit(() -> {
      command.run();
      return null;
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("{} job of lease {} failed", lease.poolName, lease.id, failure);
      }
    });
  }

  @Override
  public CompletionStage<LeaseRenewed> renew(Duration extra) {
    return Patterns.ask(lease.supervisor, new RenewLease(lease.id, extra), RENEW_TIMEOUT)
        .thenApply(LeaseRenewed.class::cast);
  }

  @Override
  public CompletionStage<Done> release() {
    lease.release("released by its holder");
    return lease.ended;
  }

  @Override
  public boolean isActive() {
    return lease.state() == LeaseState.ACTIVE;
  }

  @Override
  public Duration timeLeft() {
    return Duration.ofNanos(lease.softDeadlineNanos() - System.nanoTime());
  }

  @Override
  public String toString() {
    return "LeasedExecutor(" + lease.id + " on " + lease.poolName + ")";
  }

  /** A job running under a lease; counted in flight from submit to completion. */
  private static final class LeaseTask<T> implements PoolTask, PortableTask {
    private final Callable<T> job;
    private final CompletableFuture<T> result;
    private final LeaseState lease;
    private int crashes;

    LeaseTask(Callable<T> job, CompletableFuture<T> result, LeaseState lease) {
      this.job = job;
      this.result = result;
      this.lease = lease;
    }

    @Override
    public void run() {
      runAs(job);
    }

    @Override
    public Callable<?> callable() {
      return job;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void runAs(Callable<?> body) {
      try {
        result.complete((T) body.call());
      } catch (PortableTask.WorkerLost lost) {
        crashed(lost.getCause());
        return;
      } catch (VirtualMachineError fatal) {
        crashed(fatal);
        throw new ThreadPoolRuntime.WorkerCrash(fatal);
      } catch (Throwable t) {
        if (lease.state() == LeaseState.REVOKED) {
          result.completeExceptionally(new LeaseExpiredException(
              "lease " + lease.id + " expired while the job ran; it was interrupted", t));
        } else {
          result.completeExceptionally(ThreadPoolRuntime.jobFailure(t));
        }
      }
      if (result.isDone()) {
        lease.exit();
      }
    }

    @Override
    public void crashed(Throwable cause) {
      crashes++;
      if (crashes < lease.maxJobCrashes) {
        try {
          // Still counted in flight: it runs again on a fresh worker of the same pool.
          lease.runtime.execute(this);
          return;
        } catch (RejectedExecutionException e) {
          cause.addSuppressed(e);
        }
      }
      result.completeExceptionally(new WorkerCrashedException(
          "job of lease " + lease.id + " crashed its worker " + crashes + " times", crashes, cause));
      lease.exit();
    }

    @Override
    public void reject(Throwable cause) {
      result.completeExceptionally(cause);
      lease.exit();
    }
  }
}
