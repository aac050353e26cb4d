package io.actorpool.internal;

import io.actorpool.JobTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Status;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>A {@code Submit} job from the moment the supervisor accepts it until its caller has exactly
 * one answer. It replies straight to the caller from the worker, so the supervisor is not on the
 * reply path, then tells the supervisor its worker is free.
 *
 * <p>Three parties race to answer: the job finishing, its timeout, and a rejection. A small state
 * machine under the job's monitor lets exactly one of them reply; the lock is uncontended in the
 * common case.
 */
@InternalApi
final class Job implements PoolTask, PortableTask {

  private static final int PENDING = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int TIMED_OUT = 3;

  /** Told to the supervisor when the worker this job was given to died before or under it. */
  record Crashed(Job job, Object poolDone, Throwable cause) {}

  final Callable<?> callable;
  /** Where the answer goes: an actor, or else {@link #future}. */
  final ActorRef replyTo;
  final CompletableFuture<Object> future;
  final Duration timeout;
  /** Capabilities a pool must offer to run it. */
  final Set<String> requires;
  private final ActorRef supervisor;

  /** Arrival order in the supervisor's queue. */
  long seq;

  /** The pool's done-message, set by the supervisor when it hands the job to a pool. */
  volatile Object done;
  /** Workers this job has crashed; touched only inside the supervisor. */
  int crashes;
  /** The timeout timer, if any; cancelled once answered. */
  volatile Cancellable timer;

  private int state = PENDING;
  private Thread runner;

  Job(Callable<?> callable, ActorRef replyTo, ActorRef supervisor, Duration timeout,
      Set<String> requires) {
    this(callable, replyTo, null, supervisor, timeout, requires);
  }

  Job(Callable<?> callable, CompletableFuture<Object> future, ActorRef supervisor,
      Duration timeout) {
    this(callable, null, future, supervisor, timeout, Set.of());
  }

  private Job(Callable<?> callable, ActorRef replyTo, CompletableFuture<Object> future,
      ActorRef supervisor, Duration timeout, Set<String> requires) {
    this.callable = callable;
    this.requires = requires;
    this.replyTo = replyTo;
    this.future = future;
    this.supervisor = supervisor;
    this.timeout = timeout;
  }

  @Override
  public void run() {
    runAs(callable);
  }

  @Override
  public Callable<?> callable() {
    return callable;
  }

  @Override
  public void runAs(Callable<?> body) {
    synchronized (this) {
      if (state != PENDING) {
        notifyDone();
        return;
      }
      state = RUNNING;
      runner = Thread.currentThread();
    }
    Object reply;
    try {
      Object result = body.call();
      // A message cannot be null; a future can.
      reply = result == null && future == null ? Done.getInstance() : result;
    } catch (PortableTask.WorkerLost lost) {
      crashedWhileRunning(lost.getCause());
      return;
    } catch (VirtualMachineError fatal) {
      crashedWhileRunning(fatal);
      throw new ThreadPoolRuntime.WorkerCrash(fatal);
    } catch (Throwable t) {
      reply = new Status.Failure(ThreadPoolRuntime.jobFailure(t));
    }
    answer(reply, RUNNING);
    notifyDone();
  }

  /** The job's own worker died under it: give it back to the supervisor to retry or fail. */
  private void crashedWhileRunning(Throwable cause) {
    boolean retry;
    synchronized (this) {
      retry = state == RUNNING;
      state = retry ? PENDING : DONE;
      runner = null;
    }
    if (retry) {
      Object poolDone = done;
      done = null;
      supervisor.tell(new Crashed(this, poolDone, cause), ActorRef.noSender());
    } else {
      notifyDone();
    }
  }

  @Override
  public void crashed(Throwable cause) {
    Object poolDone = done;
    done = null;
    supervisor.tell(new Crashed(this, poolDone, cause), ActorRef.noSender());
  }

  @Override
  public void reject(Throwable cause) {
    answer(new Status.Failure(cause), PENDING);
    notifyDone();
  }

  /** Fails a job that will not run again (the supervisor gave up on it). */
  void fail(Throwable cause) {
    answer(new Status.Failure(cause), PENDING);
  }

  /**
   * The timeout fired: answer with {@link JobTimeoutException} unless already answered; interrupt
   * the job if it runs.
   *
   * @return true if the job had not started, so the supervisor may drop it from its queue
   */
  boolean timeOut() {
    return cancel(new JobTimeoutException(
        "job did not finish within its timeout of " + timeout, timeout));
  }

  /**
   * Answers with {@code cause} unless already answered, and interrupts the job if it runs.
   *
   * @return true if the job had not started, so the supervisor may drop it from its queue
   */
  boolean cancel(Throwable cause) {
    boolean wasPending;
    synchronized (this) {
      if (state == DONE || state == TIMED_OUT) {
        return false;
      }
      wasPending = state == PENDING;
      state = TIMED_OUT;
      if (runner != null) {
        runner.interrupt();
      }
    }
    Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
    send(new Status.Failure(cause));
    return wasPending;
  }

  private void answer(Object reply, int expected) {
    synchronized (this) {
      if (state != expected) {
        return;
      }
      state = DONE;
      runner = null;
    }
    Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
    send(reply);
  }

  private void send(Object reply) {
    if (future == null) {
      replyTo.tell(reply, ActorRef.noSender());
    } else if (reply instanceof Status.Failure failure) {
      future.completeExceptionally(failure.cause());
    } else {
      future.complete(reply);
    }
  }

  private void notifyDone() {
    Object poolDone = done;
    if (poolDone != null) {
      supervisor.tell(poolDone, ActorRef.noSender());
    }
  }
}
