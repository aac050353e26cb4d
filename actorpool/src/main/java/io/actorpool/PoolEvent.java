package io.actorpool;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * What a {@code PoolSupervisor} publishes on the actor system's event stream, so that tests,
 * dashboards and operators can see every decision and its reason. Subscribe with {@code
 * system.getEventStream().subscribe(listener, PoolEvent.class)}, or to one record type.
 *
 * <p>{@code supervisor} is the supervisor's actor path, so several supervisors can be told apart.
 */
public sealed interface PoolEvent extends NoSerializationVerificationNeeded {

  /** The supervisor's actor path. */
  String supervisor();

  /**
   * The desired pool count changed.
   *
   * @param units the unit count it was computed from
   * @param previous the desired count before
   * @param desired the desired count now
   * @param reason what changed it, e.g. {@code ScaleChanged(31)} or {@code check-interval}
   */
  record TargetChanged(String supervisor, int units, int previous, int desired, String reason)
      implements PoolEvent {}

  /** A pool was started. */
  record PoolStarted(String supervisor, String pool) implements PoolEvent {}

  /**
   * A pool began to drain: it finishes its running jobs, takes nothing new, then stops.
   *
   * @param runningJobs jobs it still had when draining began
   * @param reason why, e.g. {@code above target 1}
   */
  record PoolDraining(String supervisor, String pool, int runningJobs, String reason)
      implements PoolEvent {}

  /** A pool's threads have ended and it no longer counts against max-pools. */
  record PoolStopped(String supervisor, String pool) implements PoolEvent {}

  /**
   * A pool's actor failed and was restarted or replaced; its jobs were not lost.
   *
   * @param cause the failure, as {@code Class: message}
   */
  record PoolCrashed(String supervisor, String pool, String cause) implements PoolEvent {}

  /**
   * The size signal failed. Published once, and again only when the failure changes.
   *
   * @param error the failure, as {@code Class: message}
   * @param unitsUsed the unit count used instead (held, or zero)
   */
  record SignalFailed(String supervisor, String error, int unitsUsed) implements PoolEvent {}

  /** The size signal works again after a failure. */
  record SignalRecovered(String supervisor, int units) implements PoolEvent {}

  /**
   * A worker left its pool.
   *
   * @param worker the worker's thread name
   * @param reason why: {@code max-jobs}, {@code max-lifetime}, {@code idle}, {@code job-done}
   *     (ephemeral mode), {@code resized}, {@code crashed} or {@code shutdown}
   * @param jobs jobs it ran
   */
  record WorkerStopped(String supervisor, String pool, String worker, String reason, long jobs)
      implements PoolEvent {}

  /**
   * A job crashed its worker.
   *
   * @param crashes how many workers it has crashed so far
   * @param retried whether it runs again; if not, its caller got {@link WorkerCrashedException}
   * @param cause the crash, as {@code Class: message}
   */
  record JobCrashed(String supervisor, String pool, int crashes, boolean retried, String cause)
      implements PoolEvent {}

  /** A step in a lease's life. */
  enum LeaseStep {
    /** The lease was granted. */
    GRANTED,
    /** Soft expiry: the holder was warned; it is revoked after the grace unless renewed. */
    EXPIRING,
    /** The lease was renewed. */
    RENEWED,
    /** The lease was released and its pool given back. */
    RELEASED,
    /** The holder actor stopped; the lease was released and its queued work cancelled. */
    HOLDER_STOPPED,
    /** Hard expiry: the lease was revoked and its pool is draining. */
    REVOKED,
    /** A revoked pool's threads did not stop within {@code lease.revoke-timeout}. */
    STUCK
  }

  /**
   * A lease changed.
   *
   * @param leaseId the lease
   * @param pool the leased pool
   * @param holder the holder's actor path, or a note that none is watched
   * @param step what happened
   * @param detail a human-readable explanation
   */
  record LeaseChanged(String supervisor, String leaseId, String pool, String holder,
      LeaseStep step, String detail) implements PoolEvent {}

  /**
   * The system load's current verdict flipped: {@link LoadSnapshot#overloaded()} became true, or
   * false again. Published by a {@code SystemLoad} actor, not by a supervisor, at the sample where
   * the verdict changed; every supervisor of the JVM sees the same load.
   *
   * @param supervisor here the {@code SystemLoad} actor's path
   * @param overloaded the verdict now
   * @param signals the signals overloaded over {@code current-window} now, by config name
   * @param cpu this JVM's CPU ratio at that sample, 0..1, or NaN if unknown
   * @param memory the memory ratio at that sample, 0..1, or NaN if unknown
   */
  record LoadChanged(String supervisor, boolean overloaded, java.util.List<String> signals,
      double cpu, double memory) implements PoolEvent {
    public LoadChanged {
      signals = java.util.List.copyOf(signals);
    }
  }
}
