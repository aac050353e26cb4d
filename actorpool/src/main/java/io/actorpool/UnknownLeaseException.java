package io.actorpool;

/** A lease id that this supervisor never granted. */
public final class UnknownLeaseException extends LeaseException {
  private static final long serialVersionUID = 1L;

  public UnknownLeaseException(String message) {
    super(message);
  }

  public UnknownLeaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
