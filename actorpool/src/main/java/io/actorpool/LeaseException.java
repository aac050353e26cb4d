package io.actorpool;

/** The base of the lease failures, so callers can catch them together. */
public abstract class LeaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LeaseException(String message) {
    super(message);
  }

  LeaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
