package io.actorpool;

/** The lease was revoked at hard expiry (its {@code leaseFor} and {@code lease.grace} have passed); work can no longer run under it. */
public final class LeaseExpiredException extends LeaseException {
  private static final long serialVersionUID = 1L;

  public LeaseExpiredException(String message) {
    super(message);
  }

  public LeaseExpiredException(String message, Throwable cause) {
    super(message, cause);
  }
}
