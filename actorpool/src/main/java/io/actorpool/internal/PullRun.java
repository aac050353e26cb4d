package io.actorpool.internal;

import io.actorpool.RunCompleted;
import io.actorpool.TaskSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The state of one pull-mode run, owned by the supervisor actor (not thread-safe): what is
 * running, what was counted, whether a question to the source is in flight, and who waits for a
 * pause to take effect.
 */
@InternalApi
final class PullRun {

  final TaskSource source;
  final ActorRef replyTo;
  final long startedNanos = System.nanoTime();
  final Set<Job> running = new LinkedHashSet<>();
  final List<ActorRef> pauseWaiters = new ArrayList<>();
  /** A readiness or finished question is in flight; the source is asked one thing at a time. */
  boolean asking;
  boolean paused;
  long started;
  long succeeded;
  long failed;
  /** Earliest time the next task may start under {@code max-tasks-per-minute}. */
  long nextStartNanos;

  PullRun(TaskSource source, ActorRef replyTo) {
    this.source = source;
    this.replyTo = replyTo;
  }

  RunCompleted completed() {
    return new RunCompleted(started, succeeded, failed,
        Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  String state() {
    return "running=" + running.size() + ", started=" + started + ", succeeded=" + succeeded
        + ", failed=" + failed + (paused ? ", paused" : "");
  }
}
