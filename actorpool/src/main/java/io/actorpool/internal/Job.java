package io.actorpool.internal;

import java.util.concurrent.Callable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Status;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>A {@code Submit} job on its way through a worker thread. It replies straight to the caller
 * from the worker, so the supervisor is not on the reply path, then tells the supervisor its
 * worker is free.
 */
@InternalApi
final class Job implements PoolTask {

  private final Callable<?> callable;
  private final ActorRef replyTo;
  private final ActorRef supervisor;
  private final Object done;

  Job(Callable<?> callable, ActorRef replyTo, ActorRef supervisor, Object done) {
    this.callable = callable;
    this.replyTo = replyTo;
    this.supervisor = supervisor;
    this.done = done;
  }

  @Override
  public void run() {
    try {
      replyTo.tell(call(callable), ActorRef.noSender());
    } finally {
      supervisor.tell(done, ActorRef.noSender());
    }
  }

  /** Runs {@code callable} and turns its outcome into a reply message; never throws. */
  static Object call(Callable<?> callable) {
    try {
      Object result = callable.call();
      return result == null ? Done.getInstance() : result;
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable t) {
      return new Status.Failure(t);
    }
  }

  /** Fails the caller without running the job, e.g. when its pool went away first. */
  @Override
  public void reject(Throwable cause) {
    replyTo.tell(new Status.Failure(cause), ActorRef.noSender());
  }
}
