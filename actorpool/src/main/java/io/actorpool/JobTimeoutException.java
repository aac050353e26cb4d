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

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
