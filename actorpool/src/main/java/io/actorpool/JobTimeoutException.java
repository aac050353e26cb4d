package io.actorpool;

import java.time.Duration;

/**
 * A job did not finish within its timeout ({@link Submit#timeout()} or {@code
 * workers.job-timeout}), counted from when it was submitted. A queued job is dropped; a running
 * one is interrupted. Its worker stays counted as busy until the job really returns.
 */
public final class JobTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public JobTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /** Rebuilds the exception from its message alone, as it arrives from another node. */
  public JobTimeoutException(String message) {
    this(message, Duration.ZERO);
  }

  /** The timeout that expired; zero when it was rebuilt from a message from another node. */
  public Duration timeout() {
    return timeout;
  }
}
