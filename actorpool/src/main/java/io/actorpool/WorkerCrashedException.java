package io.actorpool;

/**
 * A job's worker died under it: a fatal error in the job ({@link VirtualMachineError}, such as
 * {@link StackOverflowError}), a worker initializer that failed, or a worker killed by {@code
 * killWorkers}. A job that crashed its worker fewer than {@code workers.max-job-crashes} times is
 * run again on a fresh worker; after that it fails with this exception, carrying the last cause,
 * and is not retried again.
 */
public final class WorkerCrashedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int crashes;

  public WorkerCrashedException(String message, int crashes, Throwable cause) {
    super(message, cause);
    this.crashes = crashes;
  }

  /** Rebuilds the exception from its message alone, as it arrives from another node. */
  public WorkerCrashedException(String message) {
    this(message, 0, null);
  }

  /** How many times the job crashed a worker; zero when rebuilt from another node's message. */
  public int crashes() {
    return crashes;
  }
}
