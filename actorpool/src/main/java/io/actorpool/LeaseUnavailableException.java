package io.actorpool;

import java.time.Duration;
import java.util.Optional;

/**
 * No pool could be leased within the requested wait: every pool was leased or busy and {@code
 * max-pools} were in use.
 */
public final class LeaseUnavailableException extends LeaseException {
  private static final long serialVersionUID = 1L;

  private final Duration waited;

  public LeaseUnavailableException(String message) {
    this(message, (Duration) null);
  }

  public LeaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.waited = null;
  }

  /**
   * @param message what was unavailable
   * @param waited how long the request waited in the supervisor before it was refused
   */
  public LeaseUnavailableException(String message, Duration waited) {
    super(message);
    this.waited = waited;
  }

  /**
   * How long the request waited in the supervisor, from its arrival to its refusal, as the
   * supervisor measured it; empty when the exception was rebuilt from another node's message.
   */
  public Optional<Duration> waited() {
    return Optional.ofNullable(waited);
  }
}
