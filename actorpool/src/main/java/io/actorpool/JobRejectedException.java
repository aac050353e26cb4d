package io.actorpool;

/**
 * A {@link Submit} was refused because every worker was busy and the supervisor's queue already
 * held {@code max-queued-jobs} jobs, or because the supervisor is stopping.
 */
public final class JobRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobRejectedException(String message) {
    super(message);
  }
}
